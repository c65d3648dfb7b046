#pragma once
// Numbers in and out of the command line: shortest round-trip printing, counts, points, --set.
#include <Eigen/Dense>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "core/registry.h"

namespace ps::cli {

// The shortest text that reads back to exactly `v` ("0.1", "1e-08"); "nan", "inf", "-inf".
std::string format_number(double v);
// Same, appended to a stream without building a string.
void write_number(std::ostream& os, double v);
// As JSON: the shortest round-trip text, or null for NaN and infinities (JSON has neither).
void write_json_number(std::ostream& os, double v);

// A whole number in [lo, hi] ("50000", "5e4"); throws InputError naming `what`.
int parse_count(std::string_view text, std::string_view what, int lo, int hi);
// "x1,x2" -> point; throws InputError naming `what`.
Eigen::Vector2d parse_point(std::string_view text, std::string_view what);
// Every "--set name=value" into one map (a later value for the same name wins).
ParamValues parse_assignments(const std::vector<std::string>& texts);

}  // namespace ps::cli
