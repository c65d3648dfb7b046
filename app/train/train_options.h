#pragma once
// The command line of paretoscope-train (no torch here, so it parses and checks fast).
#include <cstdint>
#include <stdexcept>
#include <string>

#include "core/registry.h"

namespace ps::train {

// A bad command line: main prints the message on one line and exits 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct TrainOptions {
  std::string workload = "multi-fashion";  // or "regression"
  std::string method = "fairgrad";
  ParamValues params;           // --set name=value (registry parameters, loss_alpha)
  std::string device = "auto";  // auto | cpu | cuda
  long steps = 0;               // 0: run by epochs
  int epochs = 0;               // 0: the workload's default
  int batch_size = 0;           // 0: the workload's default
  double lr = 1e-3;
  std::uint64_t seed = 1;       // model init and batch order
  std::uint64_t data_seed = 1;  // pairing / synthetic problem (fixed by default)
  std::string run_name;
  std::string run_dir;
  int cosine_every = 50;  // steps; 0: never
  int tasks = 10;         // regression only
  long train_size = 0;    // 0: the workload's default (all for multi-fashion)
  long test_size = 0;
  std::string data_dir = "/usr/share/datasets/fashion-mnist";
  int threads = 0;       // 0: LibTorch's default
  long inject_nan = -1;  // testing aid: task 1's loss becomes NaN at this step
  bool resume = false;
  bool help = false;
  // --steer RUN_DIR COMMAND: act as the client instead of training.
  std::string steer_dir, steer_command;
  int steer_timeout_ms = 10000;
};

// Parses argv (argv[0] is the program). Throws UsageError with one clear line. Fills the
// workload's defaults and the run directory, and checks --method and --set against the registry.
TrainOptions parse_train_args(int argc, const char* const* argv);

std::string train_usage();

}  // namespace ps::train
