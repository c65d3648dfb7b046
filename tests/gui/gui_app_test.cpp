// Tier 3: the real application under Xvfb with Mesa llvmpipe (ctest runs this binary through
// xvfb-run). Pixels are compared by region with a tolerance, never against golden images.
#include <catch2/catch.hpp>

extern "C" {  // libstb is C; stb_image.h declares plain extern in C++
#include <stb_image.h>
}

#include <imgui_internal.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <thread>

#include "app/gui/gui_app.h"
#include "app/gui/gui_command.h"
#include "app/gui/panels.h"
#include "app/gui/settings_file.h"
#include "tests/gui/fake_job.h"

using namespace ps::gui;
namespace fs = std::filesystem;

namespace {

GuiOptions hermetic() {
  GuiOptions o;
  o.no_config = true;
  o.width = 1600, o.height = 1000;
  return o;
}

// The share of pixels inside `r` (screen pixels) that differ by more than `tol` in a channel.
double changed_share(const Image& a, const Image& b, ImVec2 lo, ImVec2 hi, int tol = 40) {
  REQUIRE(a.width == b.width);
  REQUIRE(a.height == b.height);
  long changed = 0, total = 0;
  for (int y = std::max(0, int(lo.y)); y < std::min(a.height, int(hi.y)); ++y)
    for (int x = std::max(0, int(lo.x)); x < std::min(a.width, int(hi.x)); ++x) {
      const size_t i = (static_cast<size_t>(y) * a.width + x) * 4;
      ++total;
      for (int c = 0; c < 3; ++c)
        if (std::abs(int(a.rgba[i + c]) - int(b.rgba[i + c])) > tol) {
          ++changed;
          break;
        }
    }
  return total ? static_cast<double>(changed) / total : 0;
}

// How far from white the region is on average (0: blank), to see that something is drawn.
double ink(const Image& a, ImVec2 lo, ImVec2 hi) {
  double sum = 0;
  long n = 0;
  for (int y = int(lo.y); y < int(hi.y); ++y)
    for (int x = int(lo.x); x < int(hi.x); ++x) {
      const size_t i = (static_cast<size_t>(y) * a.width + x) * 4;
      sum += 765 - a.rgba[i] - a.rgba[i + 1] - a.rgba[i + 2];
      ++n;
    }
  return n ? sum / n : 0;
}

double mean_end_l1(const Snapshot& s) {
  double sum = 0;
  for (const auto& r : s.result->runs) sum += r.points.back().losses[0];
  return sum / s.result->runs.size();
}

}  // namespace

TEST_CASE("the app under Xvfb: alpha 0 -> 10 moves the trajectories, and the pixels show it") {
  GuiOptions o = hermetic();
  o.params = {{"alpha", 0}};
  GuiApp app(o);
  AppState& s = app.state();
  REQUIRE(app.settle());
  Image a;
  app.frame(&a);
  REQUIRE(a.width == 1600);
  REQUIRE(a.height == 1000);
  REQUIRE(s.drawn.loss_valid);
  REQUIRE(s.drawn.param_valid);
  REQUIRE(s.toy.snapshot()->ok());
  const double l1_alpha0 = mean_end_l1(*s.toy.snapshot());
  const ScreenMap loss = s.drawn.loss, param = s.drawn.param;
  // Both plots have content: the front, five trajectories, the heatmap.
  CHECK(ink(a, loss.min(), loss.max()) > 5);
  CHECK(ink(a, param.min(), param.max()) > 30);

  s.toy.params()["alpha"] = 10;  // what the slider does
  REQUIRE(app.settle());
  Image b;
  app.frame(&b);
  REQUIRE(s.toy.snapshot()->ok());
  CHECK(s.toy.snapshot()->settings.params.at("alpha") == 10);
  // The end points moved along the front: FairGrad with a large alpha gives task 1 more.
  const double l1_alpha10 = mean_end_l1(*s.toy.snapshot());
  CHECK(std::abs(l1_alpha10 - l1_alpha0) > 0.05);
  // The views followed. The loss view may refit its axes; both plots must change visibly, the
  // menu bar must not.
  const double dl = changed_share(a, b, s.drawn.loss.min(), s.drawn.loss.max());
  const double dp = changed_share(a, b, param.min(), param.max());
  INFO("changed: loss " << dl << ", parameter " << dp);
  CHECK(dl > 0.003);
  CHECK(dp > 0.001);
  CHECK(changed_share(a, b, {0, 0}, {1600, 18}) < 0.01);

  // The landscape texture went to the GPU once: a new run does not upload it again.
  CHECK(app.heatmap_uploads() == 1);
  s.toy.controls.view.landscape = ps::fig::Landscape::max;
  REQUIRE(app.settle());
  app.frame();
  CHECK(app.heatmap_uploads() == 2);
  s.toy.controls.view.landscape = ps::fig::Landscape::mean;

  // The same settings again give the same picture (deterministic runs, stable drawing).
  s.toy.params()["alpha"] = 0;
  REQUIRE(app.settle());
  Image c;
  app.frame(&c);
  CHECK(changed_share(a, c, loss.min(), loss.max()) < 0.002);
  CHECK(changed_share(a, c, param.min(), param.max()) < 0.002);
}

