#include "core/telemetry/json_scan.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

namespace ps::telemetry {
namespace {

bool is_hex(char c) {
  return detail::is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

}  // namespace

namespace detail {

// The decimal exponent of the leading digit of a validated JSON number (saturated): tells an
// overflow from an underflow.
long magnitude(const char* p, const char* end) {
  if (*p == '-') ++p;
  long int_digits = 0, leading_fraction_zeros = 0;
  bool nonzero = false;
  for (; p < end && is_digit(*p); ++p)
    if (nonzero || *p != '0') nonzero = true, ++int_digits;
  if (p < end && *p == '.')
    for (++p; p < end && is_digit(*p); ++p) {
      if (!nonzero && *p == '0')
        ++leading_fraction_zeros;
      else
        nonzero = true;
    }
  long e = 0;
  if (p < end && (*p == 'e' || *p == 'E')) {
    ++p;
    const bool neg = *p == '-';
    if (*p == '+' || *p == '-') ++p;
    for (; p < end && is_digit(*p); ++p)
      if (e < 100000000) e = e * 10 + (*p - '0');
    if (neg) e = -e;
  }
  return (int_digits > 0 ? int_digits - 1 : -leading_fraction_zeros - 1) + e;
}

const char* parse_number_slow(const char* start, const char* end, bool negative, int /*exp10*/,
                              double& out) {
  double v = 0;
  auto r = std::from_chars(start, end, v);
  if (r.ec == std::errc::result_out_of_range) {
    // from_chars leaves v alone on overflow or underflow; JSON has no such limit, so saturate
    // as strtod does.
    v = magnitude(start, end) > 0 ? std::numeric_limits<double>::infinity() : 0.0;
    if (negative) v = -v;
  } else if (r.ec != std::errc() || r.ptr != end) {
    return nullptr;
  }
  out = v;
  return end;
}
}  // namespace detail

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
    case 't':
      return literal("true");
    case 'f':
      return literal("false");
    case 'n':
      return literal("null");
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
