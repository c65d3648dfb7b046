#include "app/gui/sim_worker.h"

#include <algorithm>
#include <exception>

#include "toy/toy_problem.h"

namespace ps::gui {

bool same_settings(const toy::SimSettings& a, const toy::SimSettings& b) {
  if (a.starts.size() != b.starts.size()) return false;
  for (size_t i = 0; i < a.starts.size(); ++i)
    if (a.starts[i] != b.starts[i]) return false;
  return a.method == b.method && a.params == b.params && a.optimizer == b.optimizer &&
         a.lr == b.lr && a.steps == b.steps && a.stop_at_front == b.stop_at_front &&
         a.stop_tol == b.stop_tol && a.reference_scaling == b.reference_scaling &&
         a.scale == b.scale && a.record_every == b.record_every;
}

SimWorker::SimWorker() : SimWorker(Options{}) {}

SimWorker::SimWorker(Options o) : opt_(std::move(o)) {
  if (!opt_.simulate)
    opt_.simulate = [](const toy::SimSettings& s, const std::atomic<bool>* c) {
      return toy::simulate(s, c);
    };
  if (opt_.threads <= 0) opt_.threads = std::max(1u, std::thread::hardware_concurrency());
  thread_ = std::thread([this] { loop(); });
}

SimWorker::~SimWorker() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
    cancel_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

uint64_t SimWorker::submit(const toy::SimSettings& s, ViewTag tag) {
  uint64_t v;
  {
    std::lock_guard lock(mu_);
    v = ++next_version_;
    if (pending_) ++cancelled_;  // replaced before it ever ran
    pending_ = std::make_unique<Job>(Job{v, s, tag, std::chrono::steady_clock::now()});
    if (running_) cancel_ = true;
  }
  cv_.notify_all();
  return v;
}

std::shared_ptr<const Snapshot> SimWorker::latest() const {
  std::lock_guard lock(mu_);
  return latest_;
}

uint64_t SimWorker::submitted() const {
  std::lock_guard lock(mu_);
  return next_version_;
}

bool SimWorker::idle() const {
  std::lock_guard lock(mu_);
  return !pending_ && !running_;
}

bool SimWorker::wait_for(uint64_t version, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  return done_cv_.wait_for(lock, timeout,
                           [&] { return stop_ || (latest_ && latest_->version >= version); });
}

void SimWorker::loop() {
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return stop_ || pending_; });
    if (stop_) return;
    const Job job = std::move(*pending_);
    pending_.reset();
    running_ = true;
    cancel_ = false;  // under the lock: a submit() after this point cancels this job
    lock.unlock();

    std::shared_ptr<Snapshot> snap = run(job);

    lock.lock();
    running_ = false;
    // A newer job is queued: this one is stale even if it finished, so it is dropped.
    if (!snap || pending_ || stop_) {
      ++cancelled_;
      continue;
    }
    latest_ = std::move(snap);
    done_cv_.notify_all();
    if (opt_.on_publish) {
      lock.unlock();
      opt_.on_publish();
      lock.lock();
    }
  }
}

bool SimWorker::simulate_into(const Job& job, Snapshot& snap) {
  // One simulate() per start, spread over the threads; results keep the starts' order.
  std::vector<Eigen::Vector2d> starts = job.settings.starts;
  if (starts.empty()) {
    const auto& paper = toy::paper_starts();
    starts.assign(paper.begin(), paper.end());
  }
  const int n = static_cast<int>(starts.size());
  std::vector<toy::SimResult> parts(n);
  std::vector<std::string> errors(n);
  std::atomic<int> next{0};
  auto work = [&] {
    for (int i; (i = next++) < n;) {
      toy::SimSettings one = job.settings;
      one.starts = {starts[i]};
      try {
        parts[i] = opt_.simulate(one, &cancel_);
      } catch (const std::exception& e) {
        errors[i] = e.what();
        cancel_ = true;  // the other starts would fail the same way
      }
    }
  };
  const int helpers = std::min(opt_.threads, n) - 1;
  std::vector<std::thread> pool;
  for (int h = 0; h < helpers; ++h) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();

  for (const auto& e : errors)
    if (!e.empty()) {
      snap.error = e;
      return true;
    }
  if (cancel_) return false;
  auto all = std::make_shared<toy::SimResult>();
  all->settings = job.settings;
  all->settings.starts = starts;
  for (auto& p : parts)
    for (auto& r : p.runs) {
      if (r.stop.reason == toy::StopReason::cancelled) return false;
      all->runs.push_back(std::move(r));
    }
  snap.result = std::move(all);
  return true;
}

std::shared_ptr<Snapshot> SimWorker::run(const Job& job) {
  auto snap = std::make_shared<Snapshot>();
  snap->version = job.version;
  snap->settings = job.settings;
  snap->tag = job.tag;
  snap->submitted_at = job.submitted_at;
  const auto t0 = std::chrono::steady_clock::now();
  if (cache_ && same_settings(cache_settings_, job.settings)) {
    snap->result = cache_;
  } else if (!simulate_into(job, *snap)) {
    return nullptr;  // cancelled
  }
  if (snap->result) {
    cache_settings_ = job.settings;
    cache_ = snap->result;
    for (const auto& r : snap->result->runs)
      if (!r.points.empty()) snap->last_step = std::max(snap->last_step, r.points.back().step);
  }
  const auto t1 = std::chrono::steady_clock::now();
  snap->sim_seconds = std::chrono::duration<double>(t1 - t0).count();
  if (opt_.finish) opt_.finish(*snap);
  snap->build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  return snap;
}

}  // namespace ps::gui
