// Tier 1 for app/gui: the models behind the widgets, with neither ImGui frames nor GL.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>

#include "app/cli/command.h"
#include "app/gui/alpha_scale.h"
#include "app/gui/app_state.h"
#include "app/gui/decimate.h"
#include "app/gui/export_model.h"
#include "app/gui/gui_options.h"
#include "app/gui/playback.h"
#include "app/gui/plot_view.h"
#include "app/gui/scene_builder.h"
#include "app/gui/settings_file.h"
#include "app/gui/start_points.h"
#include "app/gui/window_layout.h"
#include "core/errors.h"

using namespace ps::gui;

TEST_CASE("alpha slider mapping: 0 at the bottom, the presets in order, an exact inverse") {
  CHECK(alpha_from_slider(0) == 0);
  CHECK(alpha_from_slider(1) == Approx(kMaxMinAlpha));
  CHECK(alpha_from_slider(-3) == 0);  // clamped
  CHECK(alpha_from_slider(7) == Approx(kMaxMinAlpha));
  double prev = -1;
  for (int i = 0; i <= 100; ++i) {
    const double a = alpha_from_slider(i / 100.0);
    CHECK(a > prev);  // strictly increasing
    CHECK(slider_from_alpha(a) == Approx(i / 100.0).margin(1e-12));
    prev = a;
  }
  // The interesting values get a fair share of the travel: 0..10 takes over a third of it.
  CHECK(slider_from_alpha(10) > 0.3);
  CHECK(slider_from_alpha(1) > 0.05);
  double last = -1;
  for (const AlphaPreset& p : alpha_presets()) {
    CHECK(slider_from_alpha(p.alpha) > last);
    last = slider_from_alpha(p.alpha);
    CHECK(preset_for(p.alpha) == &p);
  }
  CHECK(alpha_presets().size() == 6);
  CHECK(alpha_presets().front().alpha == 0);
  CHECK(alpha_presets()[1].alpha == 1);
  CHECK(alpha_presets()[2].alpha == 2);
  CHECK(alpha_presets().back().alpha == kMaxMinAlpha);
  CHECK(preset_for(3.0) == nullptr);
  CHECK(std::string(fairness_notion(0)).find("utilitarian") != std::string::npos);
  CHECK(std::string(fairness_notion(1)).find("proportional") != std::string::npos);
  CHECK(std::string(fairness_notion(2)).find("potential delay") != std::string::npos);
  CHECK(std::string(fairness_notion(kMaxMinAlpha)).find("max-min") != std::string::npos);
}

TEST_CASE("start points: press grabs the nearest, drag moves, right-press removes, add on empty") {
  StartPoints sp;
  REQUIRE(sp.size() == 5);
  CHECK(sp.points()[0] == Eigen::Vector2d(-8.5, 7.5));
  const unsigned r0 = sp.revision();

  // A press beside a point within the radius grabs it; a drag moves it.
  CHECK(sp.press({-8.3, 7.4}, 0.5, false) == 0);
  sp.drag_to({-6, 5});
  CHECK(sp.points()[0] == Eigen::Vector2d(-6, 5));
  CHECK(sp.revision() > r0);
  const unsigned r1 = sp.revision();
  sp.drag_to({-6, 5});  // the mouse did not move: no new run
  CHECK(sp.revision() == r1);
  sp.release();
  CHECK(sp.grabbed() == -1);
  sp.drag_to({1, 1});  // nothing grabbed: nothing moves
  CHECK(sp.points()[0] == Eigen::Vector2d(-6, 5));

  // A press on empty space grabs nothing, unless adding.
  CHECK(sp.press({3, 3}, 0.5, false) == -1);
  CHECK(sp.size() == 5);
  CHECK(sp.press({3, 3}, 0.5, true) == 5);
  CHECK(sp.size() == 6);
  sp.drag_to({4, 2});
  CHECK(sp.points()[5] == Eigen::Vector2d(4, 2));
  sp.release();

  // Of two points within the radius, the nearer one wins.
  StartPoints two(std::vector<Eigen::Vector2d>{{0, 0}, {0.6, 0}});
  CHECK(two.hit({0.4, 0}, 1.0) == 1);
  CHECK(two.hit({0.2, 0}, 1.0) == 0);
  CHECK(two.hit({5, 5}, 1.0) == -1);

  // Points stay in the plotted box.
  sp.move(0, {50, -50});
  CHECK(sp.points()[0] == Eigen::Vector2d(StartPoints::kBox, -StartPoints::kBox));

  // Right-press removes the point under the mouse; the last point cannot go.
  CHECK(sp.remove_at({4, 2}, 0.3));
  CHECK(sp.size() == 5);
  CHECK_FALSE(sp.remove_at({-3, -3}, 0.3));
  StartPoints one(std::vector<Eigen::Vector2d>{{1, 1}});
  CHECK_FALSE(one.remove(0));
  CHECK(one.size() == 1);

  // Removing below a grabbed point keeps the grab on the same point.
  StartPoints three(std::vector<Eigen::Vector2d>{{0, 0}, {2, 0}, {4, 0}});
  three.press({4, 0}, 0.1, false);
  REQUIRE(three.grabbed() == 2);
  three.remove(0);
  CHECK(three.grabbed() == 1);
  three.drag_to({4, 1});
  CHECK(three.points()[1] == Eigen::Vector2d(4, 1));

  // At most kMaxPoints.
  StartPoints many;
  while (many.size() < StartPoints::kMaxPoints) many.add({0, 0});
  CHECK(many.add({1, 1}) == -1);
  many.reset_to_paper();
  CHECK(many.size() == 5);
}

