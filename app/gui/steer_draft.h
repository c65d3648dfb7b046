#pragma once
// Steering controls' model: what a run's job is doing (its method and parameters, read from the
// log), what the user has edited in the controls, and the `set` command that takes the one to
// the other. Pure functions and a small struct; no ImGui.
#include <cstdint>
#include <string>

#include "core/telemetry/run_log.h"
#include "core/telemetry/steer_apply.h"

namespace ps::gui {

// The configuration in force at the end of `log`: the newest header's method and parameters,
// then every later method_changed / params_changed event (or any event that states a method).
// Completed with the registry's defaults when it can be; method is "" when the log has no
// header yet.
telemetry::MethodConfig run_config(const telemetry::RunLog& log);

// The `set` command that turns `from` into `to`, naming only what changed: "set alpha=10",
// "set method=mgda", "set method=fairgrad alpha=5" (parameters the method switch would not set
// by itself). "" when nothing changed. Numbers are written shortest-round-trip.
std::string set_command(const telemetry::MethodConfig& from, const telemetry::MethodConfig& to);

// The steering section's state for the selected run.
struct SteerDraft {
  std::string run_dir;              // the run these refer to ("" : none yet)
  telemetry::MethodConfig running;  // what the job does (from its log)
  telemetry::MethodConfig edit;     // what the controls show
  std::uint64_t log_version = 0;    // the watcher version `running` was read at
  bool confirm_stop = false;        // the Stop button asked "really?"

  // Follows the run: a new run resets the edit; a change of the running configuration carries
  // into the edit unless the user has edited it.
  void sync(const std::string& dir, const telemetry::MethodConfig& now, std::uint64_t version);
  // Switches the edited method (parameters reset to that method's defaults, carrying those the
  // new method shares, as the job does).
  void set_method(const std::string& method);
  std::string command() const { return set_command(running, edit); }
  bool edited() const { return !command().empty(); }
};

}  // namespace ps::gui
