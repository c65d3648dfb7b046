#pragma once
// The monitor plots' own state between frames: the panels built from the attached runs (rebuilt
// only when the data, the view options, the visible range or the plot size change), one
// PlotView per plot, the user's range while not following, the hover position, the CSV export.
// Owned by panel_monitor.cpp and monitor_model.cpp.
#include <array>
#include <cmath>
#include <cstdint>
#include <future>
#include <string>
#include <utility>
#include <vector>

#include "app/gui/monitor_plots.h"
#include "app/gui/plot_view.h"

namespace ps::gui {

// Everything the built panels depend on; a change rebuilds them.
struct MonitorKey {
  std::vector<std::uint64_t> versions;  // each visible run's watcher version
  std::vector<std::string> labels;      // index, colour and label of each
  MonitorOptions view;
  int task = -1, columns = 0;
  double x0 = 0, x1 = 0;  // the user's range (only while not following)
  std::array<bool, kMonitorPlots> y_user{};
  std::array<double, kMonitorPlots> y0{}, y1{};
  bool operator==(const MonitorKey& o) const;
};

struct MonitorExport {
  std::string prefix;  // as typed; empty: each run's RUN_DIR/export
  std::future<std::pair<std::string, bool>> job;  // the export on its thread: report, ok
  std::string report;
  bool ok = true;
};

struct MonitorState {
  MonitorPlots plots;
  std::array<PlotView, kMonitorPlots> views;  // shown as plots.ranges (set at each rebuild)
  std::uint64_t revision = 0;                 // grows with each rebuild (the plot caches' key)
  MonitorKey built;
  bool built_once = false;
  double build_seconds = 0;  // the last rebuild's cost, and when it happened (steady clock)
  double built_at = -1e9;

  // While not following: the x range every time-series plot shows, and the y ranges the user
  // set (the others fit the data in view).
  double x0 = 0, x1 = 1;
  std::array<bool, kMonitorPlots> y_user{};
  std::array<double, kMonitorPlots> y0{}, y1{};

  int task = -1;  // the task filter (-1: every task)

  // The gradient cosine heatmap: the selected run's record at the hovered step, or the newest.
  fig::Panel cosine;
  PlotView cosine_view;
  int cosine_run = -1;
  std::ptrdiff_t cosine_record = -2;
  std::uint64_t cosine_version = 0;
  double cosine_hover = NAN;  // the hover x and axis it was chosen for
  telemetry::XAxis cosine_axis = telemetry::XAxis::step;

  double hover_x = NAN;  // x under the cursor in any monitor plot (NaN: none)
  MonitorExport exporter;
};

}  // namespace ps::gui