TEST_CASE("playback: plays from the start, stops at the end, scrubbing pauses") {
  // Asked for before any run exists (--at, --play): applied to the first run.
  Playback early;
  early.scrub(4000);
  early.set_length(10000);
  CHECK(early.cursor() == 4000);
  early.set_length(12000);  // a later run: a paused cursor stays
  CHECK(early.cursor() == 4000);
  Playback early_play;
  early_play.play();
  CHECK(early_play.advance(0.5));  // waits, still playing
  early_play.set_length(6000);
  CHECK(early_play.playing());
  CHECK(early_play.cursor() == 0);
  early_play.advance(1.0);
  CHECK(early_play.cursor() == Approx(6000 / Playback::kSecondsAtSpeed1));

  Playback pb;
  pb.set_length(6000);
  CHECK(pb.at_end());  // a new result shows in full
  CHECK_FALSE(pb.advance(1.0));
  pb.play();  // at the end: restart
  CHECK(pb.playing());
  CHECK(pb.cursor() == 0);
  CHECK(pb.advance(1.0));
  CHECK(pb.cursor() == Approx(6000 / Playback::kSecondsAtSpeed1));
  pb.set_speed(2);
  pb.advance(1.0);
  CHECK(pb.cursor() == Approx(3 * 6000 / Playback::kSecondsAtSpeed1));
  pb.advance(100.0);
  CHECK(pb.at_end());
  CHECK_FALSE(pb.playing());
  pb.scrub(1234);
  CHECK(pb.cursor() == 1234);
  CHECK_FALSE(pb.playing());
  pb.set_length(1000);  // a shorter run: the cursor stays inside it
  CHECK(pb.cursor() == 1000);
  pb.scrub(10);
  pb.set_length(5000);  // scrubbed, not at the end: stays put
  CHECK(pb.cursor() == 10);
  pb.set_speed(1e9);
  CHECK(pb.speed() == Playback::kMaxSpeed);
  pb.toggle();
  CHECK(pb.playing());
  pb.toggle();
  CHECK_FALSE(pb.playing());
}

TEST_CASE("plot view: follows the fit until panned or zoomed, equal aspect widens one side") {
  PlotView v;
  v.set_fit({0, 10, 0, 5});
  CHECK(v.following());
  CHECK(v.shown(100, 100, false) == Range2{0, 10, 0, 5});
  // Equal aspect in a square: the y range widens about its centre to 10.
  const Range2 eq = v.shown(100, 100, true);
  CHECK(eq.w() == Approx(10));
  CHECK(eq.h() == Approx(10));
  CHECK(0.5 * (eq.y0 + eq.y1) == Approx(2.5));

  v.pan(10, 0, 100, 100, false);  // 10 px to the right moves the data 1 unit right
  CHECK_FALSE(v.following());
  CHECK(v.shown(100, 100, false).x0 == Approx(-1));
  v.set_fit({0, 20, 0, 20});  // new data do not undo the user's range
  CHECK(v.shown(100, 100, false).x0 == Approx(-1));
  v.zoom(0.5, 4, 2.5, 100, 100, false);  // about (4, 2.5): that point stays put
  const Range2 z = v.shown(100, 100, false);
  CHECK(z.w() == Approx(5));
  CHECK((4 - z.x0) / z.w() == Approx((4 - (-1)) / 10.0));
  v.zoom(1e-12, 0, 0, 100, 100, false);  // refused: would zoom into nothing
  CHECK(v.shown(100, 100, false) == z);
  v.refit();
  CHECK(v.shown(100, 100, false) == Range2{0, 20, 0, 20});
}

