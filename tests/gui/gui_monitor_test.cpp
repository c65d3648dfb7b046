// Tier 2: the run monitor. Its panels built from run logs written with LogWriter (no GL), the
// hover readout, linked ranges and follow-live through the model, and the real monitor window
// under ImGui with no backend (mouse over a plot, wheel to zoom).
#include <imgui.h>
#include <imgui_internal.h>
#include <stdlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <set>

#include "app/gui/app_state.h"
#include "app/gui/monitor_cosine.h"
#include "app/gui/monitor_model.h"
#include "app/gui/monitor_plots.h"
#include "app/gui/monitor_readout.h"
#include "app/gui/panels.h"
#include "app/gui/ui_font.h"
#include "tests/gui/headless_imgui.h"
#include "core/telemetry/log_reader.h"
#include "core/telemetry/log_writer.h"
#include "tests/temp_dir.h"

using namespace ps::gui;
namespace tel = ps::telemetry;
namespace fs = std::filesystem;
namespace fig = ps::fig;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kTasks = 3;
constexpr int kEventStep = 2500;
constexpr double kStart = 1.7e9;


// Step `i` of a made-up run: losses with wiggles (so min/max per column matter), a rate that
// changes sign, weights that jump at the event, a status that changes now and then, a NaN loss
// gap in task 1 at rows 3000..3009, and a zero loss of task 2 at row 4000 (dropped on log y).
tel::StepRecord step_record(int i) {
  tel::StepRecord r;
  r.step = i;
  r.epoch = i / 1000;
  r.time = 0.01 * i;
  const double alpha_boost = i >= kEventStep ? 5.0 : 1.0;
  for (int t = 0; t < kTasks; ++t) {
    double loss = (t + 1) * std::exp(-i / 2000.0) + 0.1 * std::sin(0.37 * i + t) + 0.2;
    if (t == 1 && i >= 3000 && i < 3010) loss = kNaN;
    if (t == 2 && i == 4000) loss = 0;
    r.losses.push_back(loss);
    r.weights.push_back((t + 1) * (t == 0 ? alpha_boost : 1.0) * (1 + 0.1 * std::cos(0.1 * i)));
    r.rates.push_back(t == 2 ? std::sin(0.01 * i) : 0.5 + 0.1 * t);
    r.grad_norms.push_back(1.0 + t);
  }
  r.status = (i / 700) % 2 ? "max_iterations" : "ok";
  r.iterations = 3 + i % 5;
  r.residual = 1e-6 * (1 + i % 7);
  r.step_time = 0.004 + 1e-4 * (i % 3);
  r.method_time = 0.0005;
  return r;
}

// Writes a run of `n` steps to `dir`: header, run_started, the steps, a params_changed event at
// kEventStep (when n reaches it), cosines every 500 steps, an evaluation every 1000.
void write_run(const std::string& dir, int n, const std::string& name, int from = 0) {
  tel::LogWriter w(dir);
  if (from == 0) {
    tel::HeaderRecord h;
    h.run = name;
    h.workload = "regression";
    h.method = "fairgrad";
    h.params = {{"alpha", 2}};
    h.tasks = {"top", "mid", "low"};
    h.start_unix = kStart;
    w.write(h);
    w.write(tel::EventRecord{0, 0, "run_started", "started", "fairgrad", {{"alpha", 2}}});
  }
  for (int i = from; i < n; ++i) {
    if (i == kEventStep)
      w.write(tel::EventRecord{i, 0.01 * i, "params_changed",
                               "alpha 2 -> 10 (steered: set alpha=10)", "fairgrad",
                               {{"alpha", 10}}});
    w.write(step_record(i));
    if (i % 500 == 0) {
      tel::CosineRecord c{i, 0.01 * i, kTasks, {}};
      for (int a = 0; a < kTasks; ++a)
        for (int b = 0; b < kTasks; ++b) c.matrix.push_back(a == b ? 1.0 : -0.5 + i / 10000.0);
      w.write(c);
    }
    if (i % 1000 == 999)
      w.write(tel::EvalRecord{i, i / 1000, 0.01 * i, "test", {{"accuracy", {0.5, 0.6, 0.7}}}});
  }
}

