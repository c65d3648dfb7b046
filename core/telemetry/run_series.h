#pragma once
// What the run monitor draws, derived from a RunLog's columns: the x values (step, or wall time
// across resumed segments), weight shares w_i / sum w, and EMA-smoothed copies of every series.
// Kept up to date incrementally as the log grows (appended rows cost only their own work), so
// a live run costs little per poll. Every row is kept; thinning happens only when drawing
// (series_decimate.h). No GUI, no torch.
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include "core/telemetry/minmax_tree.h"
#include "core/telemetry/run_log.h"

namespace ps::telemetry {

// The per-step quantities a monitor plots. The first five are per task; the rest are scalars
// (task index 0).
enum class Quantity {
  loss,
  rate,         // g_i^T d
  weight,       // w_i
  share,        // w_i / sum_j w_j
  grad_norm,    // |g_i|
  step_time,    // seconds per step
  method_time,  // seconds in the weighting method
  residual,     // the solver's residual
  iterations,   // the solver's iterations
};
inline constexpr int kNumQuantities = 9;
const char* to_string(Quantity q);  // "loss", "rate", ... (CSV column stems)
bool is_per_task(Quantity q);

enum class XAxis { step, wall_time };
const char* to_string(XAxis a);  // "step", "wall time (s)"

class RunSeries {
 public:
  // Brings the derived columns up to date with `log`: rows appended since the last call are
  // processed; a log that shrank or whose task count changed (re-read from the start) is
  // rebuilt from scratch.
  void update(const RunLog& log);

  // TensorBoard-style smoothing: s_t = f s_{t-1} + (1 - f) y_t, debiased (divided by
  // 1 - f^(t+1)); NaN values are skipped (carry the last smoothed value). f in [0, 1); 0 gives
  // the raw values. Changing it recomputes the smoothed columns (O(rows)).
  void set_smoothing(double f);
  double smoothing() const { return smoothing_; }

  std::size_t size() const { return rows_; }
  int num_tasks() const { return num_tasks_; }
  // x of every row: the step as logged, or seconds since the first header's start_unix
  // (segment start_unix + time), so resumed segments continue to the right.
  std::span<const double> x(XAxis a) const;
  // Raw and smoothed values of (q, task) for every row; NaN where the record had none.
  std::span<const float> raw(Quantity q, int task = 0) const;
  std::span<const float> smooth(Quantity q, int task = 0) const;
  // Their summary trees, for decimating without a pass over every visible row; null where
  // raw() / smooth() is empty.
  const MinMaxTree* raw_tree(Quantity q, int task = 0) const;
  const MinMaxTree* smooth_tree(Quantity q, int task = 0) const;
  // True when x(a) never decreases (then drawing may binary-search the visible rows).
  bool x_monotonic(XAxis a) const;
  // The last row at or before x (binary search when monotonic, else a scan); -1 when none.
  std::ptrdiff_t row_at(XAxis a, double x) const;

 private:
  // One plotted column: its values and the running EMA state that extends `smooth`.
  struct Column {
    std::vector<float> raw, smooth;  // smooth stays empty while smoothing_ is 0
    MinMaxTree raw_tree, smooth_tree;
    double ema = 0;                  // the un-debiased average
    double decay = 1;                // f^n after n finite values
    float last = std::numeric_limits<float>::quiet_NaN();  // the last smoothed value
  };
  void clear();
  void extend(const RunLog& log, std::size_t from);  // rows [from, log size)
  // Column ci's rows [from, size): raw values, then smoothed (threads fill distinct columns).
  void fill(std::size_t ci, const StepSeries& s, std::size_t from, const std::vector<double>& sums);
  void smooth(const std::vector<Column*>& cols, std::size_t from) const;  // rows [from, size)
  void grow_trees(Column& c) const;  // summarise the column's new complete blocks
  Column& col(Quantity q, int task) { return cols_[index(q, task)]; }
  const Column* find(Quantity q, int task) const;
  std::size_t index(Quantity q, int task) const;

  std::vector<double> x_[2];  // step, wall time
  bool monotonic_[2] = {true, true};
  std::vector<Column> cols_;  // per-task quantities K columns each, then the scalars
  std::size_t rows_ = 0;
  std::size_t headers_seen_ = 0;
  double first_start_ = 0;  // the first header's start_unix (NaN: unknown)
  double segment_offset_ = 0;  // wall-time offset of the segment the last row belongs to
  int num_tasks_ = 0;
  double smoothing_ = 0;
};

}  // namespace ps::telemetry
