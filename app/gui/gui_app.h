#pragma once
// The running application: the window, the state, settings remembered between sessions, the
// frame loop, and the headless screenshot mode. Tests drive it frame by frame under Xvfb.
#include <chrono>
#include <iosfwd>
#include <memory>
#include <string>

#include "app/gui/app_state.h"
#include "app/gui/app_window.h"
#include "app/gui/gui_options.h"
#include "app/gui/heatmap_texture.h"
#include "app/gui/plot_cache.h"

namespace ps::gui {

// Applies the command line's settings (method, --set, --view, --compare...) over `s`.
void apply_options(const GuiOptions& o, AppState& s);

class GuiApp {
 public:
  // Opens the window (throws std::runtime_error without a display) and loads the settings.
  explicit GuiApp(const GuiOptions& o);
  ~GuiApp();  // saves the settings unless --no-config or in screenshot mode

  AppState& state() { return *state_; }
  AppWindow& window() { return *window_; }

  // One frame: input, models, UI, render; with `capture`, the frame is read back before it is
  // shown. `wait_s` > 0 first sleeps until input arrives, a run finishes, or wait_s passes.
  // Returns true while something animates (ui_frame()).
  bool frame(Image* capture = nullptr, double wait_s = 0);
  // Frames until the newest settings' run is on screen, the comparison has finished and every
  // attached training run's log is loaded (those awaited 30 s at most), or until `timeout_s`.
  // False on timeout, or when an attached run had not loaded.
  bool settle(double timeout_s = 120);
  // The interactive loop, or the screenshot run ("wrote FILE" on `out`). Returns the exit code.
  int run(std::ostream& out, std::ostream& err);
  // When the newest snapshot reached the screen (the end of the frame that first drew it).
  uint64_t shown_version() const { return drawn_version_; }
  // How often the landscape went to the GPU (once per landscape choice, not per run).
  int heatmap_uploads() const { return heatmap_ ? heatmap_->uploads() : 0; }

 private:
  GuiOptions opt_;
  std::string settings_path_;
  std::unique_ptr<AppState> state_;
  std::unique_ptr<AppWindow> window_;
  std::unique_ptr<HeatmapTexture> heatmap_;
  std::unique_ptr<PlotCaches> plot_caches_;
  std::chrono::steady_clock::time_point last_;
  uint64_t drawn_version_ = 0;
};

}  // namespace ps::gui
