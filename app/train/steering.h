#pragma once
// The job's side of steering: at each step boundary, answer what came in on
// RUN_DIR/control.sock. `set` commands are checked against the registry, the method is rebuilt,
// and each change is logged as an event before the reply goes out. Never blocks.
#include <functional>
#include <string>
#include <vector>

#include "core/telemetry/control_server.h"
#include "core/telemetry/log_writer.h"
#include "core/telemetry/steer_apply.h"

namespace ps::train {

class Steering {
 public:
  // Rebuilds the job's method for a new configuration; returns "" on success or why not (the
  // old method stays).
  using Rebuild = std::function<std::string(const telemetry::MethodConfig&)>;

  // Opens the control socket (throws std::runtime_error, e.g. when another job runs there).
  Steering(const std::string& run_dir, Rebuild rebuild);

  // Handles every pending request. `config` is updated by accepted `set` commands, each logged
  // to `log` as an event.
  void poll(std::int64_t step, double time, telemetry::MethodConfig& config,
            telemetry::LogWriter& log);
  bool stop_requested() const { return stop_; }
  long commands_applied() const { return applied_; }
  long commands_rejected() const { return rejected_; }

 private:
  std::string handle(const std::string& line, std::int64_t step, double time,
                     telemetry::MethodConfig& config, telemetry::LogWriter& log);

  telemetry::ControlServer server_;
  Rebuild rebuild_;
  std::vector<telemetry::ControlServer::Request> requests_;
  bool stop_ = false;
  long applied_ = 0, rejected_ = 0;
};

// The parameters of a configuration as the records list them.
std::vector<std::pair<std::string, double>> param_list(const telemetry::MethodConfig& c);

}  // namespace ps::train
