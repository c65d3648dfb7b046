// Tier 2: the runs page's model (RunsModel, SteerDraft) against logs written by core's LogWriter
// and a fake job on the steering socket. No ImGui frames, no GL (gui_runs_page_test has those).
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "app/gui/runs_model.h"
#include "core/figure/colormap.h"
#include "tests/gui/fake_job.h"

using namespace ps::gui;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace telemetry = ps::telemetry;
using ps::test::FakeJob;
using ps::test::fresh_dir;
using ps::test::write_run;

namespace {

// Calls update() until the steering reply is in (bounded: a hang fails the test, never blocks it).
bool await_reply(RunsModel& m, std::chrono::seconds limit = 30s) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (m.steering() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(5ms);
    m.update();
  }
  return !m.steering() && m.last_reply().has_value();
}

template <class F>
bool eventually(F done, std::chrono::seconds limit = 30s) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

}  // namespace

TEST_CASE("attaching a run directory shows its rows, once per run however it is spelled") {
  const fs::path dir = fresh_dir("attach");
  write_run(dir, "reg-fairgrad", 50);
  RunsModel m;
  REQUIRE(m.attach(dir.string()) == 0);
  CHECK(m.selected == 0);
  telemetry::RunWatcher& w = *m.runs()[0].watcher;
  w.poll_now();
  const telemetry::WatchStatus st = w.status();
  CHECK(st.loaded);
  CHECK(st.rows == 50);
  CHECK(st.stats.skipped() == 0);
  CHECK(st.state == telemetry::RunState::interrupted);  // no job, no ending event
  m.update();
  CHECK(m.runs()[0].label == "reg-fairgrad");  // from the header, once it is read

  // The same run by another spelling selects it; nothing new is attached.
  m.selected = -1;
  CHECK(m.attach(dir.string() + "/") == 0);
  CHECK(m.attach((dir / "telemetry.jsonl").string()) == 0);
  CHECK(m.selected == 0);
  CHECK(m.runs().size() == 1);
  CHECK(m.attach("") == -1);
  fs::remove_all(dir);
}

TEST_CASE("a directory with no log yet is attached and waits for it") {
  const fs::path dir = fresh_dir("later");
  RunsModel m;
  REQUIRE(m.attach(dir.string()) == 0);
  m.runs()[0].watcher->poll_now();
  CHECK(m.runs()[0].watcher->status().state == telemetry::RunState::waiting);
  CHECK(m.runs()[0].watcher->status().rows == 0);
  write_run(dir, "late", 7);
  m.runs()[0].watcher->poll_now();
  CHECK(m.runs()[0].watcher->status().rows == 7);
  fs::remove_all(dir);
}

TEST_CASE("a log that keeps growing: the rows follow and the frame loop is woken") {
  const fs::path dir = fresh_dir("grow");
  std::atomic<int> wakes{0};
  RunsModel m([&] { ++wakes; });
  telemetry::LogWriter w(dir.string());
  w.write(ps::test::header("growing", "fairgrad", {{"alpha", 2}}));
  m.attach(dir.string());
  constexpr int kSteps = 300;
  std::thread writer([&] {
    for (int i = 0; i < kSteps; ++i) {
      w.write(ps::test::step(i));
      if (i % 30 == 0) std::this_thread::sleep_for(20ms);
    }
  });
  std::int64_t last = 0;
  bool never_shrank = true;
  const bool all = eventually([&] {
    const std::int64_t rows = m.runs()[0].watcher->status().rows;
    never_shrank = never_shrank && rows >= last;
    last = rows;
    return rows == kSteps;
  });
  writer.join();
  CHECK(all);
  CHECK(never_shrank);
  CHECK(wakes > 0);  // the watcher's on_update is the model's wake function
  CHECK(m.data_version() > 0);
  fs::remove_all(dir);
}

