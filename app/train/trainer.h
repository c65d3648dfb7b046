#pragma once
// The training job: runs the workload of `o` with its weighting method, appends telemetry to
// RUN_DIR/telemetry.jsonl and answers steering on RUN_DIR/control.sock. No torch in this header.
#include "app/train/train_options.h"

namespace ps::train {

// Exit codes of the job.
enum ExitCode : int {
  kExitOk = 0,        // finished, or stopped by a `stop` command
  kExitFailure = 1,   // could not run (I/O, data, LibTorch errors), message on stderr
  kExitUsage = 2,     // bad flags or settings
  kExitDiverged = 3,  // NaN/inf loss or gradient, or the method failed: stopped cleanly
};

// Runs the job; returns its exit code (128 + signal when stopped by SIGINT/SIGTERM).
int run_training(const TrainOptions& o);

}  // namespace ps::train
