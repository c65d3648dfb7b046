#pragma once
// Following run directories for a viewer: RunWatcher tails one run's log on its own thread
// (a LogReader polled every few hundred ms) and keeps a RunLog and its RunSeries that a GUI
// reads between polls; list_runs() finds the runs under a directory. The job never waits on
// any of this: the watcher only reads the log and looks at the socket file.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/telemetry/run_log.h"
#include "core/telemetry/run_series.h"

namespace ps::telemetry {

enum class RunState {
  waiting,      // no log yet (the job may not have started)
  live,         // the job's control socket answers connect(): it is running
  finished,     // the last segment ended with an event finished, stopped, nan or error
  interrupted,  // no job answers and no ending event: killed, or crashed (kill -9)
  error,        // the log cannot be read (see status().error)
};
const char* to_string(RunState s);

struct WatchStatus {
  RunState state = RunState::waiting;
  std::string error;      // one line, when state is error (or the last poll failed)
  bool loaded = false;    // the first poll (the whole log so far) is done
  double load_seconds = 0;  // how long that first poll took
  std::int64_t rows = 0;  // step rows
  LogStats stats;         // lines read, skipped (garbled, truncated...) so far
  std::string name, workload, method;  // from the newest header ("" before one arrives)
  std::uint64_t version = 0;           // as version()
};

class RunWatcher {
 public:
  struct Options {
    int poll_ms = 250;                // how often the worker looks for new records
    std::function<void()> on_update;  // called on the worker after each change (wake a GUI)
    double smoothing = 0;             // RunSeries::set_smoothing at start
  };
  // Starts following `run_dir` (a run directory, or a telemetry.jsonl file).
  explicit RunWatcher(std::string run_dir, Options o);
  explicit RunWatcher(std::string run_dir) : RunWatcher(std::move(run_dir), Options{}) {}
  ~RunWatcher();  // stops and joins the worker
  RunWatcher(const RunWatcher&) = delete;
  RunWatcher& operator=(const RunWatcher&) = delete;

  const std::string& dir() const { return dir_; }
  // Grows by one whenever new records arrive or the state changes (cheap, lock-free).
  std::uint64_t version() const { return version_.load(); }
  WatchStatus status() const;
  // Calls fn with the log and its series while the worker is held off (keep it short: the
  // drawing code copies what it needs, thinned, into its own buffers).
  void read(const std::function<void(const RunLog&, const RunSeries&)>& fn) const;
  // Smoothing for RunSeries. Returns at once: the worker recomputes the smoothed columns off
  // the lock and swaps them in (then version() bumps and on_update runs); until then read()
  // shows the previous smoothing.
  void set_smoothing(double f);
  // Polls now on the calling thread and waits for it (tests; a GUI never needs it).
  void poll_now();

 private:
  struct Impl;
  std::string dir_;
  std::atomic<std::uint64_t> version_{0};
  std::unique_ptr<Impl> impl_;
};

// True when a job answers connect() on RUN_DIR/control.sock (does not send anything).
bool job_is_listening(const std::string& run_dir);

struct RunDirInfo {
  std::string dir;   // path of the run directory
  std::string name;  // header's run name, else the directory's name
  std::string workload, method;  // from the first header ("" when unreadable)
  bool live = false;             // job_is_listening(dir)
  double modified_unix = 0;      // the log's last change
  std::int64_t bytes = 0;        // the log's size
};
// The run directories directly under `root` (and `root` itself when it is one), i.e. those
// holding a telemetry.jsonl; newest first. Reads only the first line of each log. A missing or
// unreadable root gives an empty list (never throws).
std::vector<RunDirInfo> list_runs(const std::string& root);

}  // namespace ps::telemetry