TEST_CASE("attached runs get distinct Okabe-Ito colours, detaching keeps the selection sane") {
  RunsModel m;
  std::vector<fs::path> dirs;
  for (int i = 0; i < 4; ++i) dirs.push_back(fresh_dir("colour" + std::to_string(i)));
  for (const auto& d : dirs) m.attach(d.string());
  REQUIRE(m.runs().size() == 4);
  auto distinct = [&] {
    for (size_t i = 0; i < m.runs().size(); ++i)
      for (size_t j = i + 1; j < m.runs().size(); ++j)
        if (ps::fig::to_hex(m.runs()[i].color) == ps::fig::to_hex(m.runs()[j].color)) return false;
    return true;
  };
  CHECK(distinct());
  CHECK(ps::fig::to_hex(m.runs()[0].color) == ps::fig::to_hex(ps::fig::okabe_ito(0)));
  m.selected = 3;
  m.detach(1);
  CHECK(m.runs().size() == 3);
  CHECK(m.selected == 2);  // still the same run
  CHECK(m.runs()[2].watcher->dir() == dirs[3].string());
  m.attach(fresh_dir("colour9").string());  // takes the freed colour, not a repeat
  CHECK(distinct());
  m.selected = 3;
  m.detach(3);
  CHECK(m.selected == 2);
  m.detach(7);  // out of range: ignored
  CHECK(m.runs().size() == 3);
}

TEST_CASE("smoothing set in the view reaches every watcher's series") {
  const fs::path dir = fresh_dir("smooth");
  write_run(dir, "s", 20);
  RunsModel m;
  m.attach(dir.string());
  m.view.smoothing = 0.9f;
  m.update();
  // The watcher recomputes on its worker and swaps the result in.
  double f = -1;
  CHECK(eventually([&] {
    m.runs()[0].watcher->read(
        [&](const telemetry::RunLog&, const telemetry::RunSeries& s) { f = s.smoothing(); });
    return f == Approx(0.9);
  }));
  CHECK(f == Approx(0.9));
  fs::remove_all(dir);
}

TEST_CASE("the runs list: run directories under the root, newest first") {
  const fs::path root = fresh_dir("root");
  const auto now = fs::file_time_type::clock::now();
  const char* names[] = {"old", "newest", "middle"};
  const int ages_h[] = {30, 1, 5};
  for (int i = 0; i < 3; ++i) {
    write_run(root / names[i], std::string("run-") + names[i], 3);
    fs::last_write_time(root / names[i] / "telemetry.jsonl", now - std::chrono::hours(ages_h[i]));
  }
  fs::create_directories(root / "not-a-run");
  RunsModel m;
  m.root = root.string();
  m.refresh_listing();
  const auto& l = m.listing();
  REQUIRE(l.size() == 3);
  CHECK(l[0].name == "run-newest");
  CHECK(l[1].name == "run-middle");
  CHECK(l[2].name == "run-old");
  CHECK(l[0].method == "fairgrad");
  CHECK_FALSE(l[0].live);
  m.root = (root / "missing").string();
  m.refresh_listing();
  CHECK(m.listing().empty());
  fs::remove_all(root);
}

TEST_CASE("steering: the job's reply comes back, ok or the job's own error") {
  const fs::path dir = fresh_dir("steer");
  write_run(dir, "steered", 5);
  FakeJob job(dir);
  RunsModel m;
  m.attach(dir.string());

  REQUIRE(m.steer(0, "set alpha=10"));
  REQUIRE(await_reply(m));
  CHECK(m.last_reply()->ok);
  CHECK(m.last_reply()->command == "set alpha=10");
  CHECK(m.last_reply()->reply.rfind("ok applied", 0) == 0);
  CHECK(job.config().params.at("alpha") == 10);

  REQUIRE(m.steer(0, "set alpha=-1"));  // out of range: the job refuses and says why
  REQUIRE(await_reply(m));
  CHECK_FALSE(m.last_reply()->ok);
  CHECK(m.last_reply()->reply.rfind("error ", 0) == 0);
  CHECK(m.last_reply()->reply.find("alpha") != std::string::npos);
  CHECK(job.config().params.at("alpha") == 10);

  REQUIRE(m.steer(0, "fly away"));  // not the steering language
  REQUIRE(await_reply(m));
  CHECK_FALSE(m.last_reply()->ok);
  CHECK(m.last_reply()->reply.rfind("error ", 0) == 0);
  CHECK(job.applied == 1);
  CHECK_FALSE(m.steer(5, "stop"));  // no such run
  fs::remove_all(dir);
}

