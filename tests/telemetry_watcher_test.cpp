// RunWatcher following a run directory (growth while a job writes, torn and garbled lines, a log
// replaced, the run's state), job_is_listening and list_runs.
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "core/telemetry/control_server.h"
#include "core/telemetry/log_writer.h"
#include "core/telemetry/run_watcher.h"
#include "tests/temp_dir.h"

using namespace ps::telemetry;
namespace fs = std::filesystem;

namespace {


HeaderRecord header(const std::string& run, double start_unix = 1700000000) {
  HeaderRecord h;
  h.run = run;
  h.workload = "regression";
  h.method = "fairgrad";
  h.tasks = {"a", "b"};
  h.start_unix = start_unix;
  return h;
}

StepRecord step(std::int64_t s, double scale = 1) {
  StepRecord r;
  r.step = s;
  r.time = 0.25 * static_cast<double>(s);
  r.losses = {scale / (1.0 + static_cast<double>(s)), scale * 2};
  r.weights = {1, 3};
  return r;
}

EventRecord event(const std::string& kind, std::int64_t s) {
  EventRecord e;
  e.kind = kind;
  e.step = s;
  return e;
}

void append_text(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::app | std::ios::binary);
  f << text;
}

// Polls (on this thread) until `done` holds; gives up after a generous while so that a broken
// watcher fails the test instead of hanging it.
template <class F>
bool poll_until(RunWatcher& w, F done) {
  for (int i = 0; i < 1000; ++i) {
    w.poll_now();
    if (done(w.status())) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

}  // namespace

TEST_CASE("watcher: rows grow while the job writes and on_update fires") {
  TempDir dir;
  std::mutex mu;
  std::condition_variable cv;
  std::set<std::int64_t> seen;  // row counts the watcher reported
  std::atomic<int> updates{0};
  RunWatcher* wp = nullptr;
  std::atomic<bool> ready{false};
  RunWatcher::Options o;
  o.poll_ms = 2;
  o.smoothing = 0.5;
  o.on_update = [&] {
    ++updates;
    if (!ready) return;
    const auto rows = wp->status().rows;
    std::lock_guard lk(mu);
    seen.insert(rows);
    cv.notify_all();
  };
  RunWatcher w(dir.str(), o);
  wp = &w;
  ready = true;
  auto wait_rows = [&](std::int64_t n) {
    std::unique_lock lk(mu);
    return cv.wait_for(lk, std::chrono::seconds(20), [&] { return seen.count(n) > 0; });
  };
  {
    ControlServer server(dir.str());  // the "job" is running
    std::thread job([&] {
      LogWriter lw(dir.str());
      lw.write(header("grow"));
      for (int batch = 0; batch < 5; ++batch) {
        for (int s = 0; s < 100; ++s) lw.write(step(batch * 100 + s));
        // The next batch only after the watcher has seen this one: growth, not one big read.
        if (!wait_rows((batch + 1) * 100)) return;
      }
      lw.write(event("finished", 500));
    });
    job.join();
    REQUIRE(poll_until(w, [](const WatchStatus& s) { return s.state == RunState::live; }));
  }
  REQUIRE(poll_until(w, [](const WatchStatus& s) { return s.state == RunState::finished; }));
  const WatchStatus st = w.status();
  REQUIRE(st.rows == 500);
  REQUIRE(st.name == "grow");
  REQUIRE(st.loaded);
  for (std::int64_t n = 100; n <= 500; n += 100) REQUIRE(seen.count(n) == 1);
  REQUIRE(updates >= 5);
  w.read([](const RunLog& log, const RunSeries& s) {
    REQUIRE(log.steps().size() == 500);
    REQUIRE(s.size() == 500);
    REQUIRE(s.smoothing() == 0.5);
    for (std::size_t r = 0; r < 500; ++r) REQUIRE(log.steps().step[r] == static_cast<std::int64_t>(r));
  });
  // An empty poll changes nothing.
  const auto v = w.version();
  w.poll_now();
  REQUIRE(w.version() == v);
  w.set_smoothing(0.9);
  w.poll_now();  // the worker applies it on its next poll
  REQUIRE(w.version() > v);
  w.read([](const RunLog&, const RunSeries& s) {
    REQUIRE(s.smoothing() == 0.9);
    REQUIRE(s.smooth(Quantity::loss, 0).size() == 500);
    REQUIRE(s.smooth(Quantity::loss, 0)[1] == Approx((0.09 * 1 + 0.1 * 0.5) / (1 - 0.81)));
  });
}

TEST_CASE("watcher: a torn last line is not data, garbled lines and unknown types are counted") {
  TempDir dir;
  {
    LogWriter lw(dir.str());
    lw.write(header("torn"));
    for (int s = 0; s < 10; ++s) lw.write(step(s));
  }
  append_text(dir.log(), "this is not json\n{\"type\":\"from_the_future\",\"step\":3}\n[1,2]\n");
  append_text(dir.log(), R"({"type":"step","step":10,"time":2.5,"losses":[0.1,)");  // kill -9
  RunWatcher w(dir.str(), {1000000, {}, 0});
  w.poll_now();
  WatchStatus st = w.status();
  REQUIRE(st.loaded);
  REQUIRE(st.rows == 10);
  REQUIRE(st.stats.garbled == 2);
  REQUIRE(st.stats.unknown == 1);
  REQUIRE(st.state == RunState::interrupted);  // no job answers, no ending event
  // The next job starts with a newline: the fragment becomes one garbled line, nothing else lost.
  {
    LogWriter lw(dir.str());
    lw.write(header("torn", 1700000100));
    lw.write(step(10));
    lw.write(event("stopped", 11));
  }
  w.poll_now();
  st = w.status();
  REQUIRE(st.rows == 11);
  REQUIRE(st.stats.garbled == 3);
  REQUIRE(st.state == RunState::finished);
  w.read([](const RunLog&, const RunSeries& s) {
    REQUIRE(s.x(XAxis::wall_time)[10] == 100 + 2.5);  // the resumed segment, to the right
  });
}

TEST_CASE("watcher: a replaced or truncated log is read again from the start") {
  TempDir dir;
  {
    LogWriter lw(dir.str());
    lw.write(header("first"));
    for (int s = 0; s < 50; ++s) lw.write(step(s));
  }
  RunWatcher w(dir.str(), {1000000, {}, 0});
  w.poll_now();
  REQUIRE(w.status().rows == 50);
  const auto v = w.version();  // before the change: the worker may be the one to see it
  // Replaced: another file renamed over it, with other values.
  const std::string other = (dir.path / "other").string();
  {
    LogWriter lw(other);
    lw.write(header("second"));
    for (int s = 0; s < 70; ++s) lw.write(step(s, 10));
  }
  fs::rename(fs::path(other) / kLogFileName, dir.log());
  w.poll_now();
  WatchStatus st = w.status();
  REQUIRE(st.version > v);
  REQUIRE(st.rows == 70);
  REQUIRE(st.name == "second");
  w.read([](const RunLog& log, const RunSeries& s) {
    REQUIRE(log.headers().size() == 1);
    REQUIRE(s.size() == 70);
    REQUIRE(s.raw(Quantity::loss, 1)[0] == 20);
  });
  // Truncated in place and written again, shorter.
  fs::resize_file(dir.log(), 0);
  {
    LogWriter lw(dir.str());
    lw.write(header("third"));
    for (int s = 0; s < 5; ++s) lw.write(step(s));
  }
  w.poll_now();
  REQUIRE(w.status().rows == 5);
  REQUIRE(w.status().name == "third");
  w.read([](const RunLog&, const RunSeries& s) { REQUIRE(s.raw(Quantity::loss, 1)[0] == 2); });
}

TEST_CASE("watcher: waiting for a log that does not exist yet, an unreadable one is an error") {
  TempDir dir;
  const std::string run = (dir.path / "later").string();
  RunWatcher w(run, {1000000, {}, 0});
  w.poll_now();
  REQUIRE(w.status().state == RunState::waiting);
  REQUIRE(w.status().loaded);
  {
    LogWriter lw(run);
    lw.write(header("later"));
    lw.write(step(0));
  }
  w.poll_now();
  REQUIRE(w.status().state == RunState::interrupted);
  REQUIRE(w.status().rows == 1);

  // A "log" that is a directory cannot be read: error, with a one-line reason.
  fs::create_directories(dir.path / "bad" / kLogFileName);
  RunWatcher bad((dir.path / "bad").string(), {1000000, {}, 0});
  bad.poll_now();
  const WatchStatus st = bad.status();
  REQUIRE(st.state == RunState::error);
  REQUIRE_FALSE(st.error.empty());
  REQUIRE(st.error.find('\n') == std::string::npos);
}

TEST_CASE("watcher: a telemetry.jsonl path works as well as its directory") {
  TempDir dir;
  {
    LogWriter lw(dir.str());
    lw.write(header("file"));
    lw.write(step(0));
    lw.write(event("error", 1));
  }
  RunWatcher w(dir.log(), {1000000, {}, 0});
  w.poll_now();
  REQUIRE(w.status().rows == 1);
  REQUIRE(w.status().state == RunState::finished);
}

TEST_CASE("job_is_listening: true while a control server is bound, false after") {
  TempDir dir;
  REQUIRE_FALSE(job_is_listening(dir.str()));
  REQUIRE_FALSE(job_is_listening((dir.path / "missing").string()));
  {
    ControlServer server(dir.str());
    REQUIRE(job_is_listening(dir.str()));
  }
  REQUIRE_FALSE(job_is_listening(dir.str()));
  // A stale socket file (a job killed with -9) has nobody behind it.
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  const std::string path = (dir.path / kSocketFileName).string();
  REQUIRE(path.size() < sizeof a.sun_path);
  std::copy(path.begin(), path.end(), a.sun_path);
  REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0);
  ::close(fd);
  REQUIRE(fs::exists(path));
  REQUIRE_FALSE(job_is_listening(dir.str()));
}