struct Loaded {
  tel::RunLog log;
  tel::RunSeries series;
  MonitorRun run(const std::string& label = "run A", fig::Color c = fig::okabe_ito(0)) const {
    return {&log, &series, label, c};
  }
};

Loaded load(const std::string& dir, double smoothing) {
  tel::LogReader reader(dir);
  REQUIRE(reader.finish().ok);
  Loaded l{std::move(reader.log()), {}};
  l.series.set_smoothing(smoothing);
  l.series.update(l.log);
  return l;
}

MonitorPlots build(const MonitorRequest& rq, const std::vector<MonitorRun>& runs) {
  MonitorBuilder b(rq);
  for (const MonitorRun& r : runs) b.include_extent(*r.series);
  for (const MonitorRun& r : runs) b.add(r);
  return b.finish();
}

bool is_event(const fig::Polyline& l) { return l.name.rfind("event: ", 0) == 0; }

const fig::Panel& panel(const MonitorPlots& p, MonitorPlot which) {
  return p.panels[static_cast<int>(which)];
}

}  // namespace

TEST_CASE("loss plot: each task's smoothed line named after it, its raw line faint behind") {
  TempDir d;
  write_run(d.str(), 5000, "run A");
  const Loaded l = load(d.str(), 0.6);
  MonitorRequest rq;
  rq.view.smoothing = 0.6f;
  rq.view.show_raw = true;
  const MonitorPlots p = build(rq, {l.run()});
  std::set<std::string> smooth, raw;
  for (const fig::Polyline& line : panel(p, MonitorPlot::loss).lines) {
    if (is_event(line)) continue;
    if (line.name.size() > 6 && line.name.substr(line.name.size() - 6) == " (raw)") {
      raw.insert(line.name);
      CHECK(line.color.a == Approx(0.25));
    } else {
      smooth.insert(line.name);
      CHECK(line.color.a == Approx(1));
    }
  }
  CHECK(smooth == std::set<std::string>{"top", "mid", "low"});
  CHECK(raw == std::set<std::string>{"top (raw)", "mid (raw)", "low (raw)"});
  // The legend names the tasks; no raw line when smoothing is off.
  REQUIRE(panel(p, MonitorPlot::loss).legend.size() == 3);
  CHECK(panel(p, MonitorPlot::loss).legend[1].label == "mid");
  rq.view.smoothing = 0;
  const MonitorPlots plain = build(rq, {l.run()});
  for (const fig::Polyline& line : panel(plain, MonitorPlot::loss).lines)
    CHECK(line.name.find("(raw)") == std::string::npos);
}

TEST_CASE("a decimated line keeps the raw column's min and max over the visible range") {
  TempDir d;
  write_run(d.str(), 5000, "run A");
  const Loaded l = load(d.str(), 0);
  MonitorRequest rq;
  rq.view.smoothing = 0;
  rq.view.log_loss = false;
  rq.follow = false;
  rq.x0 = 1000, rq.x1 = 2600;
  rq.columns = 100;
  const MonitorPlots p = build(rq, {l.run()});
  for (int t = 0; t < kTasks; ++t) {
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 1000; i <= 2600; ++i) {
      lo = std::min<double>(lo, l.log.steps().losses[t][i]);
      hi = std::max<double>(hi, l.log.steps().losses[t][i]);
    }
    double dlo = INFINITY, dhi = -INFINITY;
    size_t points = 0;
    for (const fig::Polyline& line : panel(p, MonitorPlot::loss).lines) {
      if (line.name != l.log.headers()[0].header.tasks[t]) continue;
      points += line.points.size();
      for (const auto& q : line.points)
        if (q.x >= rq.x0 && q.x <= rq.x1) dlo = std::min(dlo, q.y), dhi = std::max(dhi, q.y);
    }
    INFO("task " << t);
    CHECK(dlo == Approx(lo).epsilon(1e-6));
    CHECK(dhi == Approx(hi).epsilon(1e-6));
    CHECK(points <= 5 * 100 + 2);  // thinned: 1,601 rows in view
  }
  // The loss plot's shown y range holds them (the fit of the visible data).
  const Range2& r = p.ranges[static_cast<int>(MonitorPlot::loss)];
  CHECK(r.x0 == 1000);
  CHECK(r.x1 == 2600);
}

