// paretoscope-train end to end on the CPU with tiny budgets: the job runs as a subprocess while
// the test reads its log, steers it, kills it and resumes it.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/telemetry/control_client.h"
#include "core/telemetry/log_reader.h"
#include "tests/temp_dir.h"

using namespace ps::telemetry;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {


std::string slurp(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Starts paretoscope-train with `args`, stdout and stderr into files in `dir`.
pid_t spawn(const std::vector<std::string>& args, const TempDir& dir) {
  std::vector<std::string> all{PS_TRAIN_EXE};
  all.insert(all.end(), args.begin(), args.end());
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int out = ::open((dir.path / "stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open((dir.path / "stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, 1);
    ::dup2(err, 2);
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

// The exit code (128 + signal when killed), or -1 (and the child killed) after `timeout_s`.
int wait_exit(pid_t pid, double timeout_s = 120) {
  const auto end = Clock::now() + std::chrono::duration<double>(timeout_s);
  for (;;) {
    int status = 0;
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (Clock::now() > end) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// Kills the job if a failed check leaves it running.
struct Reaper {
  pid_t pid;
  ~Reaper() {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
    }
  }
};

bool alive(pid_t pid) {
  int status = 0;
  return ::waitpid(pid, &status, WNOHANG) == 0;
}

// Runs the job to its end; returns the exit code.
int run_job(const std::vector<std::string>& args, const TempDir& dir) {
  return wait_exit(spawn(args, dir));
}

// Polls `reader` until `done(log)` or the timeout; false on timeout.
template <class Pred>
bool poll_until(LogReader& reader, Pred done, double timeout_s = 60) {
  const auto end = Clock::now() + std::chrono::duration<double>(timeout_s);
  while (Clock::now() < end) {
    reader.poll();
    if (done(reader.log())) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

const EventEntry* find_event(const RunLog& log, const std::string& kind) {
  for (const auto& e : log.events())
    if (e.event.kind == kind) return &e;
  return nullptr;
}

double param(const EventRecord& e, const std::string& name) {
  for (const auto& [n, v] : e.params)
    if (n == name) return v;
  return NAN;
}

// A small regression job that runs until stopped: 8 steps per epoch, checkpoints each epoch.
std::vector<std::string> endless_regression(const TempDir& dir) {
  return {"--workload",  "regression", "--tasks",        "4",  "--train-size", "512",
          "--test-size", "128",        "--batch-size",   "64", "--steps",      "100000000",
          "--threads",   "1",          "--cosine-every", "10", "--run-dir",    dir.run()};
}

}  // namespace

TEST_CASE("bad flags: one clear line, exit 2, nothing written") {
  TempDir dir;
  const std::vector<std::vector<std::string>> bad = {
      {"--bogus"},
      {"--workload", "chess"},
      {"--method", "nosuch"},
      {"--set", "alpha=abc"},
      {"--set", "alpha=-3"},
      {"--steps", "0"},
      {"--lr", "-1"},
      {"--device", "tpu"},
      {"--tasks", "65", "--workload", "regression"},
      {"--workload", "multi-fashion", "--tasks", "3"},
      {"--epochs"}};
  for (auto args : bad) {
    args.insert(args.end(), {"--run-dir", dir.run()});
    INFO(args[0] << " " << (args.size() > 1 ? args[1] : ""));
    CHECK(run_job(args, dir) == 2);
    const std::string err = slurp(dir.path / "stderr");
    CHECK(err.rfind("paretoscope-train: ", 0) == 0);
    CHECK(std::count(err.begin(), err.end(), '\n') == 1);
  }
  CHECK_FALSE(fs::exists(dir.run()));
}

TEST_CASE(
    "a live run: records arrive, steering applies and is logged, kill -9 leaves a whole log,"
    " --resume goes on") {
  TempDir dir;
  const pid_t pid = spawn(endless_regression(dir), dir);
  Reaper reaper{pid};
  LogReader reader(dir.run());
  // Records can be read while the job runs.
  REQUIRE(poll_until(reader, [](const RunLog& l) { return l.steps().size() >= 20; }));
  REQUIRE(alive(pid));
  REQUIRE(reader.log().headers().size() == 1);
  CHECK(reader.log().headers()[0].header.tasks.size() == 4);
  CHECK(reader.log().num_tasks() == 4);
  CHECK(find_event(reader.log(), "run_started"));
  CHECK_FALSE(reader.log().cosines().empty());
  CHECK_FALSE(reader.log().evals().empty());  // an epoch is 8 steps

  CHECK(send_control_command(dir.run(), "ping").rfind("ok pong step=", 0) == 0);

  // A steering command changes alpha; the change is an event in the log.
  const std::string reply = send_control_command(dir.run(), "set alpha=10");
  CHECK(reply.rfind("ok applied at step=", 0) == 0);
  CHECK(reply.find("alpha=10") != std::string::npos);
  REQUIRE(poll_until(reader, [](const RunLog& l) { return find_event(l, "params_changed"); }));
  const EventRecord& changed = find_event(reader.log(), "params_changed")->event;
  CHECK(param(changed, "alpha") == 10.0);
  CHECK(changed.message.find("alpha 2 -> 10") != std::string::npos);
  CHECK(send_control_command(dir.run(), "status").find("method=fairgrad alpha=10") !=
        std::string::npos);

  // Bad commands get an error reply; the run goes on.
  for (const char* bad :
       {"set alpha=abc", "set nosuch=1", "fly away", "set alpha=-1", "set method=nosuch"}) {
    INFO(bad);
    CHECK(send_control_command(dir.run(), bad).rfind("error ", 0) == 0);
  }
  const std::size_t rows = reader.log().steps().size();
  REQUIRE(poll_until(reader, [&](const RunLog& l) { return l.steps().size() > rows + 10; }));
  REQUIRE(alive(pid));

  // Switching to LS takes effect at the next step: from the event's row on, every weight is 1.
  CHECK(send_control_command(dir.run(), "set method=ls").rfind("ok", 0) == 0);
  REQUIRE(poll_until(reader, [](const RunLog& l) { return find_event(l, "method_changed"); }));
  const std::size_t ls_row = find_event(reader.log(), "method_changed")->row;
  REQUIRE(poll_until(reader, [&](const RunLog& l) { return l.steps().size() > ls_row + 5; }));
  const StepSeries& st = reader.log().steps();
  for (std::size_t r = ls_row; r < st.size(); ++r)
    for (int k = 0; k < 4; ++k) CHECK(st.weights[k][r] == 1.0f);
  bool fairgrad_weighted = false;  // before the switch, FairGrad's weights were not all 1
  for (std::size_t r = 0; r < ls_row; ++r) fairgrad_weighted |= st.weights[0][r] != 1.0f;
  CHECK(fairgrad_weighted);

  // kill -9 mid-run: every record up to the last is whole, and steps run 0, 1, 2, ... on.
  REQUIRE(::kill(pid, SIGKILL) == 0);
  CHECK(wait_exit(pid) == 128 + SIGKILL);
  RunLog log;
  REQUIRE(read_log(dir.run(), log).ok);
  CHECK(log.stats().skipped() == 0);
  REQUIRE(log.steps().size() >= st.size());
  for (std::size_t r = 0; r < log.steps().size(); ++r)
    REQUIRE(log.steps().step[r] == std::int64_t(r));
  const std::int64_t last = log.steps().step.back();

  // --resume: a new segment continues from the last checkpoint (an epoch end), with the
  // steered method; the stale socket of the killed job is replaced.
  auto args = endless_regression(dir);
  *(std::find(args.begin(), args.end(), "--steps") + 1) = std::to_string(last + 12);
  args.push_back("--resume");
  REQUIRE(run_job(args, dir) == 0);
  RunLog resumed;
  read_log(dir.run(), resumed);
  CHECK(resumed.stats().skipped() == 0);
  REQUIRE(resumed.headers().size() == 2);
  CHECK(resumed.headers()[1].header.method == "ls");
  const EventEntry* r = find_event(resumed, "run_resumed");
  REQUIRE(r);
  CHECK(r->event.step <= last + 1);  // the next step to run: at most one past the last logged
  CHECK(r->event.step % 8 == 0);
  CHECK(resumed.steps().step.back() == last + 11);
  CHECK(find_event(resumed, "finished"));
}

TEST_CASE("a second job in a live run directory is refused and leaves its log alone") {
  TempDir dir;
  const pid_t pid = spawn(endless_regression(dir), dir);
  Reaper reaper{pid};
  LogReader reader(dir.run());
  REQUIRE(poll_until(reader, [](const RunLog& l) { return l.steps().size() >= 3; }));
  TempDir other;
  auto args = endless_regression(dir);
  CHECK(run_job(args, other) == 1);
  CHECK(slurp(other.path / "stderr").find("another job is running") != std::string::npos);
  // A clean stop by command: exit 0, a "stopped" event, the socket removed.
  CHECK(send_control_command(dir.run(), "stop").rfind("ok stopping", 0) == 0);
  CHECK(wait_exit(pid) == 0);
  RunLog log;
  read_log(dir.run(), log);
  CHECK(log.headers().size() == 1);
  CHECK(log.stats().skipped() == 0);
  CHECK(find_event(log, "stopped"));
  CHECK_FALSE(fs::exists(fs::path(dir.run()) / "control.sock"));
}

TEST_CASE("SIGTERM stops at a step boundary with a stopped event") {
  TempDir dir;
  const pid_t pid = spawn(endless_regression(dir), dir);
  Reaper reaper{pid};
  LogReader reader(dir.run());
  REQUIRE(poll_until(reader, [](const RunLog& l) { return l.steps().size() >= 3; }));
  ::kill(pid, SIGTERM);
  CHECK(wait_exit(pid) == 128 + SIGTERM);
  reader.finish();
  CHECK(reader.log().stats().skipped() == 0);
  REQUIRE(find_event(reader.log(), "stopped"));
  CHECK(find_event(reader.log(), "stopped")->event.message.find("signal") != std::string::npos);
}

TEST_CASE("a NaN loss stops the run cleanly with an event and the log stays whole") {
  TempDir dir;
  auto args = endless_regression(dir);
  args.insert(args.end(), {"--inject-nan", "5"});
  CHECK(run_job(args, dir) == 3);
  CHECK(slurp(dir.path / "stderr").find("stopped at step 5: task 1") != std::string::npos);
  RunLog log;
  read_log(dir.run(), log);
  CHECK(log.stats().skipped() == 0);
  CHECK(log.steps().size() == 5);
  const EventEntry* e = find_event(log, "nan");
  REQUIRE(e);
  CHECK(e->event.step == 5);
  CHECK(e->event.message.find("nan") != std::string::npos);
}

TEST_CASE("steering a directory without a job says so and exits 2") {
  TempDir dir;
  CHECK(run_job({"--steer", dir.path.string(), "ping", "--timeout-ms", "500"}, dir) == 2);
  CHECK(slurp(dir.path / "stderr").find("no job answers") != std::string::npos);
}

TEST_CASE("multi-fashion: a tiny run trains both heads and evaluates both tasks") {
  if (!fs::exists(fs::path(PS_FASHION_DIR) / "train-images-idx3-ubyte.gz")) {
    WARN("Fashion-MNIST not installed (dataset-fashion-mnist); skipped");
    return;
  }
  TempDir dir;
  REQUIRE(run_job({"--workload", "multi-fashion", "--train-size", "512", "--test-size", "200",
                   "--batch-size", "64", "--epochs", "1", "--threads", "1", "--method", "ls",
                   "--run-dir", dir.run()},
                  dir) == 0);
  RunLog log;
  read_log(dir.run(), log);
  CHECK(log.stats().skipped() == 0);
  REQUIRE(log.headers().size() == 1);
  CHECK(log.headers()[0].header.tasks == std::vector<std::string>{"top-left", "bottom-right"});
  CHECK(log.steps().size() == 8);
  REQUIRE(log.evals().size() == 1);
  const auto& m = log.evals()[0].eval.metrics;
  REQUIRE(m.at(0).first == "accuracy");
  REQUIRE(m.at(0).second.size() == 2);
  for (double a : m[0].second) CHECK((a >= 0 && a <= 1));
  // Both tasks' gradients are measured and the losses are cross-entropies of 10 classes.
  for (int k = 0; k < 2; ++k) {
    CHECK(log.steps().grad_norms[k][0] > 0);
    CHECK(std::abs(log.steps().losses[k][0] - std::log(10.0)) < 0.5);
  }
}
