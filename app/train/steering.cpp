#include "app/train/steering.h"

#include <exception>

#include "core/telemetry/steer_command.h"

namespace ps::train {

using telemetry::MethodConfig;
using telemetry::SteerCommand;

std::vector<std::pair<std::string, double>> param_list(const MethodConfig& c) {
  return {c.params.begin(), c.params.end()};
}

Steering::Steering(const std::string& run_dir, Rebuild rebuild)
    : server_(run_dir), rebuild_(std::move(rebuild)) {}

void Steering::poll(std::int64_t step, double time, MethodConfig& config,
                    telemetry::LogWriter& log) {
  requests_.clear();
  server_.poll(requests_);
  for (const auto& r : requests_) server_.reply(r.client, handle(r.line, step, time, config, log));
}

std::string Steering::handle(const std::string& line, std::int64_t step, double time,
                             MethodConfig& config, telemetry::LogWriter& log) {
  const auto parsed = telemetry::parse_steer_command(line);
  const std::string at = "step=" + std::to_string(step);
  if (!parsed.ok) {
    ++rejected_;
    return "error " + parsed.error;
  }
  switch (parsed.command.verb) {
    case SteerCommand::Verb::ping:
      return "ok pong " + at;
    case SteerCommand::Verb::status:
      return "ok " + at + " " + telemetry::describe(config);
    case SteerCommand::Verb::stop:
      stop_ = true;
      return "ok stopping at " + at;
    case SteerCommand::Verb::set:
      break;
  }
  MethodConfig next;
  try {
    next = telemetry::apply_assignments(config, parsed.command.sets);
  } catch (const std::exception& e) {
    ++rejected_;
    return std::string("error ") + e.what();
  }
  if (const std::string why = rebuild_(next); !why.empty()) {
    ++rejected_;
    return "error " + why;
  }
  telemetry::EventRecord ev;
  ev.step = step;
  ev.time = time;
  ev.kind = next.method != config.method ? "method_changed" : "params_changed";
  ev.message = telemetry::describe_change(config, next) +
               " (steered: " + telemetry::format_steer_command(parsed.command) + ")";
  ev.method = next.method;
  ev.params = param_list(next);
  log.write(ev);
  config = std::move(next);
  ++applied_;
  return "ok applied at " + at + " " + telemetry::describe(config);
}

}  // namespace ps::train
