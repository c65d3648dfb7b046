// paretoscope-train: parses the command line, then trains (trainer.h) or, with --steer, sends
// one steering command to a running job and prints its reply.
#include <cstdio>
#include <exception>

#include "app/train/train_options.h"
#include "app/train/trainer.h"
#include "core/telemetry/control_client.h"

int main(int argc, char** argv) {
  using namespace ps::train;
  TrainOptions o;
  try {
    o = parse_train_args(argc, argv);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "paretoscope-train: %s\n", e.what());
    return kExitUsage;
  }
  if (o.help) {
    std::fputs(train_usage().c_str(), stdout);
    return kExitOk;
  }
  if (!o.steer_dir.empty()) {
    try {
      const std::string reply =
          ps::telemetry::send_control_command(o.steer_dir, o.steer_command, o.steer_timeout_ms);
      std::printf("%s\n", reply.c_str());
      return reply.rfind("ok", 0) == 0 ? 0 : 1;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "paretoscope-train: --steer: %s\n", e.what());
      return kExitUsage;
    }
  }
  return run_training(o);
}
