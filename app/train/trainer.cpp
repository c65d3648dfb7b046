#include "app/train/trainer.h"

#include <torch/torch.h>
#include <torch/version.h>

#include <Eigen/Dense>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/train/det_random.h"
#include "app/train/steering.h"
#include "app/train/workload.h"
#include "core/registry.h"
#include "core/task_input.h"
#include "core/telemetry/log_writer.h"

#ifndef PS_VERSION
#define PS_VERSION "unknown"
#endif

namespace ps::train {
namespace {

namespace fs = std::filesystem;
namespace tl = ps::telemetry;
using Clock = std::chrono::steady_clock;

volatile std::sig_atomic_t g_signal = 0;
void on_signal(int s) { g_signal = s; }

double seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

double unix_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

torch::Device pick_device(const std::string& d) {
  const bool cuda = torch::cuda::is_available();
  if (d == "cuda" && !cuda)
    throw UsageError("--device cuda: this LibTorch has no usable CUDA device (use auto or cpu)");
  if (d == "cuda" || (d == "auto" && cuda)) return {torch::kCUDA, 0};
  return {torch::kCPU};
}

// Sums of the parts of a step, for the closing summary (and the benchmarks).
struct Timing {
  double losses = 0, grads = 0, gram = 0, method = 0, update = 0, telemetry = 0, step = 0;
  long steps = 0;
};

// Where the run is; what a checkpoint restores.
struct State {
  std::int64_t step = 0;   // steps done
  int epoch = 0;           // epochs completed
  std::int64_t batch = 0;  // batches done in the current epoch
};

class Trainer {
 public:
  explicit Trainer(const TrainOptions& o);
  int run();

 private:
  bool step_once(const torch::Tensor& index, std::string& kind, std::string& failure);
  void evaluate();
  void event(const std::string& kind, const std::string& message);
  double now() const { return seconds(start_, Clock::now()); }
  std::string rebuild(const tl::MethodConfig& c);
  void save_checkpoint();
  void load_checkpoint();
  void print_summary(const std::string& how) const;

