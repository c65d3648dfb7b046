#pragma once
// The client's end of the steering channel (see control_server.h and steer_command.h).
#include <string>
#include <string_view>

namespace ps::telemetry {

// The client's end: connects to RUN_DIR/control.sock, sends `command` as one line and returns
// the job's one-line reply (without the newline). The job answers at its next step boundary, so
// this waits up to timeout_ms. Throws std::runtime_error when no job listens there or no reply
// comes in time. Blocking: a GUI calls it off its render thread.
std::string send_control_command(const std::string& run_dir, std::string_view command,
                                 int timeout_ms = 10000);

}  // namespace ps::telemetry
