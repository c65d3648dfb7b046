#include "app/train/train_options.h"

#include <charconv>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <vector>

#include "core/errors.h"

namespace ps::train {
namespace {

long parse_long(const std::string& flag, const std::string& v, long lo, long hi) {
  long x = 0;
  const char* end = v.data() + v.size();
  auto r = std::from_chars(v.data(), end, x);
  if (v.empty() || r.ec != std::errc() || r.ptr != end || x < lo || x > hi)
    throw UsageError(flag + ": '" + v + "' is not a whole number in [" + std::to_string(lo) + ", " +
                     std::to_string(hi) + "]");
  return x;
}

double parse_positive(const std::string& flag, const std::string& v) {
  double x = 0;
  try {
    x = parse_number(v, flag);
  } catch (const InputError& e) {
    throw UsageError(e.what());
  }
  if (!(x > 0)) throw UsageError(flag + ": must be > 0, got " + v);
  return x;
}

std::string timestamp() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  ::localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
  return buf;
}

}  // namespace

std::string train_usage() {
  return R"(paretoscope-train: multi-task training with a Paretoscope weighting method (LibTorch)

usage: paretoscope-train [flags]
       paretoscope-train --steer RUN_DIR "COMMAND"

  --workload W       multi-fashion (2 tasks, Fashion-MNIST pairs) | regression (K tasks)
  --method M         a registry method (default fairgrad); see `paretoscope methods`
  --set NAME=VALUE   a method parameter or loss_alpha; repeatable
  --device D         auto | cpu | cuda (default auto: cuda when LibTorch has it)
  --steps N          stop after N steps (default: run by epochs)
  --epochs N         epochs over the training set (default 3 multi-fashion, 20 regression)
  --batch-size N     default 256 (multi-fashion), 128 (regression)
  --lr X             Adam learning rate (default 1e-3)
  --seed N           model initialisation and batch order (default 1)
  --data-seed N      item pairing / synthetic problem (default 1)
  --run-name NAME    run directory runs/NAME (default WORKLOAD-METHOD-TIME)
  --run-dir DIR      run directory (overrides --run-name)
  --resume           continue the run in the run directory from its checkpoint
  --cosine-every N   log the gradient cosine matrix every N steps (default 50, 0: never)
  --tasks K          regression: number of tasks, 1..64 (default 10)
  --train-size N     training samples (default all 60000 / 8192; 0: default)
  --test-size N      test samples (default all 10000 / 2048)
  --data-dir DIR     Fashion-MNIST .gz files (default /usr/share/datasets/fashion-mnist)
  --threads N        LibTorch CPU threads (default: LibTorch's choice)
  --inject-nan STEP  testing aid: task 1's loss becomes NaN at STEP
  --steer RUN_DIR C  send command C to the job running in RUN_DIR, print its reply
                     (ping | status | stop | set NAME=VALUE ...); exit 0 on "ok", 1 on "error"
  --timeout-ms N     how long --steer waits for the reply (default 10000)
  --help             this text

The job appends telemetry to RUN_DIR/telemetry.jsonl (docs/telemetry.md) and listens for
steering commands on RUN_DIR/control.sock (mode 0600).
)";
}