  const TrainOptions& o_;
  torch::Device device_;
  std::unique_ptr<Workload> wl_;
  int k_ = 0;
  std::vector<torch::Tensor> shared_;
  std::vector<std::vector<torch::Tensor>> heads_;
  std::vector<std::int64_t> offsets_;
  std::int64_t m_ = 0;   // shared parameters
  torch::Tensor grads_;  // K x m: row k is task k's gradient over the shared parameters
  std::unique_ptr<torch::optim::Adam> opt_;
  tl::MethodConfig config_;
  std::unique_ptr<Method> method_;
  bool needs_grads_ = false;
  std::unique_ptr<Steering> steer_;
  std::unique_ptr<tl::LogWriter> log_;
  State state_;
  Clock::time_point start_;
  double start_unix_ = 0;
  Timing timing_;
  TaskInput in_;
  MethodResult result_;
  tl::StepRecord rec_;
  tl::CosineRecord cos_;
};

Trainer::Trainer(const TrainOptions& o) : o_(o), device_(pick_device(o.device)) {
  if (o.threads > 0) torch::set_num_threads(o.threads);
  torch::manual_seed(o.seed);
  wl_ = make_workload(o, device_);
  k_ = wl_->num_tasks();
  shared_ = wl_->shared_parameters();
  for (const auto& p : shared_) {
    offsets_.push_back(m_);
    m_ += p.numel();
  }
  for (int k = 0; k < k_; ++k) heads_.push_back(wl_->head_parameters(k));
  grads_ = torch::zeros({k_, m_}, torch::TensorOptions().device(device_));
  opt_ = std::make_unique<torch::optim::Adam>(wl_->model().parameters(),
                                              torch::optim::AdamOptions(o.lr));
  config_ = tl::resolve_config(o.method, o.params);
  if (o.resume) load_checkpoint();
  if (const std::string why = rebuild(config_); !why.empty())
    throw UsageError("method " + config_.method + " cannot be built: " + why);

  // The socket first: if another job owns the run directory, touch nothing of its log.
  fs::create_directories(o.run_dir);
  steer_ = std::make_unique<Steering>(o.run_dir,
                                      [this](const tl::MethodConfig& c) { return rebuild(c); });
  log_ = std::make_unique<tl::LogWriter>(o.run_dir);
}

std::string Trainer::rebuild(const tl::MethodConfig& c) {
  try {
    auto m = make_method(c.method, c.params);
    needs_grads_ = find_method(c.method).needs_grads;
    method_ = std::move(m);
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

void Trainer::event(const std::string& kind, const std::string& message) {
  tl::EventRecord ev;
  ev.step = state_.step;
  ev.time = now();
  ev.kind = kind;
  ev.message = message;
  ev.method = config_.method;
  ev.params = param_list(config_);
  log_->write(ev);
}

bool Trainer::step_once(const torch::Tensor& index, std::string& kind, std::string& failure) {
  const auto t0 = Clock::now();
  auto losses = wl_->losses(index);
  if (o_.inject_nan >= 0 && state_.step == o_.inject_nan)
    losses[0] = losses[0] * std::numeric_limits<float>::quiet_NaN();
  const auto t1 = Clock::now();

  // Task k's gradient over the shared parameters (row k of grads_) and over its own head.
  const std::size_t ns = shared_.size();
  for (int k = 0; k < k_; ++k) {
    std::vector<torch::Tensor> inputs = shared_;
    inputs.insert(inputs.end(), heads_[k].begin(), heads_[k].end());
    const auto g = torch::autograd::grad({losses[k]}, inputs, {}, /*retain_graph=*/k + 1 < k_,
                                         /*create_graph=*/false, /*allow_unused=*/true);
    auto row = grads_[k];
    for (std::size_t j = 0; j < ns; ++j) {
      auto part = row.narrow(0, offsets_[j], shared_[j].numel());
      if (g[j].defined())
        part.copy_(g[j].reshape(-1));
      else
        part.zero_();
    }
    for (std::size_t j = 0; j < heads_[k].size(); ++j) {
      const auto& gj = g[ns + j];
      heads_[k][j].mutable_grad() = gj.defined() ? gj : torch::zeros_like(heads_[k][j]);
    }
  }
  const auto t2 = Clock::now();

  // The Gram matrix where the gradients live; only K x K (and the losses) cross to the host.
  const auto g64 = grads_.to(torch::kFloat64);
  const auto gram = torch::mm(g64, g64.t()).to(torch::kCPU).contiguous();
  const auto l64 = torch::stack(losses).detach().to(torch::kCPU, torch::kFloat64).contiguous();
  const Eigen::Map<const Eigen::MatrixXd> gmap(gram.data_ptr<double>(), k_, k_);
  in_.gram = 0.5 * (gmap + gmap.transpose());  // exactly symmetric whatever the kernel's order
  in_.losses = Eigen::Map<const Eigen::VectorXd>(l64.data_ptr<double>(), k_);
  torch::Tensor host_grads;
  if (needs_grads_) {
    host_grads = g64.to(torch::kCPU).contiguous();  // K x m row-major = m x K column-major
    in_.grads = Eigen::Map<const Eigen::MatrixXd>(host_grads.data_ptr<double>(), m_, k_);
  } else {
    in_.grads.resize(0, 0);
  }
  for (int k = 0; k < k_; ++k)
    if (!std::isfinite(in_.losses[k])) {
      kind = "nan";
      failure = "task " + std::to_string(k + 1) + " (" + wl_->task_names()[k] + ")'s loss is " +
                std::to_string(in_.losses[k]);
      return false;
    }
  if (!in_.gram.allFinite()) {
    kind = "nan";
    failure = "a task gradient has NaN or infinite entries";
    return false;
  }
  const auto t3 = Clock::now();
  try {
    method_->update(in_, result_);
  } catch (const std::exception& e) {
    kind = "error";
    failure = config_.method + " failed: " + e.what();
    return false;
  }
  const auto t4 = Clock::now();
  if (!result_.weights.allFinite() ||
      (result_.direction.size() > 0 && !result_.direction.allFinite())) {
    kind = "nan";
    failure = config_.method + " returned non-finite weights";
    return false;
  }

  // The combined gradient into the shared parameters; then an ordinary optimizer step.
  torch::Tensor d;
  if (result_.direction.size() == m_) {
    d = torch::from_blob(result_.direction.data(), {m_}, torch::kFloat64)
            .to(device_, torch::kFloat32);
  } else {
    const auto w = torch::from_blob(result_.weights.data(), {k_}, torch::kFloat64)
                       .to(device_, torch::kFloat32);
    d = torch::matmul(w, grads_);
  }
  for (std::size_t j = 0; j < ns; ++j)
    shared_[j].mutable_grad() = d.narrow(0, offsets_[j], shared_[j].numel()).view_as(shared_[j]);
  opt_->step();
  const auto t5 = Clock::now();

  rec_.step = state_.step;
  rec_.epoch = state_.epoch;
  rec_.time = now();
  rec_.losses.assign(in_.losses.data(), in_.losses.data() + k_);
  rec_.weights.assign(result_.weights.data(), result_.weights.data() + result_.weights.size());
  rec_.rates.assign(result_.rates.data(), result_.rates.data() + result_.rates.size());
  rec_.grad_norms.resize(static_cast<std::size_t>(k_));
  for (int k = 0; k < k_; ++k) rec_.grad_norms[k] = std::sqrt(std::max(0.0, in_.gram(k, k)));
  rec_.status = to_string(result_.status);
  rec_.iterations = result_.iterations;
  rec_.residual = result_.residual;
  rec_.step_time = seconds(t0, t5);
  rec_.method_time = seconds(t3, t4);
  log_->write(rec_);
  if (o_.cosine_every > 0 && state_.step % o_.cosine_every == 0) {
    cos_.step = state_.step;
    cos_.time = rec_.time;
    cos_.k = k_;
    cos_.matrix.resize(static_cast<std::size_t>(k_) * k_);
    for (int i = 0; i < k_; ++i)
      for (int j = 0; j < k_; ++j) {
        const double n = rec_.grad_norms[i] * rec_.grad_norms[j];
        cos_.matrix[i * k_ + j] = n > 0 ? in_.gram(i, j) / n : 0.0;
      }
    log_->write(cos_);
  }
  const auto t6 = Clock::now();
  timing_.losses += seconds(t0, t1);
  timing_.grads += seconds(t1, t2);
  timing_.gram += seconds(t2, t3);
  timing_.method += seconds(t3, t4);
  timing_.update += seconds(t4, t5);
  timing_.telemetry += seconds(t5, t6);
  timing_.step += seconds(t0, t6);
  ++timing_.steps;
  return true;
}

void Trainer::evaluate() {
  const auto t0 = Clock::now();
  tl::EvalRecord r;
  r.step = state_.step;
  r.epoch = state_.epoch;
  r.metrics = wl_->evaluate();
  r.time = now();
  log_->write(r);
  std::string line =
      "epoch " + std::to_string(state_.epoch) + " step " + std::to_string(state_.step) + ":";
  for (const auto& [name, values] : r.metrics) {
    line += " " + name;
    for (double v : values) {
      char buf[32];
      std::snprintf(buf, sizeof buf, " %.4g", v);
      line += buf;
    }
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, " (eval %.1f s, run %.1f s)", seconds(t0, Clock::now()), now());
  std::cout << line << buf << std::endl;
}

void Trainer::save_checkpoint() {
  const fs::path dir(o_.run_dir);
  torch::serialize::OutputArchive archive, optimizer;
  wl_->model().save(archive);
  opt_->save(optimizer);
  archive.write("optimizer", optimizer);
  archive.save_to((dir / "checkpoint.pt.tmp").string());
  const nlohmann::json j = {{"step", state_.step},
                            {"epoch", state_.epoch},
                            {"batch", state_.batch},
                            {"workload", o_.workload},
                            {"tasks", k_},
                            {"seed", o_.seed},
                            {"data_seed", o_.data_seed},
                            {"train_size", wl_->train_size()},
                            {"batch_size", o_.batch_size},
                            {"method", config_.method},
                            {"params", config_.params}};
  std::ofstream(dir / "checkpoint.json.tmp") << j.dump(2) << "\n";
  // Renames make each file whole at any moment (the pair may be one save apart after a crash).
  fs::rename(dir / "checkpoint.pt.tmp", dir / "checkpoint.pt");
  fs::rename(dir / "checkpoint.json.tmp", dir / "checkpoint.json");
}

void Trainer::load_checkpoint() {
  const fs::path dir(o_.run_dir);
  std::ifstream f(dir / "checkpoint.json");
  if (!f) throw UsageError("--resume: no checkpoint in '" + o_.run_dir + "'");
  const auto j = nlohmann::json::parse(f, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw UsageError("--resume: '" + (dir / "checkpoint.json").string() + "' is damaged");
  auto same = [&](const char* key, const nlohmann::json& want, const char* flag) {
    if (!j.contains(key) || j[key] != want)
      throw UsageError(std::string("--resume: the checkpoint was made with another ") + flag +
                       " (" + (j.contains(key) ? j[key].dump() : "?") + "); pass the same");
  };
  same("workload", o_.workload, "--workload");
  same("tasks", k_, "task count");
  same("seed", o_.seed, "--seed");
  same("data_seed", o_.data_seed, "--data-seed");
  same("train_size", wl_->train_size(), "--train-size");
  same("batch_size", o_.batch_size, "--batch-size");
  // The run goes on with the method it had (steered changes included).
  ParamValues given;
  for (const auto& [k, v] : j.at("params").items()) given[k] = v.get<double>();
  config_ = tl::resolve_config(j.at("method").get<std::string>(), given);
  state_.step = j.at("step").get<std::int64_t>();
  state_.epoch = j.at("epoch").get<int>();
  state_.batch = j.at("batch").get<std::int64_t>();
  torch::serialize::InputArchive archive, optimizer;
  archive.load_from((dir / "checkpoint.pt").string(), device_);
  wl_->model().load(archive);
  archive.read("optimizer", optimizer);
  opt_->load(optimizer);
}

void Trainer::print_summary(const std::string& how) const {
  const double n = static_cast<double>(std::max(1L, timing_.steps));
  auto ms = [n](double s) { return 1e3 * s / n; };
  std::printf(
      "paretoscope-train: %s after %lld steps (%.1f s). Per step %.3f ms: losses %.3f, task "
      "gradients %.3f, Gram %.3f, method %.4f, update %.3f, telemetry %.4f ms (%.2f%% of the "
      "step)\n",
      how.c_str(), static_cast<long long>(state_.step), now(), ms(timing_.step), ms(timing_.losses),
      ms(timing_.grads), ms(timing_.gram), ms(timing_.method), ms(timing_.update),
      ms(timing_.telemetry), timing_.step > 0 ? 100.0 * timing_.telemetry / timing_.step : 0.0);
  std::fflush(stdout);
}

int Trainer::run() {
  start_ = Clock::now();
  start_unix_ = unix_now();
  tl::HeaderRecord h;
  h.run = o_.run_name;
  h.workload = o_.workload;
  h.method = config_.method;
  h.params = param_list(config_);
  h.tasks = wl_->task_names();
  h.device = device_.str();
  h.versions = {{"paretoscope", PS_VERSION},
                {"libtorch", TORCH_VERSION},
                {"telemetry_format", std::to_string(tl::kFormatVersion)},
                {"compiler", __VERSION__}};
  h.start_unix = start_unix_;
  h.config_json = nlohmann::json{
      {"batch_size", o_.batch_size},
      {"lr", o_.lr},
      {"seed", o_.seed},
      {"data_seed", o_.data_seed},
      {"epochs", o_.epochs},
      {"steps", o_.steps},
      {"cosine_every", o_.cosine_every},
      {"train_size", wl_->train_size()},
      {"shared_parameters", m_},
      {"threads", torch::get_num_threads()},
      {"first_step",
       state_.step}}.dump();
  log_->write(h);
  event(o_.resume ? "run_resumed" : "run_started",
        o_.resume ? "resumed from the checkpoint at step " + std::to_string(state_.step) +
                        " (method state, if any, starts afresh)"
                  : "run started");
  std::printf(
      "paretoscope-train: %s, %s, %s, %d tasks, %lld shared parameters\n"
      "  log:   %s\n  steer: paretoscope-train --steer %s status   (or \"set NAME=VALUE\", stop)\n",
      o_.workload.c_str(), tl::describe(config_).c_str(), h.device.c_str(), k_,
      static_cast<long long>(m_), log_->path().c_str(), o_.run_dir.c_str());
  std::fflush(stdout);

  const std::int64_t n = wl_->train_size();
  const std::int64_t batch = std::min<std::int64_t>(o_.batch_size, n);
  const std::int64_t batches = n / batch;  // the short last batch is dropped
  std::vector<std::int64_t> order;
  int order_epoch = -1;
  bool evaluated = false;
  std::string how = "finished";
  int code = kExitOk;
  for (;;) {
    if (o_.steps > 0 ? state_.step >= o_.steps : state_.epoch >= o_.epochs) break;
    steer_->poll(state_.step, now(), config_, *log_);  // the step boundary
    if (steer_->stop_requested()) {
      how = "stopped by a stop command";
      break;
    }
    if (g_signal) {
      how = std::string("stopped by signal ") + std::to_string(g_signal);
      code = 128 + g_signal;
      break;
    }
    if (order_epoch != state_.epoch) {
      // Each epoch's order depends on (seed, epoch) alone, so a resumed run sees the same.
      order.resize(static_cast<std::size_t>(n));
      for (std::int64_t i = 0; i < n; ++i) order[i] = i;
      DetRandom(o_.seed * 1000003u + static_cast<std::uint64_t>(state_.epoch)).shuffle(order);
      order_epoch = state_.epoch;
    }
    const auto index = torch::from_blob(order.data() + state_.batch * batch, {batch}, torch::kInt64)
                           .to(device_, false, true);
    std::string kind, failure;
    if (!step_once(index, kind, failure)) {
      const std::string msg = "stopped at step " + std::to_string(state_.step) + ": " + failure;
      event(kind, msg);
      std::fprintf(stderr, "paretoscope-train: %s\n", msg.c_str());
      print_summary("diverged");
      return kExitDiverged;
    }
    ++state_.step;
    evaluated = false;
    if (++state_.batch >= batches) {
      ++state_.epoch;
      state_.batch = 0;
      evaluate();
      evaluated = true;
      save_checkpoint();
    }
  }
  if (how == "finished" && !evaluated) evaluate();
  save_checkpoint();
  event(how == "finished" ? "finished" : "stopped",
        how + " at step " + std::to_string(state_.step));
  if (log_->failed_writes() > 0)
    std::fprintf(stderr, "paretoscope-train: %ld telemetry records could not be written\n",
                 log_->failed_writes());
  print_summary(how);
  return code;
}

}  // namespace

int run_training(const TrainOptions& o) {
  struct sigaction sa {
  }, old_int{}, old_term{};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGINT, &sa, &old_int);
  ::sigaction(SIGTERM, &sa, &old_term);
  int code = kExitFailure;
  try {
    Trainer t(o);
    code = t.run();
  } catch (const UsageError& e) {
    std::fprintf(stderr, "paretoscope-train: %s\n", e.what());
    code = kExitUsage;
  } catch (const c10::Error& e) {
    std::fprintf(stderr, "paretoscope-train: LibTorch: %s\n", e.what_without_backtrace());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "paretoscope-train: %s\n", e.what());
  }
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGTERM, &old_term, nullptr);
  return code;
}

}  // namespace ps::train
