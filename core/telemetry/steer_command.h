#pragma once
// The steering language: one command per line, sent to a running job over RUN_DIR/control.sock.
//
//   ping                         -> "ok pong step=N"
//   status                       -> "ok step=N method=NAME p1=v1 ..."
//   stop                         -> "ok stopping at step N" (ends the run cleanly)
//   set NAME=VALUE [NAME=VALUE]  -> "ok ..." once applied at the next step boundary
//        NAME is `method` (VALUE a registry name) or a parameter (VALUE a finite number);
//        several assignments apply together or not at all.
//
// Parsing is a pure function that never throws (it is fuzzed); whether a name or value suits
// the registry is decided when the command is applied (steer_apply.h).
#include <string>
#include <string_view>
#include <vector>

namespace ps::telemetry {

inline constexpr std::size_t kMaxCommandLength = 1024;
inline constexpr std::size_t kMaxAssignments = 16;

struct Assignment {
  std::string name;
  std::string text;   // the value as written
  double number = 0;  // its value, when is_number
  bool is_number = false;
};

struct SteerCommand {
  enum class Verb { ping, status, stop, set };
  Verb verb = Verb::ping;
  std::vector<Assignment> sets;  // for `set`, in the order given; names are distinct
};

struct ParsedCommand {
  bool ok = false;
  SteerCommand command;
  std::string error;  // one line, no newline, when !ok
};

ParsedCommand parse_steer_command(std::string_view line);

// The canonical text of a command (parse_steer_command(format(c)) gives c back).
std::string format_steer_command(const SteerCommand& c);

}  // namespace ps::telemetry
