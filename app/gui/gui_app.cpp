#include "app/gui/gui_app.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "app/gui/settings_file.h"
#include "app/gui/ui.h"

namespace ps::gui {

void apply_options(const GuiOptions& o, AppState& s) {
  ToyControls& c = s.toy.controls;
  if (o.method) c.method = *o.method;
  if (!o.params.empty()) {
    ParamValues& p = s.toy.params();
    for (const auto& [k, v] : o.params) p[k] = v;
    resolve_params(find_method(c.method), p);  // InputError for a bad name or value
  }
  if (o.optimizer) c.optimizer = *o.optimizer;
  if (o.lr) c.lr = *o.lr;
  if (o.steps) c.steps = *o.steps;
  if (!o.starts.empty()) c.starts = StartPoints(o.starts);
  if (o.landscape) c.view.landscape = fig::parse_landscape(*o.landscape);
  if (o.palette) c.view.palette = fig::parse_palette(*o.palette);
  if (!o.views.empty()) {
    WindowFlags w{false, false, false, false, false, false};
    for (const auto& v : o.views) {
      if (v == "all") w.controls = w.loss = w.landscape = w.steps = true;
      if (v == "controls") w.controls = true;
      if (v == "loss") w.loss = true;
      if (v == "landscape") w.landscape = true;
      if (v == "steps") w.steps = true;
      if (v == "compare") w.compare = true;
      if (v == "help") w.help = true;
    }
    s.windows = w;
  }
  if (o.compare) {
    const auto p = *o.compare == "figure1" ? CompareModel::Preset::figure1
                   : *o.compare == "alpha" ? CompareModel::Preset::alpha_sweep
                                           : CompareModel::Preset::methods;
    s.compare.set_preset(p, s.toy.sim_settings());
    s.show_compare();
  }
  if (o.play) s.toy.playback.play();
  if (o.at_step) s.toy.playback.scrub(*o.at_step);
  if (o.runs_root) s.runs.root = *o.runs_root;
  if (!o.attach.empty()) {
    for (const auto& d : o.attach) s.runs.attach(d);
    s.runs.selected = 0;  // steer the first one named
    s.page = Page::runs;
  }
}

namespace {
// Wakes the frame loop from glfwWaitEvents when a run finishes (GLFW allows it from any thread).
SimWorker::Options waking_worker() {
  SimWorker::Options w;
  w.on_publish = [] { glfwPostEmptyEvent(); };
  return w;
}
}  // namespace

GuiApp::GuiApp(const GuiOptions& o) : opt_(o), state_(std::make_unique<AppState>(waking_worker())) {
  std::string dir = o.no_config ? std::string() : config_dir(o.config_dir);
  if (!dir.empty()) {
    settings_path_ = (std::filesystem::path(dir) / "settings.json").string();
    std::string why;
    if (load_settings(settings_path_, *state_, why) && !why.empty())
      state_->message = "settings: " + why;  // shown in the status line
  }
  WindowOptions wo;
  wo.width = o.width, wo.height = o.height;
  wo.ini_path = dir.empty() ? std::string() : (std::filesystem::path(dir) / "imgui.ini").string();
  wo.vsync = o.vsync && o.screenshot.empty();
  window_ = std::make_unique<AppWindow>(wo);
  // After the window: attached runs' watchers wake the loop through GLFW, which must be up.
  apply_options(o, *state_);
  // A remembered layout wins over the default tiling (ImGui applies its ini on first use).
  state_->reset_layout = wo.ini_path.empty() || !std::filesystem::exists(wo.ini_path);
  heatmap_ = std::make_unique<HeatmapTexture>();
  state_->heatmap_texture = [h = heatmap_.get()](const fig::Heatmap& m) { return h->get(m); };
  plot_caches_ = std::make_unique<PlotCaches>();
  if (!o.no_plot_cache) state_->plot_caches = plot_caches_.get();
  last_ = std::chrono::steady_clock::now();
}

GuiApp::~GuiApp() {
  if (!settings_path_.empty() && opt_.screenshot.empty()) save_settings(settings_path_, *state_);
  while (!state_->runs.runs().empty()) state_->runs.detach(0);  // watchers wake GLFW: stop first
  state_->runs.silence();  // a steering command still waiting for its reply wakes nobody
  state_->heatmap_texture = nullptr;
  state_->plot_caches = nullptr;
  heatmap_.reset();  // before the GL context goes
  plot_caches_.reset();
  window_.reset();
}

bool GuiApp::frame(Image* capture, double wait_s) {
  window_->begin_frame(wait_s);
  const auto now = std::chrono::steady_clock::now();
  const float dt = std::chrono::duration<float>(now - last_).count();
  last_ = now;
  const bool busy = ui_frame(*state_, dt);
  window_->render();
  if (capture) *capture = window_->read_pixels();
  window_->present();
  if (const auto& snap = state_->toy.snapshot()) drawn_version_ = snap->version;
  if (state_->quit) window_->request_close();
  return busy;
}

bool GuiApp::settle(double timeout_s) {
  const auto start = std::chrono::steady_clock::now();
  const auto until = start + std::chrono::duration<double>(timeout_s);
  // Attached runs are awaited until their logs are loaded, but not for long: a run directory
  // that never gets a log must not hold a screenshot up.
  const auto runs_until = start + std::chrono::duration<double>(std::min(timeout_s, 30.0));
  for (;;) {
    frame(nullptr, 0.1);  // sleeps until a run finishes (or 0.1 s)
    const bool compare_done = state_->compare.finished() == state_->compare.size();
    const auto now = std::chrono::steady_clock::now();
    bool runs_loaded = true;
    for (const auto& r : state_->runs.runs())
      runs_loaded = runs_loaded && r.watcher->status().loaded;
    if (!state_->toy.busy() && compare_done && !state_->exporter.running() &&
        (runs_loaded || now > runs_until))
      return runs_loaded;
    if (now > until) return false;
  }
}

int GuiApp::run(std::ostream& out, std::ostream& err) {
  if (!opt_.screenshot.empty()) {
    for (int i = 0; i < opt_.frames; ++i) frame();
    if (!settle()) err << "paretoscope: runs still busy after the wait; saving anyway\n";
    frame();  // one more so every window has its final size and content
    Image img;
    frame(&img);
    write_png(opt_.screenshot, img);
    out << "wrote " << opt_.screenshot << " (" << img.width << " x " << img.height << ")\n";
    return 0;
  }
  // Draw continuously only while something animates; otherwise sleep until input arrives or a
  // worker posts a finished run, so the simulation gets the CPU (two cores are common here).
  // ImGui settles over a frame or two after input (hover, popups), so a wake-up buys two more.
  bool animating = true;
  int extra = 2;
  while (!window_->should_close()) {
    const double wait = animating || extra > 0 ? 0 : 0.5;
    const auto t0 = std::chrono::steady_clock::now();
    animating = frame(nullptr, wait);
    if (wait == 0)
      extra = std::max(0, extra - 1);
    else if (std::chrono::steady_clock::now() - t0 < std::chrono::duration<double>(0.9 * wait))
      extra = 2;  // woken by an event, not by the timeout
  }
  return 0;
}

}  // namespace ps::gui
