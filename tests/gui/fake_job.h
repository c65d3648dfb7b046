#pragma once
// Test helpers for the runs page: a run log written with core's LogWriter, and a fake training
// job that answers steering commands on RUN_DIR/control.sock as paretoscope-train does
// (app/train/steering.cpp): "ok ..." once applied, "error ..." otherwise, and each applied
// change logged as a params_changed / method_changed event.
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/telemetry/control_server.h"
#include "core/telemetry/log_writer.h"
#include "core/telemetry/steer_apply.h"
#include "core/telemetry/steer_command.h"

namespace ps::test {

inline std::filesystem::path fresh_dir(const std::string& name) {
  const auto d = std::filesystem::temp_directory_path() / ("ps_runs_" + name);
  std::filesystem::remove_all(d);
  return d;
}

inline telemetry::HeaderRecord header(const std::string& run, const std::string& method,
                                      std::vector<std::pair<std::string, double>> params) {
  telemetry::HeaderRecord h;
  h.run = run;
  h.workload = "regression";
  h.method = method;
  h.params = std::move(params);
  h.tasks = {"task1", "task2"};
  h.device = "cpu";
  h.start_unix = 1.7e9;
  return h;
}

// Step i of a two-task run: losses falling, weights and rates that change with i.
inline telemetry::StepRecord step(std::int64_t i) {
  telemetry::StepRecord r;
  r.step = i;
  r.time = 0.01 * static_cast<double>(i);
  const double t = static_cast<double>(i);
  r.losses = {1.0 / (1 + 0.05 * t), 2.0 / (1 + 0.02 * t)};
  r.weights = {0.5 + 0.1 * std::sin(t / 7), 0.5 - 0.1 * std::sin(t / 7)};
  r.rates = {0.2 + 0.01 * std::cos(t / 5), 0.3};
  r.grad_norms = {1, 2};
  r.step_time = 0.01;
  r.method_time = 0.001;
  return r;
}

// Writes a header and `steps` step records to dir/telemetry.jsonl.
inline void write_run(const std::filesystem::path& dir, const std::string& run, int steps,
                      const std::string& method = "fairgrad",
                      std::vector<std::pair<std::string, double>> params = {{"alpha", 2}}) {
  telemetry::LogWriter w(dir.string());
  w.write(header(run, method, std::move(params)));
  for (int i = 0; i < steps; ++i) w.write(step(i));
}

// A job's steering end on its own thread. `hold` keeps requests unanswered until cleared.
class FakeJob {
 public:
  explicit FakeJob(const std::filesystem::path& dir, bool write_log = false,
                   telemetry::MethodConfig config = telemetry::resolve_config("fairgrad",
                                                                              {{"alpha", 2}}))
      : server_(dir.string()), config_(std::move(config)) {
    if (write_log) log_ = std::make_unique<telemetry::LogWriter>(dir.string());
    thread_ = std::thread([this] { loop(); });
  }
  ~FakeJob() {
    stop_ = true;
    thread_.join();
  }
  std::atomic<bool> hold{false};
  std::atomic<int> applied{0}, requests{0};
  std::atomic<std::int64_t> step{100};

  telemetry::MethodConfig config() {
    std::lock_guard<std::mutex> l(mutex_);
    return config_;
  }

 private:
  void loop() {
    std::vector<telemetry::ControlServer::Request> reqs;
    while (!stop_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      if (hold) continue;  // requests wait in the socket, as at a long step
      reqs.clear();
      server_.poll(reqs);
      for (const auto& r : reqs) {
        ++requests;
        server_.reply(r.client, handle(r.line));
      }
    }
  }

  std::string handle(const std::string& line) {
    const auto parsed = telemetry::parse_steer_command(line);
    const std::string at = "step=" + std::to_string(step.load());
    if (!parsed.ok) return "error " + parsed.error;
    using Verb = telemetry::SteerCommand::Verb;
    if (parsed.command.verb == Verb::ping) return "ok pong " + at;
    if (parsed.command.verb == Verb::stop) return "ok stopping at " + at;
    std::lock_guard<std::mutex> l(mutex_);
    if (parsed.command.verb == Verb::status) return "ok " + at + " " + telemetry::describe(config_);
    telemetry::MethodConfig next;
    try {
      next = telemetry::apply_assignments(config_, parsed.command.sets);
    } catch (const std::exception& e) {
      return std::string("error ") + e.what();
    }
    if (log_) {
      telemetry::EventRecord ev;
      ev.step = step;
      ev.kind = next.method != config_.method ? "method_changed" : "params_changed";
      ev.message = telemetry::describe_change(config_, next);
      ev.method = next.method;
      ev.params.assign(next.params.begin(), next.params.end());
      log_->write(ev);
    }
    config_ = std::move(next);
    ++applied;
    return "ok applied at " + at + " " + telemetry::describe(config_);
  }

  telemetry::ControlServer server_;
  std::unique_ptr<telemetry::LogWriter> log_;
  std::mutex mutex_;
  telemetry::MethodConfig config_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace ps::test
