#pragma once
// Thinning a long series to what a plot of W pixel columns can show: for each column, the rows
// whose x falls in it contribute their first, lowest, highest and last value (in row order), so
// spikes and the line's continuity survive at any zoom. Rows outside [x0, x1] are skipped except
// the nearest one on each side (the line runs to the plot's edge). Cost: with monotonic x,
// O(log rows + visible rows), and O(columns * log rows) with a MinMaxTree of y; otherwise O(rows).
#include <cstdint>
#include <span>
#include <vector>

#include "core/telemetry/minmax_tree.h"

namespace ps::telemetry {

struct XY {
  double x = 0, y = 0;
};

struct DecimateOptions {
  double x0 = 0, x1 = 1;  // the visible x range (axis units: x itself)
  int columns = 1000;     // pixel columns across it
  bool log_y = false;     // values <= 0 are dropped (breaking the line), others become log10
  // x never decreases (RunSeries::x_monotonic): the visible rows are found by binary search
  // and the line is thinned in row order. Otherwise every row is visited and each column's
  // rows (of any pass over it) are merged, columns emitted left to right.
  bool x_monotonic = false;
  // With x_monotonic: y's summary tree (RunSeries::raw_tree, smooth_tree); each column's
  // extremes then come from it instead of a pass over the column's rows. Same output.
  const MinMaxTree* tree = nullptr;
};

// Appends to `out` (cleared first) at most 5 * columns + 2 points: per column its first,
// lowest, highest and last finite point (fewer when they coincide), at most one break before
// it, and the nearest row outside [x0, x1] on each side. NaN values (and with log_y values
// <= 0) break the line: a point with y = NaN is emitted between runs of finite values that
// lie in different columns (renderers start a new polyline there; a gap narrower than a
// pixel column is not shown). Rows with NaN x are skipped. Only the first
// min(x.size(), y.size()) rows are used.
void decimate_minmax(std::span<const double> x, std::span<const float> y,
                     const DecimateOptions& o, std::vector<XY>& out);

// The finite min and max of y over rows whose x lies in [x0, x1] (for fitting a y range);
// {NaN, NaN} when there is none. With log_y only values > 0 count, and the range is given in
// the units decimate_minmax emits (log10 y). x_monotonic: as in DecimateOptions.
struct YRange {
  double lo, hi;
};
YRange visible_y_range(std::span<const double> x, std::span<const float> y, double x0, double x1,
                       bool log_y, bool x_monotonic = false);

}  // namespace ps::telemetry
