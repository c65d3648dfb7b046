#include "core/telemetry/json_scan.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace ps::telemetry {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Powers of ten exactly representable as doubles (10^0 .. 10^22).
constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

}  // namespace

const char* parse_json_number(const char* p, const char* end, double& out) {
  // Validate the JSON grammar and gather the digits for Clinger's fast path: a mantissa below
  // 2^53 times an exact power of ten up to 10^22 is correctly rounded by one multiply or divide.
  // Everything else goes to std::from_chars, which is exact too.
  const char* start = p;
  bool negative = false;
  if (p < end && *p == '-') {
    negative = true;
    ++p;
  }
  if (p == end || !is_digit(*p)) return nullptr;
  std::uint64_t mantissa = 0;
  int digits = 0;  // significant digits gathered into mantissa
  int exp10 = 0;
  bool exact = true;  // mantissa holds every significant digit
  auto take = [&](char c, bool fraction) {
    if (digits == 0 && c == '0') {
      if (fraction) --exp10;  // leading zeros after the point only shift the exponent
      return;
    }
    if (digits < 19) {
      mantissa = mantissa * 10 + static_cast<unsigned>(c - '0');
      ++digits;
      if (fraction) --exp10;
    } else {
      exact = false;
    }
  };
  if (*p == '0') {
    ++p;
    if (p < end && is_digit(*p)) return nullptr;  // no leading zeros
  } else {
    while (p < end && is_digit(*p)) take(*p++, false);
  }
  if (p < end && *p == '.') {
    ++p;
    if (p == end || !is_digit(*p)) return nullptr;
    while (p < end && is_digit(*p)) take(*p++, true);
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
  if (exact && mantissa <= (std::uint64_t{1} << 53) && exp10 >= -22 && exp10 <= 22) {
    double v = static_cast<double>(mantissa);
    v = exp10 < 0 ? v / kPow10[-exp10] : v * kPow10[exp10];
    out = negative ? -v : v;
    return p;
  }
  double v = 0;
  auto r = std::from_chars(start, p, v);
  if (r.ec == std::errc::result_out_of_range) {
    // from_chars leaves v alone on overflow or underflow; JSON has no such limit, so saturate.
    v = exp10 > 0 ? std::numeric_limits<double>::infinity() : 0.0;
    if (negative) v = -v;
  } else if (r.ec != std::errc() || r.ptr != p) {
    return nullptr;
  }
  out = v;
  return p;
}

bool JsonScanner::string(std::string_view& raw, bool& has_escape) {
  skip_ws();
  if (p_ == end_ || *p_ != '"') return false;
  const char* begin = ++p_;
  has_escape = false;
  while (p_ < end_) {
    const unsigned char c = static_cast<unsigned char>(*p_);
    if (c == '"') {
      raw = std::string_view(begin, static_cast<std::size_t>(p_ - begin));
      ++p_;
      return true;
    }
    if (c < 0x20) return false;
    if (c == '\\') {
      has_escape = true;
      if (++p_ == end_) return false;
      const char e = *p_;
      if (e == 'u') {
        if (end_ - p_ < 5) return false;
        for (int i = 1; i <= 4; ++i)
          if (!is_hex(p_[i])) return false;
        p_ += 4;
      } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' &&
                 e != 'r' && e != 't') {
        return false;
      }
    }
    ++p_;
  }
  return false;
}

bool JsonScanner::number(double& out) {
  skip_ws();
  const char* e = parse_json_number(p_, end_, out);
  if (!e) return false;
  p_ = e;
  return true;
}

bool JsonScanner::number_or_null(double& out) {
  if (peek() == 'n') {
    out = std::numeric_limits<double>::quiet_NaN();
    return literal("null");
  }
  return number(out);
}

bool JsonScanner::literal(std::string_view word) {
  skip_ws();
  if (static_cast<std::size_t>(end_ - p_) < word.size() ||
      std::string_view(p_, word.size()) != word)
    return false;
  p_ += word.size();
  return true;
}

bool JsonScanner::skip_value(int depth) {
  if (depth >= kMaxDepth) return false;
  switch (peek()) {
    case '"': {
      std::string_view s;
      bool esc;
      return string(s, esc);
    }
    case 't': return literal("true");
    case 'f': return literal("false");
    case 'n': return literal("null");
    case '[':
      ++p_;
      if (consume(']')) return true;
      do {
        if (!skip_value(depth + 1)) return false;
      } while (consume(','));
      return consume(']');
    case '{':
      ++p_;
      if (consume('}')) return true;
      do {
        std::string_view key;
        bool esc;
        if (!string(key, esc) || !consume(':') || !skip_value(depth + 1)) return false;
      } while (consume(','));
      return consume('}');
    default: {
      double v;
      return number(v);
    }
  }
}

}  // namespace ps::telemetry
