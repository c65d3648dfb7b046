#pragma once
// Everything the GUI holds between frames: the models (toy page, comparison, export) and the
// views' own small state (visible ranges, which windows are open). Panels read and edit it;
// none of them keeps state of its own.
#include <imgui.h>

#include <array>
#include <cstdint>
#include <functional>
#include <string>

#include "app/gui/compare_model.h"
#include "app/gui/export_model.h"
#include "app/gui/monitor_state.h"
#include "app/gui/plot_cache.h"
#include "app/gui/plot_view.h"
#include "app/gui/runs_model.h"
#include "app/gui/screen_map.h"
#include "app/gui/step_series.h"
#include "app/gui/toy_model.h"

namespace ps::gui {

// steps and compare are the two tabs of the bottom window (open when either is).
struct WindowFlags {
  bool controls = true, loss = true, landscape = true, steps = true;
  bool compare = false, help = false;
};

// The per-step plots' cache: rebuilt when the snapshot, the trajectory or log scale changes.
struct StepPlotsState {
  std::array<fig::Panel, 3> panels;
  std::array<PlotView, 3> views;
  uint64_t version = 0;
  int run = -1;
  bool log_weights = true, built_log = false;  // FairGrad's weights grow by decades
  double hover_step = -1;  // the step under the cursor in any per-step plot, -1: none
};

// Where the views drew their plots in the last frame (for the start-point logic's hit tests,
// and for tests that look at pixels or move the mouse over a plot).
struct DrawnPlots {
  ScreenMap loss, param;
  bool loss_valid = false, param_valid = false;
};

// The two pages of the app: the toy problem, and training runs (attached, live or finished).
enum class Page { toy, runs };

struct AppState {
  // `worker` configures the live run's worker; its on_publish also serves the comparison and
  // wakes the frame loop when an attached run has new records.
  explicit AppState(SimWorker::Options worker = {}) : toy(worker), runs(worker.on_publish) {
    compare.set_on_publish(worker.on_publish);
  }

  ToyModel toy;
  CompareModel compare;
  ExportModel exporter;
  WindowFlags windows;
  Page page = Page::toy;
  RunsModel runs;        // attached training runs, the runs list, steering
  MonitorState monitor;  // the run monitor's plots

  PlotView loss_view, landscape_view;
  StepPlotsState steps;
  DrawnPlots drawn;

  bool add_on_click = false;  // a left click on empty parameter space adds a start point
  float px_per_pt = 1.5f;     // line widths and marker sizes of the figure model, on screen
  bool open_export = false;   // the menu or the E key asks the Export dialog to open
  bool reset_layout = true;   // place the windows in the default tiling on the next frame
  bool quit = false;
  bool select_compare = false, select_steps = false;  // bring that tab to the front next frame

  void show_compare() { windows.compare = select_compare = true; }
  void show_steps() { windows.steps = select_steps = true; }
  std::string message;  // one line in the status bar (for example the last key action)

  // The heatmap texture provider and the plots' offscreen pictures (set by the app when GL is
  // there; empty in tests, which then draw everything directly).
  std::function<ImTextureID(const fig::Heatmap&)> heatmap_texture;
  PlotCaches* plot_caches = nullptr;
};

}  // namespace ps::gui
