#pragma once
// Events of a run (run_started, params_changed, finished...) as the run monitor marks them: where
// on the x axis, a short label, a colour by kind. Pure: no ImGui.
#include <cstdint>
#include <string>

#include "core/figure/colormap.h"
#include "core/telemetry/run_log.h"
#include "core/telemetry/run_series.h"

namespace ps::gui {

// A vertical mark where something happened in a run (an EventRecord).
struct EventMark {
  double x = 0;               // axis units of the x axis
  std::int64_t step = 0;
  std::string kind, label;    // label: short, e.g. "alpha 2→10", "resumed"
  std::string message;        // the event's whole message
  fig::Color color;           // by kind
  int run = 0;                // index among the runs handed to the builder
};
fig::Color event_color(const std::string& kind);
std::string event_label(const telemetry::EventRecord& e);
// The x of something logged at (row, time) of `log`: its step, or its wall time on the series'
// wall-time axis (the segment's start plus `time`).
double logged_x(const telemetry::RunLog& log, const telemetry::RunSeries& s, telemetry::XAxis a,
                std::size_t row, std::int64_t step, double time);

}  // namespace ps::gui
