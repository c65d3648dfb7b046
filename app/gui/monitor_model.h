#pragma once
// The run monitor's logic apart from drawing: keeps MonitorState's panels in step with the
// attached runs (RunsModel) and the view options, links the plots' x ranges, pauses following
// when the user pans or zooms, and exports CSV. No ImGui calls: tests drive it directly.
#include <string>
#include <vector>

#include "app/gui/monitor_cosine.h"
#include "app/gui/monitor_readout.h"
#include "app/gui/monitor_state.h"
#include "app/gui/runs_model.h"

namespace ps::gui {

// Rebuilds the panels when something they depend on changed (a watcher's version, the options,
// the user's range, the plot width in pixels); returns true when it did. Also refreshes the
// cosine heatmap for the selected run at m.hover_x. Holds each watcher only while decimating.
// New rows alone rebuild at most every three times the last rebuild's cost when that was over
// 20 ms (a live run of a million rows stays responsive).
bool update_monitor(MonitorState& m, RunsModel& runs, int columns);

// The user panned or zoomed time-series plot p to `r` (axis units): following stops, every
// time-series plot shows r's x range, plot p keeps r's y range (the others fit their data).
void monitor_user_range(MonitorState& m, MonitorOptions& o, int p, const Range2& r);
// Follow live again: every plot fits all data, now and as it grows.
void monitor_follow(MonitorState& m, MonitorOptions& o);

// What every visible run logged at x (one readout each, in run order).
std::vector<RowReadout> monitor_readouts(const RunsModel& runs, double x);

// What the CSV export writes: each attached run's directory and the prefix of its files
// (RUN_DIR/export when `prefix` is empty; PREFIX for a single run, PREFIX-LABEL for several).
struct ExportTarget {
  std::string dir, prefix;
};
std::vector<ExportTarget> export_targets(const RunsModel& runs, const std::string& prefix);
// Reads each run's log afresh (so it may run on any thread while the watchers go on) and
// writes its CSV files (telemetry::export_run_csv). Returns one line per file written, or one
// line naming what failed (then ok is false; the other runs are still written).
std::string export_monitor_csv(const std::vector<ExportTarget>& targets, bool& ok);

}  // namespace ps::gui