TEST_CASE("decimation: bounded by pixels, keeps ends and extremes") {
  // 50,000 points along a circle of radius 100 px: about 630 px of curve.
  std::vector<PxPoint> circle;
  for (int i = 0; i < 50000; ++i) {
    const float a = 6.2831853f * i / 49999;
    circle.push_back({100 * std::cos(a), 100 * std::sin(a)});
  }
  const auto keep = decimate_by_distance(circle, 1.0f);
  CHECK(keep.front() == 0);
  CHECK(keep.back() == 49999);
  CHECK(keep.size() < 700);
  CHECK(keep.size() > 300);
  for (size_t k = 1; k + 1 < keep.size(); ++k) {
    const float dx = circle[keep[k]].x - circle[keep[k - 1]].x;
    const float dy = circle[keep[k]].y - circle[keep[k - 1]].y;
    CHECK(dx * dx + dy * dy >= 1.0f - 1e-4f);
  }

  // A series over 200 px with a one-sample spike: the spike survives.
  std::vector<PxPoint> series;
  for (int i = 0; i < 20000; ++i) series.push_back({i / 100.0f, i == 12345 ? -500.0f : 0.0f});
  const auto cols = decimate_by_column(series);
  CHECK(cols.size() <= 2 * 200 + 4);
  CHECK(std::find(cols.begin(), cols.end(), 12345) != cols.end());
  CHECK(cols.front() == 0);
  CHECK(cols.back() == 19999);
  CHECK(std::is_sorted(cols.begin(), cols.end()));
  CHECK(decimate_by_distance({}).empty());
  std::vector<int> idx(10001);
  for (int i = 0; i <= 10000; ++i) idx[i] = 3 * i;
  const auto thin = thin_to_budget(idx, 100);
  CHECK(thin.size() <= 101);
  CHECK(thin.size() >= 90);
  CHECK(thin.front() == 0);
  CHECK(thin.back() == 30000);
  CHECK(thin_to_budget(idx, 20000) == idx);
  CHECK(decimate_by_column({}).empty());
}

TEST_CASE("vertex steps: a thinned polyline's vertices find their simulation steps") {
  ps::toy::Trajectory tr;
  for (int s = 0; s < 10; ++s) {
    ps::toy::StepRecord r;
    r.step = 3 * s;  // recorded every third step
    r.x = {s * 1.0, 0};
    r.losses = {s * 2.0, -s * 1.0};
    r.weights = {1, 1};
    r.rates = {0, 0};
    tr.points.push_back(r);
  }
  ps::fig::Polyline in_loss;
  for (int s : {0, 4, 5, 9}) in_loss.points.push_back({s * 2.0, -s * 1.0});
  CHECK(vertex_steps(in_loss, tr, false) == std::vector<int>{0, 12, 15, 27});
  ps::fig::Polyline in_x;
  for (int s : {0, 2, 9}) in_x.points.push_back({s * 1.0, 0});
  CHECK(vertex_steps(in_x, tr, true) == std::vector<int>{0, 6, 27});
}

TEST_CASE("default layout tiles the display without overlap") {
  const WindowLayout l = default_layout(1600, 1000, 20);
  auto overlap = [](const WinRect& a, const WinRect& b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  };
  const WinRect tiles[] = {l.controls, l.loss, l.param, l.details};
  for (int i = 0; i < 4; ++i) {
    CHECK(tiles[i].x + tiles[i].w <= 1600.5f);
    CHECK(tiles[i].y + tiles[i].h <= 1000.5f);
    CHECK(tiles[i].y >= 20);
    for (int j = i + 1; j < 4; ++j) CHECK_FALSE(overlap(tiles[i], tiles[j]));
  }
  double area = 0;
  for (const auto& t : tiles) area += t.w * t.h;
  CHECK(area == Approx(1600.0 * 980).epsilon(0.01));  // and they cover it
}

