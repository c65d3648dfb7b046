#include "app/cli/number_text.h"

#include <charconv>
#include <climits>
#include <cmath>
#include <ostream>

#include "core/errors.h"

namespace ps::cli {
namespace {

// to_chars without a precision gives the shortest form that round-trips.
std::string_view shortest(double v, char (&buf)[32]) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return {buf, static_cast<size_t>(r.ptr - buf)};
}

}  // namespace

std::string format_number(double v) {
  char buf[32];
  return std::string(shortest(v, buf));
}

void write_number(std::ostream& os, double v) {
  char buf[32];
  os << shortest(v, buf);
}

void write_json_number(std::ostream& os, double v) {
  if (!std::isfinite(v)) {
    os << "null";
    return;
  }
  write_number(os, v);
}

int parse_count(std::string_view text, std::string_view what, int lo, int hi) {
  const double v = parse_number(text, what);
  if (v != std::floor(v) || v < lo || v > hi)
    throw InputError(std::string(what) + ": '" + std::string(text) +
                     "' is not a whole number in [" + std::to_string(lo) + ", " +
                     std::to_string(hi) + "]");
  return static_cast<int>(v);
}

Eigen::Vector2d parse_point(std::string_view text, std::string_view what) {
  const auto comma = text.find(',');
  if (comma == std::string_view::npos || text.find(',', comma + 1) != std::string_view::npos)
    throw InputError(std::string(what) + ": expected two numbers x1,x2, got '" +
                     std::string(text) + "'");
  const std::string w(what);
  return {parse_number(text.substr(0, comma), w + " x1"),
          parse_number(text.substr(comma + 1), w + " x2")};
}

ParamValues parse_assignments(const std::vector<std::string>& texts) {
  ParamValues p;
  for (const auto& t : texts) {
    try {
      auto [name, value] = parse_assignment(t);
      p[name] = value;
    } catch (const InputError& e) {
      throw InputError(std::string("--set: ") + e.what());
    }
  }
  return p;
}

}  // namespace ps::cli