TEST_CASE("list_runs: run directories newest first, robust to bad entries") {
  TempDir root;
  REQUIRE(list_runs((root.path / "missing").string()).empty());
  auto make = [&](const std::string& name, const std::string& first_line, int age_s) {
    fs::create_directories(root.path / name);
    const fs::path log = root.path / name / kLogFileName;
    std::ofstream(log) << first_line << "\n{\"type\":\"step\",\"step\":0}\n";
    fs::last_write_time(log, fs::file_time_type::clock::now() - std::chrono::seconds(age_s));
  };
  make("old", R"({"type":"header","run":"old run","workload":"toy","method":"mgda","tasks":["a"]})",
       300);
  make("new", R"({"type":"header","run":"new run","workload":"regression","method":"ls","tasks":["a"]})",
       10);
  make("garbage", "\x01\x02 not a header at all", 100);
  fs::create_directories(root.path / "no_log");
  fs::create_directories(root.path / "dir_log" / kLogFileName);  // unreadable as a log
  std::ofstream(root.path / "stray.txt") << "x";

  const auto runs = list_runs(root.str());
  REQUIRE(runs.size() == 3);
  REQUIRE(runs[0].name == "new run");
  REQUIRE(runs[0].workload == "regression");
  REQUIRE(runs[0].method == "ls");
  REQUIRE(runs[1].name == "garbage");  // no header: the directory's name
  REQUIRE(runs[1].method.empty());
  REQUIRE(runs[2].name == "old run");
  REQUIRE(runs[0].modified_unix > runs[1].modified_unix);
  REQUIRE(runs[1].modified_unix > runs[2].modified_unix);
  REQUIRE(runs[0].bytes > 0);
  for (const auto& r : runs) REQUIRE_FALSE(r.live);

  // The root itself is a run when it holds a log; a live one says so.
  ControlServer server((root.path / "old").string());
  const auto one = list_runs((root.path / "old").string());
  REQUIRE(one.size() == 1);
  REQUIRE(one[0].name == "old run");
  REQUIRE(one[0].live);
}