TEST_CASE("a NaN gap splits the line, no polyline carries a NaN point") {
  TempDir d;
  write_run(d.str(), 5000, "run A");
  const Loaded l = load(d.str(), 0);
  MonitorRequest rq;
  rq.view.smoothing = 0;
  rq.columns = 1000;  // 5 rows a column: the 10-row gap spans whole columns
  const MonitorPlots p = build(rq, {l.run()});
  int pieces = 0;
  for (const fig::Polyline& line : panel(p, MonitorPlot::loss).lines) {
    for (const auto& q : line.points) REQUIRE(std::isfinite(q.y));
    if (line.name == "mid") {
      ++pieces;
      for (const auto& q : line.points) CHECK(!(q.x > 3000 && q.x < 3009));
    }
  }
  CHECK(pieces == 2);
}

TEST_CASE("events: a dashed line at the event's x on every plot, step and wall time alike") {
  TempDir d;
  write_run(d.str(), 5000, "run A");
  const Loaded l = load(d.str(), 0.6);
  for (auto axis : {tel::XAxis::step, tel::XAxis::wall_time}) {
    MonitorRequest rq;
    rq.view.x_axis = axis;
    const MonitorPlots p = build(rq, {l.run()});
    // Wall time: the event's own time (the run started at kStart, one segment).
    const double want = axis == tel::XAxis::step ? kEventStep : 0.01 * kEventStep;
    for (int k = 0; k < kMonitorPlots; ++k) {
      INFO("plot " << title(static_cast<MonitorPlot>(k)) << ", axis " << tel::to_string(axis));
      int found = 0;
      for (const fig::Polyline& line : p.panels[k].lines)
        if (line.name == "event: alpha 2→10") {
          ++found;
          CHECK(line.dashed);
          REQUIRE(line.points.size() == 2);
          CHECK(line.points[0].x == Approx(want));
          CHECK(line.points[1].x == Approx(want));
        }
      CHECK(found == 1);
    }
    REQUIRE(p.events.size() == 2);  // run_started, params_changed
    CHECK(p.events[1].label == "alpha 2→10");
    CHECK(p.events[1].message.find("alpha 2 -> 10") != std::string::npos);
  }
}

TEST_CASE("log y: a true log axis, and no point at or below zero") {
  TempDir d;
  write_run(d.str(), 5000, "run A");
  const Loaded l = load(d.str(), 0);
  MonitorRequest rq;
  rq.view.smoothing = 0;
  rq.view.log_loss = true;
  rq.view.log_rate = true;  // task 3's rate changes sign: its negative stretches drop out
  rq.columns = 2000;
  const MonitorPlots p = build(rq, {l.run()});
  for (MonitorPlot which : {MonitorPlot::loss, MonitorPlot::rate, MonitorPlot::residual}) {
    const fig::Panel& pn = panel(p, which);
    INFO(title(which));
    CHECK(pn.y.log);
    CHECK(pn.y.min > 0);
    size_t points = 0;
    for (const fig::Polyline& line : pn.lines)
      for (const auto& q : line.points) {
        CHECK(q.y > 0);
        ++points;
      }
    CHECK(points > 0);
    // Ranges are in axis units: log10 of the values.
    CHECK(p.ranges[static_cast<int>(which)].y0 == Approx(std::log10(pn.y.min)));
  }
  CHECK_FALSE(panel(p, MonitorPlot::share).y.log);
}

