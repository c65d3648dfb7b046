#pragma once
// Runs the toy simulator off the render thread. Every submit() gets a new version and cancels the
// run in progress through simulate()'s atomic flag; only the newest job runs, and views draw the
// newest finished snapshot. Start points run in parallel, one simulate() call each (every start
// is an independent run of the method). A `finish` hook builds what the views draw (figure
// panels) on the worker too, so the render thread only draws.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/gui/snapshot.h"
#include "toy/simulator.h"

namespace ps::gui {

// Same run: every field of SimSettings equal.
bool same_settings(const toy::SimSettings& a, const toy::SimSettings& b);

class SimWorker {
 public:
  using SimulateFn =
      std::function<toy::SimResult(const toy::SimSettings&, const std::atomic<bool>*)>;
  using FinishFn = std::function<void(Snapshot&)>;

  struct Options {
    int threads = 0;      // parallel runs per job; 0: the hardware's thread count (at least 1)
    SimulateFn simulate;  // empty: toy::simulate
    FinishFn finish;      // empty: nothing; called on the worker for every completed snapshot
    // Called on the worker right after a snapshot is published, so an idle UI loop that sleeps
    // until input (glfwWaitEvents) can be woken (glfwPostEmptyEvent) instead of polling.
    std::function<void()> on_publish;
  };

  SimWorker();
  explicit SimWorker(Options o);
  ~SimWorker();  // cancels the running job and joins
  SimWorker(const SimWorker&) = delete;
  SimWorker& operator=(const SimWorker&) = delete;

  // Queues `s` (replacing any queued job), cancels the running one, returns the new version.
  // `tag` travels to the snapshot untouched (the model puts its view options there).
  uint64_t submit(const toy::SimSettings& s, ViewTag tag = {});

  // The newest finished snapshot (successful or failed), or null before the first one.
  std::shared_ptr<const Snapshot> latest() const;
  uint64_t submitted() const;
  // Nothing queued or running.
  bool idle() const;
  // Blocks until the snapshot of `version` (or a newer one) is published or the time is up.
  bool wait_for(uint64_t version, std::chrono::milliseconds timeout) const;
  // Jobs that were stopped or dropped because a newer one came (for tests and the status line).
  uint64_t cancelled() const { return cancelled_.load(); }

 private:
  struct Job {
    uint64_t version = 0;
    toy::SimSettings settings;
    ViewTag tag;
    std::chrono::steady_clock::time_point submitted_at;
  };
  void loop();
  std::shared_ptr<Snapshot> run(const Job& job);
  // Simulates job's starts into snap.result (or snap.error); false when cancelled.
  bool simulate_into(const Job& job, Snapshot& snap);

  Options opt_;
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;       // wakes the worker: a job or shutdown
  mutable std::condition_variable done_cv_;  // wakes waiters: a snapshot was published
  std::unique_ptr<Job> pending_;
  bool running_ = false;
  bool stop_ = false;
  uint64_t next_version_ = 0;
  std::shared_ptr<const Snapshot> latest_;
  std::atomic<bool> cancel_{false};
  std::atomic<uint64_t> cancelled_{0};
  // The last completed run (worker thread only): a job with the same settings (say, only the
  // landscape changed) reuses it instead of simulating again.
  toy::SimSettings cache_settings_;
  std::shared_ptr<const toy::SimResult> cache_;
  std::thread thread_;
};

}  // namespace ps::gui
