#pragma once
// A small, strict, allocation-free JSON scanner for the hot path of the log reader: one step
// record per line, read a million times. It validates what it skips (strings, escapes, numbers,
// nesting up to kMaxDepth) so garbage is rejected, never accepted. Rare records (header, event,
// eval, cosine) go to nlohmann_json instead.
#include <cstddef>
#include <string_view>

namespace ps::telemetry {

class JsonScanner {
 public:
  static constexpr int kMaxDepth = 64;

  explicit JsonScanner(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  // Skips spaces, tabs, CR and LF.
  void skip_ws() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\r' || *p_ == '\n')) ++p_;
  }
  // Consumes `c` after whitespace; false (nothing consumed but whitespace) otherwise.
  bool consume(char c) {
    skip_ws();
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }
  // Next non-space character, or 0 at the end.
  char peek() {
    skip_ws();
    return p_ < end_ ? *p_ : '\0';
  }
  bool at_end() {
    skip_ws();
    return p_ == end_;
  }

  // A string; `raw` is its text between the quotes, escapes left as written. `has_escape` says
  // whether `raw` contains a backslash. Escapes and control characters are validated.
  bool string(std::string_view& raw, bool& has_escape);
  // A JSON number (strict grammar), converted to the nearest double.
  bool number(double& out);
  // A number or null (read as NaN: writers put null for non-finite values).
  bool number_or_null(double& out);
  // Any value, validated and discarded.
  bool skip_value() { return skip_value(0); }

 private:
  bool skip_value(int depth);
  bool literal(std::string_view word);

  const char* p_;
  const char* end_;
};

// Strict JSON number at [p, end): returns the end of the number, or nullptr if the text there
// is not a JSON number. Exact (correctly rounded) for every input.
const char* parse_json_number(const char* p, const char* end, double& out);

}  // namespace ps::telemetry