TEST_CASE("settings file: round trip, and bad entries skipped without losing good ones") {
  ps::gui::SimWorker::Options quiet;
  quiet.simulate = [](const ps::toy::SimSettings&, const std::atomic<bool>*) {
    return ps::toy::SimResult{};
  };
  AppState a(quiet);
  a.toy.controls.method = "fairgrad";
  a.toy.params()["alpha"] = 5;
  a.toy.controls.lr = 0.02;
  a.toy.controls.steps = 1234;
  a.toy.controls.optimizer = ps::toy::OptimizerKind::sgd;
  a.toy.controls.starts = StartPoints(std::vector<Eigen::Vector2d>{{1, 2}, {-3, 4}});
  a.toy.controls.view.landscape = ps::fig::Landscape::max;
  a.toy.controls.view.palette = ps::fig::Palette::okabe_ito;
  a.windows.compare = true;
  a.exporter.options.dpi = 300;
  const auto dir = std::filesystem::temp_directory_path() / "ps_gui_settings_test";
  std::filesystem::remove_all(dir);
  const std::string path = (dir / "settings.json").string();
  REQUIRE(save_settings(path, a));

  AppState b(quiet);
  std::string why;
  REQUIRE(load_settings(path, b, why));
  CHECK(why.empty());
  CHECK(b.toy.sim_settings().params.at("alpha") == 5);
  CHECK(b.toy.controls.lr == 0.02);
  CHECK(b.toy.controls.steps == 1234);
  CHECK(b.toy.controls.optimizer == ps::toy::OptimizerKind::sgd);
  CHECK(b.toy.controls.starts.points() == a.toy.controls.starts.points());
  CHECK(b.toy.controls.view.landscape == ps::fig::Landscape::max);
  CHECK(b.toy.controls.view.palette == ps::fig::Palette::okabe_ito);
  CHECK(b.windows.compare);
  CHECK(b.exporter.options.dpi == 300);

  nlohmann::json j = settings_to_json(a);
  j["method"] = "no_such_method";
  j["lr"] = -1;
  j["params"]["fairgrad"]["alpha"] = -4;  // out of range
  AppState c(quiet);
  const std::string notes = apply_settings_json(j, c);
  CHECK(notes.find("method") != std::string::npos);
  CHECK(notes.find("lr") != std::string::npos);
  CHECK(c.toy.controls.method == "fairgrad");  // kept the default
  CHECK(c.toy.controls.lr == 1e-3);
  CHECK(c.toy.controls.steps == 1234);  // the good entries still applied
  std::filesystem::remove_all(dir);
  CHECK(config_dir("/x/y") == "/x/y");
}

TEST_CASE("gui options: settings, screenshot, views, and clear errors") {
  const GuiOptions o =
      parse_gui_options({"--method", "fairgrad", "--set", "alpha=2", "--screenshot", "a.png",
                         "--frames", "7", "--view", "loss,steps", "--no-config", "--start", "1,2"});
  CHECK(o.method == "fairgrad");
  CHECK(o.params.at("alpha") == 2);
  CHECK(o.screenshot == "a.png");
  CHECK(o.frames == 7);
  CHECK(o.views == std::vector<std::string>{"loss", "steps"});
  CHECK(o.no_config);
  REQUIRE(o.starts.size() == 1);
  CHECK(o.starts[0] == Eigen::Vector2d(1, 2));
  CHECK_THROWS_AS(parse_gui_options({"--view", "nonsense"}), ps::cli::UsageError);
  CHECK_THROWS_AS(parse_gui_options({"--method", "nope"}), ps::InputError);
  CHECK_THROWS_AS(parse_gui_options({"--config", "d", "--no-config"}), ps::cli::UsageError);
  CHECK_THROWS_AS(parse_gui_options({"--frames", "0"}), ps::InputError);
  CHECK(parse_gui_options({"--help"}).show_help);
  const GuiOptions s = parse_gui_options({"--size", "800x600"});
  CHECK(s.width == 800);
  CHECK(s.height == 600);
}

TEST_CASE("export path follows the format") {
  ExportOptions o;
  o.base_path = "out/fig";
  o.format = ps::fig::Format::svg;
  CHECK(export_path(o) == "out/fig.svg");
  o.base_path = "out/fig.pdf";
  o.format = ps::fig::Format::png;
  CHECK(export_path(o) == "out/fig.png");
}
