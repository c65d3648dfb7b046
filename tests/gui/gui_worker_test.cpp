// The simulation worker and the toy model: versioning, cancellation of stale runs, errors as
// messages, reuse when only the view changed; and the real simulator through them.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "app/gui/export_model.h"
#include "app/gui/scene_builder.h"
#include "app/gui/sim_worker.h"
#include "app/gui/toy_model.h"
#include "toy/toy_problem.h"

using namespace ps::gui;
using namespace std::chrono_literals;
namespace toy = ps::toy;

namespace {

// One trajectory per start: a line of `n` points from the start, its step numbers tagged with
// the settings' lr so tests can tell runs apart.
toy::SimResult line_result(const toy::SimSettings& s, int n) {
  toy::SimResult r;
  r.settings = s;
  for (const auto& st : s.starts) {
    toy::Trajectory t;
    t.start = st;
    for (int i = 0; i < n; ++i) {
      toy::StepRecord rec;
      rec.step = i;
      rec.x = st + Eigen::Vector2d(0, -0.01 * i);
      rec.losses = {s.lr + i, -1.0 * i};
      rec.weights = {1, 1};
      rec.rates = {1, 1};
      t.points.push_back(rec);
    }
    t.stop.reason = toy::StopReason::steps;
    t.stop.step = n - 1;
    r.runs.push_back(t);
  }
  return r;
}

}  // namespace

TEST_CASE("worker: a new submit cancels the running job, only the newest is published") {
  std::atomic<int> started{0}, saw_cancel{0};
  SimWorker::Options o;
  o.threads = 2;
  o.simulate = [&](const toy::SimSettings& s, const std::atomic<bool>* cancel) {
    ++started;
    if (s.lr == 1.0) {  // the slow job: runs until cancelled (or 10 s, a failure)
      const auto until = std::chrono::steady_clock::now() + 10s;
      while (!cancel->load() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(1ms);
      if (cancel->load()) ++saw_cancel;
      toy::SimResult r = line_result(s, 3);
      for (auto& t : r.runs) t.stop.reason = toy::StopReason::cancelled;
      return r;
    }
    return line_result(s, 5);
  };
  std::mutex mu;
  std::set<uint64_t> published;
  o.finish = [&](Snapshot& snap) {
    std::lock_guard lock(mu);
    published.insert(snap.version);
  };
  SimWorker w(o);
  toy::SimSettings slow;
  slow.lr = 1.0;
  const uint64_t v1 = w.submit(slow);
  while (started.load() == 0) std::this_thread::sleep_for(1ms);
  toy::SimSettings fast;
  fast.lr = 0.5;
  const uint64_t v2 = w.submit(fast);
  CHECK(v2 > v1);
  REQUIRE(w.wait_for(v2, 10s));
  const auto snap = w.latest();
  REQUIRE(snap);
  CHECK(snap->version == v2);
  REQUIRE(snap->ok());
  CHECK(snap->result->runs.size() == 5);  // the paper's five starts by default
  CHECK(snap->result->runs[0].points.front().losses[0] == 0.5);
  CHECK(snap->last_step == 4);
  CHECK(saw_cancel.load() >= 1);
  CHECK(w.cancelled() >= 1);
  std::lock_guard lock(mu);
  CHECK(published.count(v1) == 0);  // the stale run never reached the views
}

TEST_CASE("worker: queued jobs collapse to the newest, starts keep their order") {
  std::atomic<int> calls{0};
  SimWorker::Options o;
  o.threads = 3;
  o.simulate = [&](const toy::SimSettings& s, const std::atomic<bool>*) {
    ++calls;
    std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int>(s.starts[0].x())));
    return line_result(s, 4);
  };
  SimWorker w(o);
  toy::SimSettings s;
  // Uneven run times: the slowest start first, so finishing order differs from start order.
  s.starts = {{30, 0}, {1, 0}, {20, 0}, {2, 0}, {10, 0}};
  uint64_t last = 0;
  for (int i = 0; i < 20; ++i) {
    s.lr = i;
    last = w.submit(s);
  }
  REQUIRE(w.wait_for(last, 10s));
  const auto snap = w.latest();
  CHECK(snap->version == last);
  REQUIRE(snap->ok());
  CHECK(snap->settings.lr == 19);
  REQUIRE(snap->result->runs.size() == 5);
  for (size_t i = 0; i < 5; ++i) CHECK(snap->result->runs[i].start == s.starts[i]);
  CHECK(calls.load() < 20 * 5);  // most of the 20 jobs never ran
  CHECK(w.idle());
}

