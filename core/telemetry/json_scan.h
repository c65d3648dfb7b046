#pragma once
// A small, strict, allocation-free JSON scanner for the hot path of the log reader: one step
// record per line, read a million times. It validates what it skips (strings, escapes, numbers,
// nesting up to kMaxDepth) so garbage is rejected, never accepted. Rare records (header, event,
// eval, cosine) go to nlohmann_json instead.
#include <cstddef>
#include <cstdint>
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
  // Consumes `text` if it comes next, exactly (no whitespace skipped).
  bool expect(std::string_view text) {
    if (static_cast<std::size_t>(end_ - p_) < text.size() ||
        __builtin_memcmp(p_, text.data(), text.size()) != 0)
      return false;
    p_ += text.size();
    return true;
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
  // An array of numbers or nulls (NaN), at most max_size of them, into out (cleared). The hot
  // loop of the reader: step records are mostly such arrays.
  template <class Vec>
  bool number_array(Vec& out, std::size_t max_size);
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

namespace detail {
// Powers of ten exactly representable as doubles (10^0 .. 10^22).
inline constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                    1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
[[gnu::always_inline]] inline bool is_digit(char c) {
  return static_cast<unsigned char>(c - '0') < 10;
}
// Eight ASCII digits at once (the SWAR trick of fast_float): most logged numbers have 7 to 9
// fraction digits.
[[gnu::always_inline]] inline std::uint64_t load8(const char* p) {
  std::uint64_t v;
  __builtin_memcpy(&v, p, 8);
  return v;
}
[[gnu::always_inline]] inline bool eight_digits(std::uint64_t v) {
  return !(((v + 0x4646464646464646ull) | (v - 0x3030303030303030ull)) & 0x8080808080808080ull);
}
[[gnu::always_inline]] inline std::uint32_t eight_digit_value(std::uint64_t v) {
  constexpr std::uint64_t mask = 0x000000FF000000FFull;
  constexpr std::uint64_t mul1 = 0x000F424000000064ull;  // 100 + (1000000 << 32)
  constexpr std::uint64_t mul2 = 0x0000271000000001ull;  // 1 + (10000 << 32)
  v -= 0x3030303030303030ull;
  v = (v * 10) + (v >> 8);
  v = (((v & mask) * mul1) + (((v >> 16) & mask) * mul2)) >> 32;
  return static_cast<std::uint32_t>(v);
}
inline constexpr std::uint64_t kPow10Int[] = {1,      10,      100,      1000,     10000,
                                              100000, 1000000, 10000000, 100000000};
// Appends the decimal digits at p to `mantissa` (wrapping past 19 digits: callers count them);
// returns the first non-digit. Eight bytes at a time while eight remain in [p, end): the run of
// leading digits is found from the non-digit mask and right-aligned with '0' padding.
[[gnu::always_inline]] inline const char* read_digits(const char* p, const char* end,
                                                      std::uint64_t& mantissa) {
  static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the SWAR trick assumes it");
  while (end - p >= 8) {
    const std::uint64_t v = load8(p);
    const std::uint64_t non_digit =
        ((v + 0x4646464646464646ull) | (v - 0x3030303030303030ull)) & 0x8080808080808080ull;
    if (non_digit == 0) {
      mantissa = mantissa * 100000000 + eight_digit_value(v);
      p += 8;
      continue;
    }
    const int n = __builtin_ctzll(non_digit) >> 3;  // digits before the first non-digit
    if (n > 0) {
      const int pad = 8 - n;
      const std::uint64_t aligned = (v << (8 * pad)) | (0x3030303030303030ull >> (8 * n));
      mantissa = mantissa * kPow10Int[n] + eight_digit_value(aligned);
    }
    return p + n;
  }
  while (p < end && is_digit(*p)) mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
  return p;
}
// The rare numbers: more than 19 digits or a large exponent (std::from_chars).
const char* parse_number_slow(const char* start, const char* end, bool negative, int exp10,
                              double& out);
}  // namespace detail

// Strict JSON number at [p, end): returns the end of the number, or nullptr if the text there
// is not a JSON number. Exact (correctly rounded) for every input. Inline: it is the reader's
// innermost loop.
[[gnu::always_inline]] inline const char* parse_json_number(const char* p, const char* end,
                                                            double& out) {
  // Validate the grammar and gather the digits for Clinger's fast path: a mantissa below 2^53
  // times an exact power of ten up to 10^22 is correctly rounded by one multiply or divide.
  using detail::is_digit;
  const char* start = p;
  const bool negative = p < end && *p == '-';
  p += negative;
  const char* int_begin = p;
  std::uint64_t mantissa = 0;
  // Integer parts are short (mostly one digit): a plain loop beats SWAR there.
  while (p < end && is_digit(*p)) mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
  auto digits = p - int_begin;
  if (digits == 0 || (digits > 1 && *int_begin == '0')) return nullptr;
  int exp10 = 0;
  if (p < end && *p == '.') {
    const char* frac_begin = ++p;
    p = detail::read_digits(p, end, mantissa);
    if (p == frac_begin) return nullptr;
    exp10 = -static_cast<int>(p - frac_begin);
    digits += p - frac_begin;
  }
  if (p < end && (*p == 'e' || *p == 'E')) {
    ++p;
    bool eneg = false;
    if (p < end && (*p == '+' || *p == '-')) eneg = *p++ == '-';
    if (p == end || !is_digit(*p)) return nullptr;
    int e = 0;
    while (p < end && is_digit(*p)) {
      if (e < 100000) e = e * 10 + (*p - '0');
      ++p;
    }
    exp10 += eneg ? -e : e;
  }
  // Up to 19 digits cannot overflow the 64-bit mantissa (leading zeros count, harmlessly);
  // with more it may have wrapped, and the slow path reads the text again.
  if (digits <= 19 && mantissa <= (std::uint64_t{1} << 53) && exp10 >= -22 && exp10 <= 22) {
    double v = static_cast<double>(mantissa);
    v = exp10 < 0 ? v / detail::kPow10[-exp10] : v * detail::kPow10[exp10];
    out = negative ? -v : v;
    return p;
  }
  return detail::parse_number_slow(start, p, negative, exp10, out);
}

inline bool JsonScanner::number(double& out) {
  skip_ws();
  const char* e = parse_json_number(p_, end_, out);
  if (!e) return false;
  p_ = e;
  return true;
}

template <class Vec>
bool JsonScanner::number_array(Vec& out, std::size_t max_size) {
  out.clear();
  if (!consume('[')) return false;
  if (consume(']')) return true;
  for (;;) {
    skip_ws();
    double v;
    if (p_ < end_ && *p_ == 'n') {
      if (!literal("null")) return false;
      v = __builtin_nan("");
    } else {
      const char* e = parse_json_number(p_, end_, v);
      if (!e) return false;
      p_ = e;
    }
    if (out.size() >= max_size) return false;
    out.push_back(v);
    // Writers put no spaces between elements; take the common case without skip_ws.
    if (p_ < end_ && *p_ == ',') {
      ++p_;
      continue;
    }
    return consume(']');
  }
}

}  // namespace ps::telemetry