TEST_CASE("shares: each row's shares lie in [0, 1] and sum to 1, so do the plotted points") {
  TempDir d;
  write_run(d.str(), 5000, "run A");
  const Loaded l = load(d.str(), 0);
  for (size_t row : {0, 100, 2499, 2500, 4999}) {
    double sum = 0;
    for (int t = 0; t < kTasks; ++t) {
      const float s = l.series.raw(tel::Quantity::share, t)[row];
      CHECK(s >= 0);
      CHECK(s <= 1);
      CHECK(s == Approx(l.log.steps().weights[t][row] /
                        (l.log.steps().weights[0][row] + l.log.steps().weights[1][row] +
                         l.log.steps().weights[2][row])));
      sum += s;
    }
    CHECK(sum == Approx(1));
  }
  MonitorRequest rq;
  rq.view.smoothing = 0;
  const MonitorPlots p = build(rq, {l.run()});
  for (const fig::Polyline& line : panel(p, MonitorPlot::share).lines)
    if (!is_event(line))
      for (const auto& q : line.points) CHECK((q.y >= 0 && q.y <= 1));
}

TEST_CASE("hover readout: the row at x, its raw and smoothed values, solver, time, evaluation") {
  TempDir d;
  write_run(d.str(), 5000, "run A");
  const Loaded l = load(d.str(), 0.6);
  const RowReadout r = readout_at(l.run(), tel::XAxis::step, 1234.6);
  REQUIRE(r.row == 1234);
  CHECK(r.step == 1234);
  CHECK(r.epoch == 1);
  CHECK(r.wall == Approx(12.34));
  REQUIRE(r.tasks.size() == kTasks);
  const tel::StepRecord want = step_record(1234);
  for (int t = 0; t < kTasks; ++t) {
    CHECK(r.tasks[t].loss == Approx(want.losses[t]));
    CHECK(r.tasks[t].weight == Approx(want.weights[t]));
    CHECK(r.tasks[t].rate == Approx(want.rates[t]));
    CHECK(r.tasks[t].loss_s == l.series.smooth(tel::Quantity::loss, t)[1234]);
    CHECK(r.tasks[t].loss_s != r.tasks[t].loss);  // smoothing on: a different value
  }
  CHECK(r.tasks[1].name == "mid");
  CHECK(r.status == want.status);
  CHECK(r.iterations == want.iterations);
  CHECK(r.residual == Approx(want.residual));
  CHECK(r.step_ms == Approx(1e3 * want.step_time));
  CHECK(r.eval.find("accuracy 0.5 0.6 0.7") != std::string::npos);
  // Wall time: 12.345 s falls on row 1234 too; before the first row there is none.
  CHECK(readout_at(l.run(), tel::XAxis::wall_time, 12.345).row == 1234);
  CHECK(readout_at(l.run(), tel::XAxis::step, -5).row == -1);
}

TEST_CASE("two runs overlaid: twice the lines, coloured by run, and a legend naming both") {
  TempDir a, b;
  write_run(a.str(), 3000, "alpha2");
  write_run(b.str(), 4000, "alpha10");
  const Loaded la = load(a.str(), 0), lb = load(b.str(), 0);
  MonitorRequest rq;
  rq.view.smoothing = 0;
  rq.overlay = true;
  const fig::Color ca = fig::okabe_ito(0), cb = fig::okabe_ito(1);
  const MonitorPlots p = build(rq, {la.run("alpha2", ca), lb.run("alpha10", cb)});
  std::set<std::string> names;
  for (const fig::Polyline& line : panel(p, MonitorPlot::loss).lines)
    if (!is_event(line)) names.insert(line.name);
  CHECK(names.size() == 2 * kTasks);
  CHECK(names.count("alpha2: top") == 1);
  CHECK(names.count("alpha10: low") == 1);
  const auto& legend = panel(p, MonitorPlot::loss).legend;
  REQUIRE(legend.size() == 2);
  CHECK(legend[0].label.rfind("alpha2", 0) == 0);
  CHECK(legend[1].label.rfind("alpha10", 0) == 0);
  CHECK(fig::to_hex(legend[0].color) == fig::to_hex(ca));
  // Task 1 of each run in the run's own colour; the x range covers the longer run.
  for (const fig::Polyline& line : panel(p, MonitorPlot::loss).lines)
    if (line.name == "alpha10: top") CHECK(fig::to_hex(line.color) == fig::to_hex(cb));
  CHECK(p.ranges[0].x1 == 3999);
  // A task filter: one line per run.
  rq.task = 1;
  names.clear();
  const MonitorPlots filtered = build(rq, {la.run("alpha2", ca), lb.run("alpha10", cb)});
  for (const fig::Polyline& line : panel(filtered, MonitorPlot::loss).lines)
    if (!is_event(line)) names.insert(line.name);
  CHECK(names == std::set<std::string>{"alpha2: mid", "alpha10: mid"});
}

