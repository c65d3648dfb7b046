// Tier 2: the widgets and panels with Dear ImGui and no GL (no backend: the font atlas is built
// by hand, the mouse and keys are set on ImGuiIO, and we look at return values, the models and
// the draw data).
#include <GLFW/glfw3.h>  // key codes, as ImGui 1.86's GLFW backend uses them
#include <imgui.h>
#include <imgui_internal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <functional>
#include <thread>

#include "app/gui/alpha_scale.h"
#include "app/gui/alpha_slider.h"
#include "app/gui/app_state.h"
#include "app/gui/panel_renderer.h"
#include "app/gui/panels.h"
#include "app/gui/ui.h"
#include "app/gui/ui_font.h"
#include "tests/gui/headless_imgui.h"

using namespace ps::gui;
using namespace std::chrono_literals;
namespace toy = ps::toy;

namespace {

struct Harness : HeadlessImgui {
  void frame(const std::function<void()>& body) {
    ImGui::NewFrame();
    body();
    ImGui::Render();
  }
  void frame(AppState& s) {
    frame([&] { ui_frame(s, 1.0f / 60); });
  }
  void move(AppState& s, ImVec2 p) {
    io().MousePos = p;
    frame(s);
  }
  void press(AppState& s, int button = 0) {
    io().MouseDown[button] = true;
    frame(s);
  }
  void release(AppState& s, int button = 0) {
    io().MouseDown[button] = false;
    frame(s);
  }
  void key(AppState& s, int k) {
    io().KeysDown[k] = true;
    frame(s);
    io().KeysDown[k] = false;
    frame(s);
  }
};

// A fast stand-in for the simulator: from each start, n points straight down in x and along a
// zigzag in loss space.
SimWorker::Options fake(int n) {
  SimWorker::Options o;
  o.threads = 1;
  o.simulate = [n](const toy::SimSettings& s, const std::atomic<bool>*) {
    toy::SimResult r;
    r.settings = s;
    for (const auto& st : s.starts) {
      toy::Trajectory t;
      t.start = st;
      for (int i = 0; i < n; ++i) {
        toy::StepRecord rec;
        rec.step = i;
        const double u = static_cast<double>(i) / n;
        rec.x = st + Eigen::Vector2d(0, -u * (st.y() + 8.4));
        rec.losses = {-2 * u + 0.05 * std::sin(i * 0.37), 5 - 25 * u};
        rec.weights = {1 + u, 1 + 100 * u};
        rec.rates = {u, 1 - u};
        t.points.push_back(rec);
      }
      t.stop.reason = toy::StopReason::front;
      t.stop.step = n - 1;
      r.runs.push_back(t);
    }
    return r;
  };
  return o;
}

// Runs frames until the newest run is on screen.
void settle(Harness& h, AppState& s) {
  for (int i = 0; i < 3000; ++i) {
    h.frame(s);
    if (!s.toy.busy() && s.drawn.param_valid && s.drawn.loss_valid) return;
    std::this_thread::sleep_for(1ms);
  }
  FAIL("the fake run never reached the screen");
}

int window_vertices(const char* title) {
  ImGuiWindow* w = ImGui::FindWindowByName(title);
  return w ? w->DrawList->VtxBuffer.Size : -1;
}

}  // namespace

TEST_CASE("alpha slider: marks snap to presets, buttons set them, travel maps through the scale") {
  Harness h;
  double alpha = 2;
  AlphaSliderLayout lay;
  bool changed = false;
  auto draw = [&] {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(500, 300));
    ImGui::Begin("t");
    changed = alpha_slider("alpha", alpha, 400, &lay);
    ImGui::End();
  };
  h.frame(draw);
  h.frame(draw);
  REQUIRE(lay.slider_x1 - lay.slider_x0 == Approx(400));
  const float pad = ImGui::GetStyle().GrabMinSize * 0.5f + 2;
  const float y = 0.5f * (lay.slider_y0 + lay.slider_y1);
  auto x_at = [&](double s) {
    return lay.slider_x0 + pad + static_cast<float>(s) * (400 - 2 * pad);
  };
  auto click = [&](ImVec2 p) {
    h.io().MousePos = p;
    h.frame(draw);
    h.io().MouseDown[0] = true;
    h.frame(draw);
    bool c = changed;  // sliders change on the press
    h.io().MouseDown[0] = false;
    h.frame(draw);
    return c || changed;  // buttons on the release
  };

  // A click 2 px beside the mark of alpha = 1 lands on exactly 1.
  CHECK(click({x_at(slider_from_alpha(1)) + 2, y}));
  CHECK(alpha == 1.0);
  CHECK(click({x_at(slider_from_alpha(10)) - 2, y}));
  CHECK(alpha == 10.0);
  // Away from the marks the slider follows the mapped scale.
  click({x_at(0.6), y});
  CHECK(alpha == Approx(alpha_from_slider(0.6)).epsilon(0.02));
  CHECK(click({x_at(1.0) + 5, y}));  // past the track's end: max-min
  CHECK(alpha == kMaxMinAlpha);

  // Every preset button sets its alpha.
  const auto presets = alpha_presets();
  for (size_t i = 0; i < presets.size(); ++i) {
    alpha = 3.3;
    h.frame(draw);
    CHECK(click({lay.preset_x[i], lay.preset_y[i]}));
    CHECK(alpha == presets[i].alpha);
  }
  // A frame with no input changes nothing.
  h.frame(draw);
  CHECK_FALSE(changed);
}

