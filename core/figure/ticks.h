#pragma once
// Axis ticks computed once in core, so the Cairo and ImGui renderers place the same ticks.
#include <string>
#include <vector>

namespace ps::fig {

// Round 1-2-5 steps: the ticks k * step inside [lo, hi] (tolerant at the ends), about `target`
// of them (never fewer than 2 for a non-empty range). lo > hi is swapped; lo == hi gets a
// small range around it.
std::vector<double> nice_ticks(double lo, double hi, int target = 5);

// The 1-2-5 step nice_ticks() uses.
double nice_step(double lo, double hi, int target = 5);

// Powers of ten within [lo, hi] (lo > 0); adds 2x and 5x when fewer than 3 decades fit.
std::vector<double> log_ticks(double lo, double hi);

// Expands [lo, hi] outward to multiples of the nice step, after a relative padding `pad`.
void nice_range(double& lo, double& hi, double pad = 0.0, int target = 5);

// A tick label: as few decimals as the step needs ("-0.5", "10", "1e-05"), "-0" printed as "0",
// and a real minus sign (U+2212) as matplotlib does.
std::string format_tick(double value, double step);

}  // namespace ps::fig