TEST_CASE("steering with no job listening says so, within the timeout") {
  const fs::path dir = fresh_dir("nojob");
  write_run(dir, "dead", 5);
  RunsModel m;
  m.steer_timeout_ms = 2000;
  m.attach(dir.string());
  REQUIRE(m.steer(0, "set alpha=10"));
  REQUIRE(await_reply(m, 10s));
  CHECK_FALSE(m.last_reply()->ok);
  const std::string& r = m.last_reply()->reply;
  INFO(r);
  CHECK(r.find("no job is listening at") != std::string::npos);
  CHECK(r.find((dir / "control.sock").string()) != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("a second command while one waits for its reply is refused") {
  const fs::path dir = fresh_dir("pending");
  write_run(dir, "slow", 5);
  FakeJob job(dir);
  job.hold = true;  // the job is inside a long step
  RunsModel m;
  m.attach(dir.string());
  REQUIRE(m.steer(0, "set alpha=5"));
  CHECK(m.steering());
  CHECK_FALSE(m.steer(0, "set alpha=7"));
  m.update();
  CHECK(m.steering());
  CHECK_FALSE(m.last_reply().has_value());
  job.hold = false;
  REQUIRE(await_reply(m));
  CHECK(m.last_reply()->ok);
  CHECK(job.requests == 1);  // the refused one never left
  CHECK(job.config().params.at("alpha") == 5);
  CHECK(m.steer(0, "set alpha=7"));  // free again
  REQUIRE(await_reply(m));
  CHECK(job.config().params.at("alpha") == 7);
  fs::remove_all(dir);
}

TEST_CASE("a slow job's reply times out with a clear message") {
  const fs::path dir = fresh_dir("timeout");
  write_run(dir, "stuck", 5);
  FakeJob job(dir);
  job.hold = true;
  RunsModel m;
  m.steer_timeout_ms = 300;
  m.attach(dir.string());
  REQUIRE(m.steer(0, "set alpha=5"));
  REQUIRE(await_reply(m));
  CHECK_FALSE(m.last_reply()->ok);
  CHECK(m.last_reply()->reply.find("no reply") != std::string::npos);
  job.hold = false;
  fs::remove_all(dir);
}

TEST_CASE("the steering controls start from what the job does: header, then logged changes") {
  const fs::path dir = fresh_dir("config");
  write_run(dir, "c", 10, "fairgrad", {{"alpha", 2}});
  RunsModel m;
  m.attach(dir.string());
  m.runs()[0].watcher->poll_now();
  m.update();
  CHECK(m.steer_draft.running.method == "fairgrad");
  CHECK(m.steer_draft.running.params.at("alpha") == 2);
  CHECK(m.steer_draft.running.params.count("loss_alpha") == 1);  // completed from the registry
  CHECK_FALSE(m.steer_draft.edited());

  {  // the job applies `set alpha=10` and logs it
    telemetry::LogWriter w(dir.string());
    telemetry::EventRecord ev;
    ev.step = 10, ev.kind = "params_changed", ev.method = "fairgrad";
    ev.params = {{"alpha", 10}, {"loss_alpha", 0}};
    w.write(ev);
  }
  m.runs()[0].watcher->poll_now();
  m.update();
  CHECK(m.steer_draft.running.params.at("alpha") == 10);
  CHECK(m.steer_draft.edit.params.at("alpha") == 10);  // an untouched edit follows the run

  m.steer_draft.edit.params["alpha"] = 5;  // the user moves the slider
  CHECK(m.steer_draft.command() == "set alpha=5");
  {  // a method change logged meanwhile: the user's edit is kept, the running config follows
    telemetry::LogWriter w(dir.string());
    telemetry::EventRecord ev;
    ev.step = 12, ev.kind = "method_changed", ev.method = "mgda";
    w.write(ev);
  }
  m.runs()[0].watcher->poll_now();
  m.update();
  CHECK(m.steer_draft.running.method == "mgda");
  CHECK(m.steer_draft.edit.method == "fairgrad");
  CHECK(m.steer_draft.edit.params.at("alpha") == 5);
  fs::remove_all(dir);
}