TEST_CASE("a run with no rows yet beside a loaded one: no lines of its own, no crash") {
  TempDir a, b;
  write_run(a.str(), 1000, "loaded");
  write_run(b.str(), 0, "waiting");  // a header and run_started, no step yet
  const Loaded la = load(a.str(), 0), lb = load(b.str(), 0);
  Loaded empty;  // nothing at all (the log is not there yet)
  REQUIRE(lb.series.size() == 0);
  MonitorRequest rq;
  rq.overlay = true;
  const MonitorPlots p =
      build(rq, {la.run("loaded"), lb.run("waiting"), empty.run("nothing")});
  int lines = 0;
  for (const fig::Polyline& line : panel(p, MonitorPlot::residual).lines)
    if (!is_event(line)) {
      CHECK(line.name.rfind("loaded", 0) == 0);
      ++lines;
    }
  CHECK(lines > 0);
  CHECK(readout_at(lb.run(), tel::XAxis::step, 10).row == -1);
  CHECK(readout_at(empty.run(), tel::XAxis::step, 10).row == -1);
}

TEST_CASE("cosine heatmap: the record at the hovered step, diverging colours over [-1, 1]") {
  TempDir d;
  write_run(d.str(), 5000, "run A");
  const Loaded l = load(d.str(), 0);
  CHECK(cosine_record_at(l.log, -1) == 9);   // the newest (steps 0, 500, ..., 4500)
  CHECK(cosine_record_at(l.log, 1499) == 2);  // step 1000
  const fig::Panel p = cosine_panel(l.log, 2, "");
  REQUIRE(p.heatmap.size() == 1);
  CHECK(p.heatmap[0].colormap == fig::ColormapId::rdbu_r);
  CHECK(p.heatmap[0].vmin == -1);
  CHECK(p.heatmap[0].vmax == 1);
  CHECK(p.heatmap[0].field.at(0, 1) == Approx(-0.4));
  CHECK(p.heatmap[0].field.at(2, 2) == 1);
  CHECK(p.title.find("step 1000") != std::string::npos);
  CHECK(cosine_panel(tel::RunLog{}, -1, "").heatmap.empty());
  // Diverging: blue below zero, near white at zero, red above.
  const fig::Color lo = fig::sample(fig::ColormapId::rdbu_r, 0), mid = fig::sample(fig::ColormapId::rdbu_r, 0.5),
                   hi = fig::sample(fig::ColormapId::rdbu_r, 1);
  CHECK(lo.b > lo.r);
  CHECK(hi.r > hi.b);
  CHECK(mid.r > 0.9);
  CHECK(mid.b > 0.9);
}

TEST_CASE("follow live: a zoom pauses it and links x, ticking it again fits all data") {
  TempDir d;
  write_run(d.str(), 3000, "run A");
  AppState s;
  s.runs.attach(d.str());
  s.runs.runs()[0].watcher->poll_now();
  MonitorState& m = s.monitor;
  REQUIRE(update_monitor(m, s.runs, 300));
  CHECK_FALSE(update_monitor(m, s.runs, 300));  // nothing changed: no rebuild
  CHECK(s.runs.view.follow_live);
  for (const Range2& r : m.plots.ranges) {
    CHECK(r.x0 == 0);
    CHECK(r.x1 == 2999);
  }
  // Zoom into the rates plot about step 1500, as PlotArea does on a wheel turn.
  PlotView& v = m.views[1];
  v.zoom(0.5, 1500, 0.5 * (v.shown(300, 200, false).y0 + v.shown(300, 200, false).y1), 300, 200,
         false);
  const Range2 z = v.shown(300, 200, false);
  monitor_user_range(m, s.runs.view, 1, z);
  CHECK_FALSE(s.runs.view.follow_live);
  REQUIRE(update_monitor(m, s.runs, 300));
  for (const Range2& r : m.plots.ranges) {  // every plot in the zoomed x range
    CHECK(r.x0 == Approx(z.x0));
    CHECK(r.x1 == Approx(z.x1));
  }
  CHECK(m.plots.ranges[1].y0 == Approx(z.y0));  // the zoomed plot keeps its y
  CHECK(m.views[1].shown(300, 200, false) == m.plots.ranges[1]);
  // The run grows: paused plots stay put.
  write_run(d.str(), 4000, "run A", 3000);
  s.runs.runs()[0].watcher->poll_now();
  REQUIRE(update_monitor(m, s.runs, 300));
  CHECK(m.plots.ranges[0].x1 == Approx(z.x1));
  // Follow again: everything, the new rows included.
  monitor_follow(m, s.runs.view);
  REQUIRE(update_monitor(m, s.runs, 300));
  for (const Range2& r : m.plots.ranges) CHECK(r.x1 == 3999);
  CHECK(m.plots.ranges[1].y0 != Approx(z.y0));
}