TEST_CASE("worker: a failing method becomes a message, same settings are not simulated twice") {
  std::atomic<int> calls{0};
  SimWorker::Options o;
  o.threads = 1;
  o.simulate = [&](const toy::SimSettings& s, const std::atomic<bool>*) -> toy::SimResult {
    ++calls;
    if (s.method == "broken") throw std::logic_error("make_broken not written");
    return line_result(s, 2);
  };
  SimWorker w(o);
  toy::SimSettings bad;
  bad.method = "broken";
  const uint64_t v = w.submit(bad);
  REQUIRE(w.wait_for(v, 5s));
  CHECK_FALSE(w.latest()->ok());
  CHECK(w.latest()->error.find("not written") != std::string::npos);

  toy::SimSettings good;
  const uint64_t g1 = w.submit(good, ViewTag{ps::fig::Landscape::l1});
  REQUIRE(w.wait_for(g1, 5s));
  const int after_first = calls.load();
  const auto first = w.latest()->result;
  const uint64_t g2 = w.submit(good, ViewTag{ps::fig::Landscape::max});  // only the view changed
  REQUIRE(w.wait_for(g2, 5s));
  CHECK(calls.load() == after_first);
  CHECK(w.latest()->tag.landscape == ps::fig::Landscape::max);
  CHECK(w.latest()->result == first);  // the very same result, not a copy
}

TEST_CASE("toy model: a control change submits once, the snapshot carries built panels") {
  std::atomic<int> calls{0};
  SimWorker::Options o;
  o.threads = 1;
  o.simulate = [&](const toy::SimSettings& s, const std::atomic<bool>*) {
    ++calls;
    return line_result(s, 50);
  };
  ToyModel m(o);
  CHECK(m.busy());
  m.update();
  const uint64_t v1 = m.submitted_version();
  for (int i = 0; i < 3; ++i) m.update();  // nothing changed: no new job
  CHECK(m.submitted_version() == v1);
  REQUIRE(m.worker().wait_for(v1, 5s));
  CHECK(m.update());
  REQUIRE(m.snapshot());
  CHECK_FALSE(m.busy());
  const Snapshot& s = *m.snapshot();
  int traj = 0;
  for (const auto& l : s.loss.lines) traj += l.kind == ps::fig::SeriesKind::trajectory;
  CHECK(traj == 5);
  CHECK(s.loss_steps.size() == 5);
  CHECK(s.landscape_steps.size() == 5);
  REQUIRE_FALSE(s.landscape.heatmap.empty());
  CHECK(s.landscape.heatmap[0].field.nx == SceneBuilder::kLandscapeSamples);
  CHECK(m.playback.length() == 49);

  m.params()["alpha"] = 7;
  m.update();
  CHECK(m.submitted_version() > v1);
  CHECK(m.sim_settings().params.at("alpha") == 7);
  const uint64_t v2 = m.submitted_version();
  m.controls.starts.move(0, {1, 1});
  m.update();
  CHECK(m.submitted_version() > v2);
}

TEST_CASE("the real simulator through the worker: FairGrad on the paper's five starts") {
  ToyModel m;  // toy::simulate and the scene builder
  m.params()["alpha"] = 2;
  m.update();
  REQUIRE(m.worker().wait_for(m.submitted_version(), 60s));
  m.update();
  REQUIRE(m.snapshot());
  const Snapshot& s = *m.snapshot();
  INFO(s.error);
  REQUIRE(s.ok());
  REQUIRE(s.result->runs.size() == 5);
  for (size_t i = 0; i < 5; ++i) CHECK(s.result->runs[i].start == ps::toy::paper_starts()[i]);
  int fronts = 0;
  for (const auto& r : s.result->runs) fronts += r.stop.reason == toy::StopReason::front;
  CHECK(fronts >= 4);  // FairGrad reaches the front from (almost) every start
}

TEST_CASE("export model: the dialog's settings reach core/figure's exporter, off the UI thread") {
  ToyModel m;
  m.update();
  REQUIRE(m.worker().wait_for(m.submitted_version(), 60s));
  m.update();
  REQUIRE(m.snapshot());
  REQUIRE(m.snapshot()->ok());
  const auto dir = std::filesystem::temp_directory_path() / "ps_gui_export_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);

  ExportModel ex;
  ex.options.what = ExportWhat::both;
  ex.options.format = ps::fig::Format::png;
  ex.options.width_in = 6;
  ex.options.height_in = 2.5;
  ex.options.dpi = 100;
  ex.options.palette = ps::fig::Palette::okabe_ito;
  ex.options.base_path = (dir / "fig").string();
  ex.start(m.snapshot()->result, {}, false, ps::fig::Landscape::mean);
  CHECK(ex.running());
  for (int i = 0; i < 6000 && !ex.poll(); ++i) std::this_thread::sleep_for(10ms);
  INFO(ex.status());
  CHECK_FALSE(ex.failed());
  CHECK(std::filesystem::exists(dir / "fig.png"));
  CHECK(std::filesystem::exists(dir / "fig.csv"));
  CHECK(ex.status().find("600 x 250") != std::string::npos);  // inches x DPI

  // Nothing to export is a message, not a crash.
  ex.options.what = ExportWhat::compare;
  ex.start(m.snapshot()->result, {}, false, ps::fig::Landscape::mean);
  for (int i = 0; i < 6000 && !ex.poll(); ++i) std::this_thread::sleep_for(10ms);
  CHECK(ex.failed());
  CHECK(ex.status().find("empty") != std::string::npos);
  std::filesystem::remove_all(dir);
}