TEST_CASE("plots copied from their offscreen pictures look as when drawn every frame") {
  Image cached, direct;
  ScreenMap loss, param;
  for (bool use_cache : {true, false}) {
    GuiOptions o = hermetic();
    o.no_plot_cache = !use_cache;
    o.views = {"all", "compare"};
    o.compare = "figure1";
    GuiApp app(o);
    REQUIRE(app.settle());
    app.frame();
    app.frame(use_cache ? &cached : &direct);
    loss = app.state().drawn.loss;
    param = app.state().drawn.param;
  }
  const double share = changed_share(cached, direct, {0, 0}, {1600, 1000}, 24);
  INFO("pixels that differ: " << share);
  CHECK(share < 0.002);
  CHECK(ink(cached, loss.min(), loss.max()) > 5);
  CHECK(ink(cached, param.min(), param.max()) > 30);
  CHECK(ink(cached, {400, 700}, {1600, 980}) > 3);  // the Compare tab's figure is there
}

TEST_CASE("paretoscope --screenshot writes the window as PNG") {
  const fs::path dir = fs::temp_directory_path() / "ps_gui_app_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string png = (dir / "shot.png").string();
  std::istringstream in;
  std::ostringstream out, err;
  ps::cli::Io io{in, out, err};
  const int rc = gui_command({"--no-config", "--method", "fairgrad", "--set", "alpha=2",
                              "--screenshot", png, "--frames", "3", "--compare", "figure1"},
                             io);
  INFO(err.str());
  REQUIRE(rc == 0);
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(png.c_str(), &w, &h, &n, 4);
  REQUIRE(px != nullptr);
  CHECK(w == 1600);
  CHECK(h == 1000);
  // Not a blank window: plenty of distinct grey levels.
  std::vector<bool> seen(256, false);
  for (int i = 0; i < w * h; i += 97) seen[px[i * 4 + 1]] = true;
  stbi_image_free(px);
  CHECK(std::count(seen.begin(), seen.end(), true) > 40);
  CHECK(out.str().find("wrote") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("settings and layout are remembered in the --config folder") {
  const fs::path dir = fs::temp_directory_path() / "ps_gui_config_test";
  fs::remove_all(dir);
  {
    GuiOptions o = hermetic();
    o.no_config = false;
    o.config_dir = dir.string();
    GuiApp app(o);
    app.state().toy.params()["alpha"] = 5;
    app.state().toy.controls.view.landscape = ps::fig::Landscape::l2;
    for (int i = 0; i < 3; ++i) app.frame();
  }  // closing saves
  CHECK(fs::exists(dir / "settings.json"));
  CHECK(fs::exists(dir / "imgui.ini"));
  {
    GuiOptions o = hermetic();
    o.no_config = false;
    o.config_dir = dir.string();
    GuiApp app(o);
    CHECK(app.state().toy.sim_settings().params.at("alpha") == 5);
    CHECK(app.state().toy.controls.view.landscape == ps::fig::Landscape::l2);
  }
  {
    GuiApp app(hermetic());  // --no-config: the defaults, whatever is on disk
    CHECK(app.state().toy.sim_settings().params.count("alpha") == 1);
    CHECK(app.state().toy.sim_settings().params.at("alpha") == 2);
  }
  fs::remove_all(dir);
}

namespace {

// Where an ImGui window was drawn in the last frame (the app's context is current).
std::pair<ImVec2, ImVec2> window_rect(const char* title) {
  const ImGuiWindow* w = ImGui::FindWindowByName(title);
  REQUIRE(w != nullptr);
  REQUIRE(w->Active);
  return {w->Pos, ImVec2(w->Pos.x + w->Size.x, w->Pos.y + w->Size.y)};
}

// Frames until `done` (bounded: a run that never arrives fails the test instead of hanging it).
template <class F>
bool frames_until(GuiApp& app, F done, double seconds = 30) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    app.frame(nullptr, 0.05);
  }
  return true;
}

}  // namespace

