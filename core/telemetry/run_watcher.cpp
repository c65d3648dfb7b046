#include "core/telemetry/run_watcher.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

#include "core/telemetry/log_reader.h"
#include "core/telemetry/records.h"

namespace ps::telemetry {
namespace {

using Clock = std::chrono::steady_clock;

bool is_dir(const std::string& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The log a watcher follows: the directory's telemetry.jsonl, or the .jsonl file named.
std::string log_path_of(const std::string& run_dir) {
  if (!is_dir(run_dir) && ends_with(run_dir, ".jsonl")) return run_dir;
  return run_dir + "/" + kLogFileName;
}

std::string dir_of(const std::string& file) {
  const auto slash = file.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : file.substr(0, slash);
}

bool is_ending(const std::string& kind) {
  return kind == "finished" || kind == "stopped" || kind == "nan" || kind == "error";
}

bool is_start(const std::string& kind) { return kind == "run_started" || kind == "run_resumed"; }

// Whether the newest segment ended with an ending event (see RunState::finished).
bool segment_ended(const RunLog& log) {
  const auto& events = log.events();
  if (events.empty() || !is_ending(events.back().event.kind)) return false;
  const auto& headers = log.headers();
  if (headers.empty()) return true;
  const std::size_t e = events.back().row, h = headers.back().first_row;
  if (e != h || headers.size() == 1) return e >= h;
  // Same row: the event closes this segment if every header already got its start event
  // (the job writes one right after each header), else it closed the previous segment.
  std::size_t starts = 0;
  for (const auto& ev : events) starts += is_start(ev.event.kind);
  return starts >= headers.size();
}

}  // namespace

const char* to_string(RunState s) {
  switch (s) {
    case RunState::waiting: return "waiting";
    case RunState::live: return "live";
    case RunState::finished: return "finished";
    case RunState::interrupted: return "interrupted";
    case RunState::error: return "error";
  }
  return "?";
}

struct RunWatcher::Impl {
  Impl(RunWatcher& w, Options o)
      : self(w), opt(std::move(o)), log_path(log_path_of(w.dir_)), sock_dir(dir_of(log_path)),
        reader(log_path), born(Clock::now()) {
    smoothing = applied = opt.smoothing;
    series.set_smoothing(smoothing);
  }
  void poll();
  void run();
  bool job_listening();

  RunWatcher& self;
  Options opt;
  const std::string log_path, sock_dir;

  // The shared store, guarded by mu: what read() and status() see.
  mutable std::mutex mu;
  RunLog log;
  RunSeries series;
  WatchStatus st;
  double smoothing = 0;

  // The worker's side: one poll at a time (the worker, or poll_now()).
  std::mutex poll_mu;
  LogReader reader;
  bool listening = false;
  Clock::time_point listened_at{};
  bool listen_checked = false;
  const Clock::time_point born;
  double applied = 0;  // the smoothing `series` was built with