TEST_CASE("CSV export of every attached run: files named by prefix, errors in one line") {
  TempDir d, out;
  write_run(d.str(), 500, "run A");
  AppState s;
  s.runs.attach(d.str());
  const auto targets = export_targets(s.runs, "");
  REQUIRE(targets.size() == 1);
  CHECK(targets[0].prefix == (fs::path(d.str()) / "export").string());
  bool ok = false;
  std::string report = export_monitor_csv(export_targets(s.runs, out.str() + "/x"), ok);
  CHECK(ok);
  CHECK(fs::exists(out.str() + "/x-steps.csv"));
  CHECK(report.find("x-events.csv") != std::string::npos);
  std::ifstream steps(out.str() + "/x-steps.csv");
  int lines = 0;
  for (std::string line; std::getline(steps, line);) ++lines;
  CHECK(lines == 501);  // header and every step
  report = export_monitor_csv(export_targets(s.runs, "/nonexistent/dir/x"), ok);
  CHECK_FALSE(ok);
  CHECK(report.rfind("error: ", 0) == 0);
}

namespace {

struct Harness : HeadlessImgui {
  void frame(AppState& s) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(1600, 1000));
    draw_monitor_panel(s);
    ImGui::Render();
  }
};

}  // namespace

TEST_CASE("the monitor window: a hint with no run, hover and wheel over a plot with one") {
  Harness h;
  AppState s;
  h.frame(s);  // nothing attached: a hint, no plots, no crash
  CHECK(std::isnan(s.monitor.hover_x));
  CHECK_FALSE(s.monitor.built_once);

  TempDir d;
  write_run(d.str(), 3000, "run A");
  s.runs.attach(d.str());
  s.runs.runs()[0].watcher->poll_now();
  h.frame(s);
  h.frame(s);
  REQUIRE(s.monitor.built_once);
  // The middle of the first cell: the losses plot. Hovering gives its x; the wheel zooms it
  // and pauses following; the next frame shows every plot in the zoomed x range.
  ImGui::GetIO().MousePos = ImVec2(200, 250);
  h.frame(s);
  REQUIRE(std::isfinite(s.monitor.hover_x));
  CHECK(s.monitor.hover_x > 0);
  CHECK(s.monitor.hover_x < 2999);
  ImGui::GetIO().MouseWheel = 2;
  h.frame(s);
  ImGui::GetIO().MouseWheel = 0;
  CHECK_FALSE(s.runs.view.follow_live);
  h.frame(s);
  const Range2 r0 = s.monitor.plots.ranges[0];
  CHECK(r0.w() < 0.9 * 2999);
  for (const Range2& r : s.monitor.plots.ranges) CHECK(r.x0 == Approx(r0.x0));
  // A double-click refits: following again.
  ImGui::GetIO().MouseDown[0] = true;
  h.frame(s);
  ImGui::GetIO().MouseDown[0] = false;
  h.frame(s);
  ImGui::GetIO().MouseDown[0] = true;
  h.frame(s);
  ImGui::GetIO().MouseDown[0] = false;
  h.frame(s);
  CHECK(s.runs.view.follow_live);
  h.frame(s);
  CHECK(s.monitor.plots.ranges[0].x1 == 2999);
}
