#pragma once
// The run monitor's hover readout: what one run logged at the row under the cursor (raw and
// smoothed values of every task, the solver, step time, the latest evaluation). Pure: no ImGui.
#include <cstdint>
#include <string>
#include <vector>

#include "app/gui/monitor_plots.h"

namespace ps::gui {

struct TaskReadout {
  std::string name;
  float loss = 0, rate = 0, weight = 0, share = 0;          // raw (NaN: not logged)
  float loss_s = 0, rate_s = 0, weight_s = 0, share_s = 0;  // smoothed
};

struct RowReadout {
  std::string run;
  fig::Color color;
  std::ptrdiff_t row = -1;  // -1: the run has no row at or before x
  std::int64_t step = 0;
  std::int32_t epoch = 0;
  double wall = 0;  // seconds since the run's first start (the wall-time axis)
  std::vector<TaskReadout> tasks;
  std::string status;  // "" when none logged
  int iterations = 0;
  float residual = 0, step_ms = 0, method_ms = 0;
  std::string eval;  // the newest evaluation up to the row, e.g. "test accuracy 0.74 0.61 (epoch 2)"
};

// The last row of `run` at or before x (axis units of `a`) and what it holds.
RowReadout readout_at(const MonitorRun& run, telemetry::XAxis a, double x);

}  // namespace ps::gui