TrainOptions parse_train_args(int argc, const char* const* argv) {
  TrainOptions o;
  std::vector<std::string> args(argv + 1, argv + argc);
  bool epochs_given = false, batch_given = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i], value;
    bool has_value = false;
    if (const auto eq = flag.find('='); flag.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
      has_value = true;
    }
    auto need = [&]() -> const std::string& {
      if (!has_value) {
        if (i + 1 >= args.size()) throw UsageError(flag + " needs a value");
        value = args[++i];
        has_value = true;
      }
      return value;
    };
    auto no_value = [&] {
      if (has_value) throw UsageError(flag + " takes no value");
    };
    auto whole = [&](long lo, long hi) { return parse_long(flag, need(), lo, hi); };
    if (flag == "--help" || flag == "-h") {
      no_value();
      o.help = true;
    } else if (flag == "--workload") {
      o.workload = need();
    } else if (flag == "--method") {
      o.method = need();
    } else if (flag == "--set") {
      try {
        auto [name, v] = parse_assignment(need());
        o.params[name] = v;
      } catch (const InputError& e) {
        throw UsageError(std::string("--set: ") + e.what());
      }
    } else if (flag == "--device") {
      o.device = need();
    } else if (flag == "--steps") {
      o.steps = whole(1, 1L << 40);
    } else if (flag == "--epochs") {
      o.epochs = static_cast<int>(whole(1, 100000));
      epochs_given = true;
    } else if (flag == "--batch-size") {
      o.batch_size = static_cast<int>(whole(1, 1 << 20));
      batch_given = true;
    } else if (flag == "--lr") {
      o.lr = parse_positive(flag, need());
    } else if (flag == "--seed") {
      o.seed = static_cast<std::uint64_t>(whole(0, 1L << 62));
    } else if (flag == "--data-seed") {
      o.data_seed = static_cast<std::uint64_t>(whole(0, 1L << 62));
    } else if (flag == "--run-name") {
      o.run_name = need();
    } else if (flag == "--run-dir") {
      o.run_dir = need();
    } else if (flag == "--resume") {
      no_value();
      o.resume = true;
    } else if (flag == "--cosine-every") {
      o.cosine_every = static_cast<int>(whole(0, 1 << 30));
    } else if (flag == "--tasks") {
      o.tasks = static_cast<int>(whole(1, 64));
    } else if (flag == "--train-size") {
      o.train_size = whole(0, 1L << 30);
    } else if (flag == "--test-size") {
      o.test_size = whole(0, 1L << 30);
    } else if (flag == "--data-dir") {
      o.data_dir = need();
    } else if (flag == "--threads") {
      o.threads = static_cast<int>(whole(0, 1024));
    } else if (flag == "--inject-nan") {
      o.inject_nan = whole(0, 1L << 40);
    } else if (flag == "--timeout-ms") {
      o.steer_timeout_ms = static_cast<int>(whole(1, 1 << 30));
    } else if (flag == "--steer") {
      o.steer_dir = need();
      if (i + 1 >= args.size()) throw UsageError("--steer needs RUN_DIR and a COMMAND");
      o.steer_command = args[++i];
    } else {
      throw UsageError("unknown flag '" + args[i] + "'; see --help");
    }
  }
  if (o.help || !o.steer_dir.empty()) return o;

  if (o.workload == "multi-fashion") {
    if (o.tasks != 10)
      throw UsageError("--tasks is for --workload regression (multi-fashion has 2)");
    if (!epochs_given) o.epochs = 3;
    if (!batch_given) o.batch_size = 256;
  } else if (o.workload == "regression") {
    if (!epochs_given) o.epochs = 20;
    if (!batch_given) o.batch_size = 128;
    if (o.train_size == 0) o.train_size = 8192;
    if (o.test_size == 0) o.test_size = 2048;
  } else {
    throw UsageError("--workload: unknown '" + o.workload + "'; valid: multi-fashion, regression");
  }
  if (o.device != "auto" && o.device != "cpu" && o.device != "cuda")
    throw UsageError("--device: '" + o.device + "'; valid: auto, cpu, cuda");
  try {
    resolve_params(find_method(o.method), o.params);
  } catch (const InputError& e) {
    throw UsageError(e.what());
  }
  if (o.run_dir.empty()) {
    if (o.run_name.empty()) o.run_name = o.workload + "-" + o.method + "-" + timestamp();
    if (o.run_name.find('/') != std::string::npos || o.run_name == "." || o.run_name == "..")
      throw UsageError("--run-name: '" + o.run_name + "' must be a plain name (no '/')");
    o.run_dir = (std::filesystem::path("runs") / o.run_name).string();
  } else if (o.run_name.empty()) {
    o.run_name = std::filesystem::path(o.run_dir).lexically_normal().filename().string();
    if (o.run_name.empty()) o.run_name = "run";
  }
  return o;
}

}  // namespace ps::train
