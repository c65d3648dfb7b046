// Benchmark of the run log: cost of writing one step record, and the time to load a whole log of
// N steps of K tasks into the columnar store (the GUI opening a finished run).
// Usage: telemetry_bench [--steps N] [--tasks K] [--dir DIR]   (defaults 1000000, 10, /tmp)
//        telemetry_bench --read FILE   (only load an existing log)
//        --keep leaves the written log in place
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/telemetry/log_reader.h"
#include "core/telemetry/log_writer.h"

using namespace ps::telemetry;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

// Writes a log of `steps` realistic step records; returns its path.
std::string write_log(const std::string& dir, long steps, int tasks) {
  std::filesystem::remove_all(dir);

  // Write: realistic values (losses decaying, weights and rates varying in every digit).
  double write_s = 0;
  {
    LogWriter w(dir);
    HeaderRecord h;
    h.run = "bench";
    h.workload = "regression";
    h.method = "fairgrad";
    h.params = {{"alpha", 2}};
    for (int k = 0; k < tasks; ++k)
      h.tasks.push_back(std::string(1, 't').append(std::to_string(k + 1)));
    h.device = "cpu";
    w.write(h);
    StepRecord r;
    r.losses.resize(tasks);
    r.weights.resize(tasks);
    r.rates.resize(tasks);
    r.grad_norms.resize(tasks);
    r.status = "ok";
    CosineRecord c;
    c.k = tasks;
    c.matrix.assign(static_cast<std::size_t>(tasks) * tasks, 0.25);
    const auto t0 = Clock::now();
    for (long s = 0; s < steps; ++s) {
      r.step = s;
      r.epoch = static_cast<int>(s / 1000);
      r.time = 0.0123 * static_cast<double>(s);
      for (int k = 0; k < tasks; ++k) {
        const double x = static_cast<double>(s) * 1e-4 + k;
        r.losses[k] = std::exp(-1e-5 * static_cast<double>(s)) * (1 + 0.1 * std::sin(x));
        r.weights[k] = 0.5 + 0.3 * std::cos(1.7 * x);
        r.rates[k] = 1e-3 * std::sin(3.1 * x);
        r.grad_norms[k] = std::pow(10.0, k - 3) * (1 + 0.01 * std::cos(x));
      }
      r.iterations = static_cast<int>(s % 9);
      r.residual = 1e-10 * (1 + static_cast<double>(s % 13));
      r.step_time = 0.0123 + 1e-6 * static_cast<double>(s % 17);
      r.method_time = 2.1e-5;
      w.write(r);
      if (s % 100 == 0) {
        c.step = s;
        w.write(c);
      }
    }
    write_s = seconds_since(t0);
  }
  const std::string path = (std::filesystem::path(dir) / kLogFileName).string();
  struct stat st {};
  ::stat(path.c_str(), &st);
  const double mb = static_cast<double>(st.st_size) / 1e6;
  std::printf("wrote %ld steps x %d tasks: %.1f MB, %.2f us per step record (format + write)\n",
              steps, tasks, mb, write_s / static_cast<double>(steps) * 1e6);

  return path;
}

// Loads the log twice (the first may meet a cold page cache) and prints the figures.
bool load(const std::string& path, long expected) {
  struct stat st {};
  ::stat(path.c_str(), &st);
  const double mb = static_cast<double>(st.st_size) / 1e6;
  for (int pass = 1; pass <= 2; ++pass) {
    RunLog log;
    const auto t0 = Clock::now();
    const double c0 = cpu_seconds();
    const PollResult r = read_log(path, log);
    const double s = seconds_since(t0);
    const double cpu = cpu_seconds() - c0;
    std::printf(
        "load %d: %.3f s wall, %.3f s CPU (%.0f MB/s), %zu step rows, %zu cosine, %lld skipped, "
        "ok=%d\n",
        pass, s, cpu, mb / s, log.steps().size(), log.cosines().size(),
        static_cast<long long>(log.stats().skipped()), r.ok ? 1 : 0);
    if (expected >= 0 && log.steps().size() != static_cast<std::size_t>(expected)) return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  long steps = 1000000;
  int tasks = 10;
  std::string base = "/tmp";
  std::string read_only;
  bool keep = false;
  for (int i = 1; i < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--keep") {
      keep = true;
      --i;
      continue;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "telemetry_bench: %s needs a value\n", a.c_str());
      return 2;
    }
    if (a == "--steps")
      steps = std::atol(argv[i + 1]);
    else if (a == "--tasks")
      tasks = std::atoi(argv[i + 1]);
    else if (a == "--dir")
      base = argv[i + 1];
    else if (a == "--read")
      read_only = argv[i + 1];
    else {
      std::fprintf(stderr, "telemetry_bench: unknown flag %s\n", a.c_str());
      return 2;
    }
  }
  if (!read_only.empty()) return load(read_only, -1) ? 0 : 1;
  std::string dir = base;
  dir += "/ps_telemetry_bench_";
  dir += std::to_string(::getpid());
  const std::string path = write_log(dir, steps, tasks);
  const bool ok = load(path, steps);
  if (keep)
    std::printf("kept %s\n", path.c_str());
  else
    std::filesystem::remove_all(dir);
  return ok ? 0 : 1;
}