  std::mutex wake_mu;
  std::condition_variable wake;
  bool stop = false;
  bool kick = false;  // poll now: the smoothing changed
  std::thread worker;
};

bool RunWatcher::Impl::job_listening() {
  // At most about once a second: connect() is cheap, but a busy job answers each one.
  const auto now = Clock::now();
  if (!listen_checked || now - listened_at >= std::chrono::seconds(1)) {
    listening = job_is_listening(sock_dir);
    listened_at = now;
    listen_checked = true;
  }
  return listening;
}

void RunWatcher::Impl::poll() {
  std::lock_guard plk(poll_mu);
  struct stat sb {};
  std::string error;
  PollResult r;
  if (::stat(log_path.c_str(), &sb) == 0 || errno != ENOENT) {  // else: no log yet
    r = reader.poll();
    if (!r.ok) error = r.error;
  }
  // Hand the new records over. A first load or a re-read (the file was replaced) builds the
  // new store off the lock and swaps it in, so read() never waits for a big parse.
  RunLog fresh = reader.log().take_records();
  const bool rebuild = r.restarted || (log.steps().size() == 0 && log.headers().empty() &&
                                       log.events().empty() && log.evals().empty() &&
                                       log.cosines().empty());
  const bool grew = r.new_records > 0 || r.restarted;
  double want = 0;
  {
    std::lock_guard lk(mu);
    want = smoothing;
  }
  RunSeries fresh_series;
  if (rebuild && grew) {
    fresh_series.set_smoothing(want);
    fresh_series.update(fresh);
    applied = want;
  }
  const bool live = job_listening();
  bool changed = false;
  {
    std::lock_guard lk(mu);
    if (rebuild && grew) {
      std::swap(log, fresh);
      std::swap(series, fresh_series);
    } else if (grew) {
      if (!log.append(std::move(fresh))) error = "the log changed its task count";
      series.update(log);
    }
    log.stats() = reader.log().stats();
    const RunState state = !error.empty()             ? RunState::error
                           : live                     ? RunState::live
                           : log.stats().records == 0 ? RunState::waiting
                           : segment_ended(log)       ? RunState::finished
                                                      : RunState::interrupted;
    changed = grew || state != st.state || error != st.error || !st.loaded ||
              log.stats().lines != st.stats.lines;
    st.state = state;
    st.error = error;
    if (!st.loaded) {
      st.loaded = true;
      st.load_seconds = std::chrono::duration<double>(Clock::now() - born).count();
    }
    st.rows = static_cast<std::int64_t>(log.steps().size());
    st.stats = log.stats();
    if (!log.headers().empty()) {
      const HeaderRecord& h = log.headers().back().header;
      st.name = h.run;
      st.workload = h.workload;
      st.method = h.method;
    } else {
      st.name.clear(), st.workload.clear(), st.method.clear();
    }
    if (changed) st.version = ++self.version_;
  }
  if (want != applied) {
    // New smoothing: recomputed here, off the lock (only this thread changes the log), then
    // swapped in; until then the GUI draws the old one.
    RunSeries s;
    s.set_smoothing(want);
    s.update(log);
    applied = want;
    std::lock_guard lk(mu);
    std::swap(series, s);
    st.version = ++self.version_;
    changed = true;
  }
  // `fresh` and `fresh_series` now hold the replaced store: freed here, off the lock.
  if (changed && opt.on_update) opt.on_update();
}

void RunWatcher::Impl::run() {
  for (;;) {
    poll();
    std::unique_lock lk(wake_mu);
    wake.wait_for(lk, std::chrono::milliseconds(std::max(1, opt.poll_ms)),
                  [&] { return stop || kick; });
    if (stop) return;
    kick = false;
  }
}

RunWatcher::RunWatcher(std::string run_dir, Options o)
    : dir_(std::move(run_dir)), impl_(std::make_unique<Impl>(*this, std::move(o))) {
  impl_->worker = std::thread([this] { impl_->run(); });
}

RunWatcher::~RunWatcher() {
  {
    std::lock_guard lk(impl_->wake_mu);
    impl_->stop = true;
  }
  impl_->wake.notify_all();
  impl_->worker.join();
}

WatchStatus RunWatcher::status() const {
  std::lock_guard lk(impl_->mu);
  return impl_->st;
}

void RunWatcher::read(const std::function<void(const RunLog&, const RunSeries&)>& fn) const {
  std::lock_guard lk(impl_->mu);
  fn(impl_->log, impl_->series);
}

void RunWatcher::set_smoothing(double f) {
  {
    std::lock_guard lk(impl_->mu);
    if (f == impl_->smoothing) return;
    impl_->smoothing = f;
  }
  {
    std::lock_guard lk(impl_->wake_mu);
    impl_->kick = true;
  }
  impl_->wake.notify_all();
}

void RunWatcher::poll_now() { impl_->poll(); }

}  // namespace ps::telemetry