TEST_CASE("the app with --attach: the run monitor draws the log, and follows what is appended") {
  const fs::path dir = ps::test::fresh_dir("app_attach");
  ps::test::write_run(dir, "attached", 200);
  GuiOptions o = hermetic();
  o.attach = {dir.string()};
  GuiApp app(o);
  AppState& s = app.state();
  CHECK(s.page == Page::runs);
  REQUIRE(app.settle());
  REQUIRE(s.runs.runs().size() == 1);
  CHECK(s.runs.runs()[0].watcher->status().rows == 200);
  app.frame();
  Image a;
  app.frame(&a);
  const auto [mlo, mhi] = window_rect(kMonitorTitle);
  const auto [rlo, rhi] = window_rect(kRunsTitle);
  const ImGuiWindow* controls = ImGui::FindWindowByName(kControlsTitle);
  CHECK((controls == nullptr || !controls->Active));  // the toy page is not drawn
  CHECK(ink(a, mlo, mhi) > 5);
  CHECK(ink(a, rlo, rhi) > 2);

  {  // the run goes on: 400 more steps, losses climbing again
    ps::telemetry::LogWriter w(dir.string());
    for (int i = 200; i < 600; ++i) {
      auto r = ps::test::step(i);
      r.losses = {0.1 + 0.002 * (i - 200), 0.2 + 0.004 * (i - 200)};
      w.write(r);
    }
  }
  REQUIRE(frames_until(app, [&] { return s.runs.runs()[0].watcher->status().rows == 600; }));
  app.frame();
  Image b;
  app.frame(&b);
  const double changed = changed_share(a, b, mlo, mhi);
  INFO("monitor pixels changed: " << changed);
  CHECK(changed > 0.005);
  CHECK(changed_share(a, b, {0, 0}, {1600, 18}) < 0.01);  // the menu bar stays
  fs::remove_all(dir);
}

TEST_CASE("steering a live run from the app: the job's change appears in the watched log") {
  const fs::path dir = ps::test::fresh_dir("app_steer");
  ps::test::write_run(dir, "steerable", 50);
  ps::test::FakeJob job(dir, /*write_log=*/true);
  GuiOptions o = hermetic();
  o.attach = {dir.string()};
  GuiApp app(o);
  AppState& s = app.state();
  REQUIRE(app.settle());
  const auto& w = *s.runs.runs()[0].watcher;
  REQUIRE(frames_until(app, [&] { return w.status().state == ps::telemetry::RunState::live; }));
  CHECK(s.runs.steer_draft.running.params.at("alpha") == 2);

  s.runs.steer_draft.edit.params["alpha"] = 10;  // what the slider does
  const std::string cmd = s.runs.steer_draft.command();
  CHECK(cmd == "set alpha=10");
  REQUIRE(s.runs.steer(0, cmd));  // what Apply does
  REQUIRE(frames_until(app, [&] { return !s.runs.steering(); }));
  REQUIRE(s.runs.last_reply());
  INFO(s.runs.last_reply()->reply);
  CHECK(s.runs.last_reply()->ok);
  auto has_event = [&] {
    bool found = false;
    w.read([&](const ps::telemetry::RunLog& log, const ps::telemetry::RunSeries&) {
      for (const auto& e : log.events())
        found = found || (e.event.kind == "params_changed" && e.event.method == "fairgrad");
    });
    return found;
  };
  REQUIRE(frames_until(app, has_event));
  app.frame();
  // The controls now start from what the job does.
  CHECK(s.runs.steer_draft.running.params.at("alpha") == 10);
  CHECK_FALSE(s.runs.steer_draft.edited());
  fs::remove_all(dir);
}

TEST_CASE("paretoscope --attach --screenshot waits for the log and draws it") {
  const fs::path dir = ps::test::fresh_dir("app_shot");
  ps::test::write_run(dir / "run", "shot", 300);
  const std::string png = (dir / "runs.png").string();
  std::istringstream in;
  std::ostringstream out, err;
  ps::cli::Io io{in, out, err};
  const int rc = gui_command({"--no-config", "--attach", (dir / "run").string(), "--screenshot",
                              png, "--frames", "2"},
                             io);
  INFO(err.str());
  REQUIRE(rc == 0);
  CHECK(err.str().empty());
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(png.c_str(), &w, &h, &n, 4);
  REQUIRE(px != nullptr);
  Image img;
  img.width = w, img.height = h;
  img.rgba.assign(px, px + static_cast<size_t>(w) * h * 4);
  stbi_image_free(px);
  CHECK(ink(img, {500, 100}, {1600, 1000}) > 5);  // the monitor's plots, right of the Runs window
  fs::remove_all(dir);
}
