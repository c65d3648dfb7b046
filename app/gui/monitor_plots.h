#pragma once
// The run monitor's plots as figure-model panels (fig::Panel), built from the attached runs'
// logs: losses, rates g_i^T d, weights, weight shares, the solver's residual and iterations,
// step time (the gradient cosine heatmap: monitor_cosine.h). Pure: no ImGui, no GL, no watcher threads; the
// panel code hands each run's RunLog and RunSeries in while it holds that run's watcher.
//
// Every series is thinned with telemetry::decimate_minmax over the visible x range at the
// plot's pixel width, so a panel holds a few points per pixel column whatever the run's length;
// NaN gaps split a series into several polylines (the renderer joins what it is given).
//
//   MonitorBuilder b(request);
//   for (run : runs) b.include_extent(*run.series);  // only needed while following
//   for (run : runs) b.add(run);
//   MonitorPlots plots = b.finish();
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "app/gui/monitor_events.h"
#include "app/gui/plot_view.h"
#include "app/gui/runs_model.h"
#include "core/figure/figure_spec.h"
#include "core/telemetry/run_log.h"
#include "core/telemetry/run_series.h"
#include "core/telemetry/series_decimate.h"

namespace ps::gui {

// The time-series plots, in the grid's reading order.
enum class MonitorPlot { loss, rate, weight, share, residual, iterations, time };
inline constexpr int kMonitorPlots = 7;
const char* title(MonitorPlot p);
// Whether the plot's y axis is log10 under these options (the residual always is; shares and
// iterations never).
bool log_y(MonitorPlot p, const MonitorOptions& o);

// One visible run as the builder sees it (pointers valid for the duration of add()).
struct MonitorRun {
  const telemetry::RunLog* log = nullptr;
  const telemetry::RunSeries* series = nullptr;
  std::string label;  // legend name of the run
  fig::Color color;   // the run's colour when several are overlaid
};

// What to build: the options, which tasks, how wide a plot is, and where the plots look.
struct MonitorRequest {
  MonitorOptions view;
  int task = -1;          // the task filter: -1 every task, else that one
  int columns = 400;      // pixel columns across a plot (decimation resolution)
  bool overlay = false;   // several runs: colour by run, tasks by shade
  bool follow = true;     // fit all data; else the shared x range and per-plot y below
  double x0 = 0, x1 = 1;  // the shared x range (not following)
  std::array<bool, kMonitorPlots> y_user{};  // this plot keeps y0/y1 (axis units) as given
  std::array<double, kMonitorPlots> y0{}, y1{};
};

struct MonitorPlots {
  std::array<fig::Panel, kMonitorPlots> panels;
  std::array<Range2, kMonitorPlots> ranges;  // what each plot shows (axis units)
  std::vector<EventMark> events;             // every run's, in run then log order
  double data_x0 = 0, data_x1 = 1;           // the extent of every run's x
  std::vector<std::string> tasks;            // the first run's task names (the task filter)
  bool empty = true;                         // no row in any run
};

class MonitorBuilder {
 public:
  explicit MonitorBuilder(const MonitorRequest& r);
  // Widens the data extent by this series' x (call for every run before add()).
  void include_extent(const telemetry::RunSeries& s);
  // Decimates the run's series into the panels; records its events.
  void add(const MonitorRun& run);
  // Fits the ranges (follow: all data; else the request's x and each plot's y, fitted to the
  // visible data unless the user set it), then adds event lines and legends.
  MonitorPlots finish();

 private:
  void add_series(MonitorPlot p, std::span<const double> x, bool monotonic,
                  std::span<const float> y, const telemetry::MinMaxTree* tree, double scale,
                  const fig::Polyline& style);
  void add_status_changes(const MonitorRun& run);

  MonitorRequest r_;
  MonitorPlots out_;
  double ext0_, ext1_;
  std::array<double, kMonitorPlots> ylo_, yhi_;  // visible data range per plot (axis units)
  int runs_ = 0;
  std::vector<telemetry::XY> buf_;
  std::vector<std::string> statuses_seen_;
};

// Task colours of a single run: Okabe-Ito, then three more distinct ones (10 in all, cycling).
fig::Color task_palette(int task);

}  // namespace ps::gui