TEST_CASE("renderer: a 50,000-point trajectory reaches ImGui as a few thousand vertices") {
  Harness h;
  ps::fig::Polyline line;
  line.kind = ps::fig::SeriesKind::trajectory;
  for (int i = 0; i < 50000; ++i) {
    const double a = 6.283 * i / 50000;
    line.points.push_back({std::cos(a) + 0.001 * std::sin(i * 0.7), std::sin(a)});
    line.t.push_back(i / 49999.0);
  }
  const ScreenMap map({100, 100}, {500, 500}, {-1.2, 1.2, -1.2, 1.2});
  int full = 0, half = 0;
  std::vector<std::vector<int>> steps(1);
  for (int i = 0; i < 50000; ++i) steps[0].push_back(i);
  h.frame([&] {
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    RenderOptions o;
    draw_polyline(dl, line, map, o);
    full = dl->VtxBuffer.Size;
    o.vertex_steps = &steps;
    o.step_limit = 25000;
    draw_polyline(dl, line, map, o, &steps[0]);
    half = dl->VtxBuffer.Size - full;
  });
  // The circle is ~1,000 px long: at one vertex per pixel and a few per vertex, far below 50,000.
  CHECK(full > 100);
  CHECK(full < 20000);
  CHECK(half < full * 0.7);  // playback at half the steps draws about half
  CHECK(half > full * 0.3);
}

TEST_CASE("panels: start points follow the mouse in parameter space, keys drive playback") {
  Harness h;
  AppState s(fake(2000));
  settle(h, s);
  const ScreenMap& m = s.drawn.param;
  StartPoints& sp = s.toy.controls.starts;
  REQUIRE(sp.size() == 5);

  // Drag the first start point 40 px to the right.
  const Eigen::Vector2d p0 = sp.points()[0];
  const ImVec2 at = m.to_px(p0.x(), p0.y());
  h.move(s, at);
  const uint64_t v0 = s.toy.submitted_version();
  h.press(s);
  h.move(s, {at.x + 20, at.y});
  h.move(s, {at.x + 40, at.y});
  h.release(s);
  CHECK(sp.points()[0].x() ==
        Approx(p0.x() + 40 * m.units_per_px_x()).margin(2 * m.units_per_px_x()));
  CHECK(sp.points()[0].y() == Approx(p0.y()).margin(2 * m.units_per_px_x()));
  CHECK(s.toy.submitted_version() > v0);  // a new run for the moved point
  CHECK(s.landscape_view.following());    // dragging a point is not a pan

  // Right-click removes the point under the mouse.
  const Eigen::Vector2d p1 = sp.points()[1];
  h.move(s, m.to_px(p1.x(), p1.y()));
  h.press(s, 1);
  h.release(s, 1);
  CHECK(sp.size() == 4);

  // Ctrl+click on empty space adds one there.
  const ImVec2 empty = m.to_px(2.0, -4.0);
  h.move(s, empty);
  h.io().KeyCtrl = true;
  h.press(s);
  h.release(s);
  h.io().KeyCtrl = false;
  REQUIRE(sp.size() == 5);
  CHECK(sp.points()[4].x() == Approx(2.0).margin(0.1));
  CHECK(sp.points()[4].y() == Approx(-4.0).margin(0.1));

  // A drag on empty space pans; a double-click refits.
  h.move(s, m.to_px(-2.0, 4.0));
  h.press(s);
  h.move(s, {m.to_px(-2.0, 4.0).x + 30, m.to_px(-2.0, 4.0).y});
  h.release(s);
  CHECK_FALSE(s.landscape_view.following());
  h.press(s);
  h.release(s);
  h.press(s);
  h.release(s);
  CHECK(s.landscape_view.following());
  CHECK(sp.size() == 5);  // double-clicking did not add points

  // Space plays and pauses; R rewinds; E opens the export dialog.
  settle(h, s);
  h.move(s, {800, 5});  // over the menu bar, away from the plots
  CHECK_FALSE(s.toy.playback.playing());
  h.key(s, GLFW_KEY_SPACE);
  CHECK(s.toy.playback.playing());
  h.key(s, GLFW_KEY_SPACE);
  CHECK_FALSE(s.toy.playback.playing());
  h.key(s, GLFW_KEY_R);
  CHECK(s.toy.playback.cursor() == 0);
  h.key(s, GLFW_KEY_E);
  bool open = false;
  h.frame([&] {
    ui_frame(s, 1.0f / 60);
    open = ImGui::IsPopupOpen(kExportTitle);
  });
  CHECK(open);
}

TEST_CASE("panels: the loss view draws less while playback is half way, and the error shows") {
  Harness h;
  AppState s(fake(50000));
  settle(h, s);
  h.frame(s);
  const int full = window_vertices(kLossTitle);
  CHECK(full > 0);
  CHECK(full < 5 * 50000);  // fewer vertices than the five 50,000-step runs have points
  s.toy.playback.scrub(s.toy.playback.length() * 0.3);
  h.frame(s);
  const int part = window_vertices(kLossTitle);
  CHECK(part < full);

  // A method that fails: the snapshot carries the message and the panels say it.
  SimWorker::Options bad;
  bad.threads = 1;
  bad.simulate = [](const toy::SimSettings&, const std::atomic<bool>*) -> toy::SimResult {
    throw std::logic_error("make_pcgrad not written");
  };
  AppState e(bad);
  for (int i = 0; i < 3000 && e.toy.busy(); ++i) {
    h.frame(e);
    std::this_thread::sleep_for(1ms);
  }
  REQUIRE(e.toy.snapshot());
  CHECK_FALSE(e.toy.snapshot()->ok());
  CHECK(e.toy.snapshot()->error == "make_pcgrad not written");
  h.frame(e);  // draws without crashing
  CHECK(e.drawn.loss_valid);
}
