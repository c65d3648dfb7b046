#pragma once
// Thinning a long series to what a plot of W pixel columns can show: for each column, the rows
// whose x falls in it contribute their first, lowest, highest and last value (in row order), so
// spikes and the line's continuity survive at any zoom. Rows outside [x0, x1] are skipped except
// the nearest one on each side (the line runs to the plot's edge). Cost: O(visible rows) at
// most; with a prebuilt MinMaxIndex and monotonic x, O(columns * log rows).
#include <cstdint>
#include <span>
#include <vector>

namespace ps::telemetry {

struct XY {
  double x = 0, y = 0;
};

struct DecimateOptions {
  double x0 = 0, x1 = 1;  // the visible x range (axis units: x itself)
  int columns = 1000;     // pixel columns across it
  bool log_y = false;     // values <= 0 are dropped (breaking the line), others become log10
};

// Appends to `out` (cleared first) at most about 4 * columns + 2 points. NaN values break the
// line: a point with y = NaN is emitted between runs of finite values (renderers start a new
// polyline there). `x` and `y` have equal lengths; x need not be monotonic (then every row is
// visited).
void decimate_minmax(std::span<const double> x, std::span<const float> y,
                     const DecimateOptions& o, std::vector<XY>& out);

// The finite min and max of y over rows whose x lies in [x0, x1] (for fitting a y range);
// {NaN, NaN} when there is none. With log_y only values > 0 count.
struct YRange {
  double lo, hi;
};
YRange visible_y_range(std::span<const double> x, std::span<const float> y, double x0, double x1,
                       bool log_y);

}  // namespace ps::telemetry
