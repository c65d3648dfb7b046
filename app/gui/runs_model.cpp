#include "app/gui/runs_model.h"

#include <chrono>
#include <exception>
#include <filesystem>
#include <thread>

#include "core/figure/colormap.h"
#include "core/telemetry/control_client.h"
#include "core/telemetry/records.h"

namespace ps::gui {
namespace {

namespace fs = std::filesystem;

constexpr double kListEverySeconds = 2.0;  // the runs list is cheap, but not free every frame
constexpr int kPalette = 7;                // fig::okabe_ito's colours before it cycles

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// One spelling per run: "runs/a", "runs/a/" and "runs/a/telemetry.jsonl" are the same run.
std::string normalized(const std::string& dir) {
  fs::path p = fs::path(dir).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();  // a trailing slash
  if (p.filename() == telemetry::kLogFileName && p.has_parent_path()) p = p.parent_path();
  return p.string();
}

// Where the job's socket lives: the directory itself, or the folder of a log file given by name.
std::string socket_dir(const std::string& watched) {
  const fs::path p(watched);
  return p.extension() == ".jsonl" ? (p.has_parent_path() ? p.parent_path().string() : ".")
                                   : watched;
}

bool same_color(const fig::Color& a, const fig::Color& b) {
  return a.r == b.r && a.g == b.g && a.b == b.b;
}

bool same_listing(const std::vector<telemetry::RunDirInfo>& a,
                  const std::vector<telemetry::RunDirInfo>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].dir != b[i].dir || a[i].live != b[i].live || a[i].bytes != b[i].bytes ||
        a[i].name != b[i].name)
      return false;
  return true;
}

SteerReply send(const std::string& dir, const std::string& command, int timeout_ms) {
  SteerReply r;
  r.run_dir = dir;
  r.command = command;
  try {
    r.reply = telemetry::send_control_command(dir, command, timeout_ms);
    r.ok = r.reply == "ok" || r.reply.rfind("ok ", 0) == 0;
  } catch (const std::exception& e) {
    const std::string why = e.what();
    // control_client says "no job answers at 'PATH': ERRNO": say it as the user thinks of it.
    if (why.rfind("no job answers", 0) == 0)
      r.reply = "no job is listening at " +
                (fs::path(dir) / telemetry::kSocketFileName).string() + " (the run is not live)";
    else
      r.reply = why;
  }
  return r;
}

}  // namespace

int RunsModel::find(const std::string& dir) const {
  const std::string key = normalized(dir);
  for (std::size_t i = 0; i < runs_.size(); ++i)
    if (runs_[i].watcher->dir() == key) return static_cast<int>(i);
  return -1;
}

int RunsModel::attach(const std::string& dir) {
  if (dir.empty()) return -1;
  if (const int i = find(dir); i >= 0) {
    selected = i;
    return i;
  }
  const std::string key = normalized(dir);
  telemetry::RunWatcher::Options o;
  o.on_update = wake_;
  o.smoothing = view.smoothing;
  AttachedRun r;
  r.watcher = std::make_unique<telemetry::RunWatcher>(key, o);
  const fs::path p(key);
  r.label = p.extension() == ".jsonl" ? p.stem().string() : p.filename().string();
  if (r.label.empty() || r.label == ".") r.label = key;
  // The first colour no attached run has, so overlaid runs always differ while there are few.
  int pick = static_cast<int>(runs_.size()) % kPalette;
  for (int c = 0; c < kPalette; ++c) {
    bool used = false;
    for (const auto& other : runs_) used = used || same_color(other.color, fig::okabe_ito(c));
    if (!used) {
      pick = c;
      break;
    }
  }
  r.color = fig::okabe_ito(pick);
  runs_.push_back(std::move(r));
  selected = static_cast<int>(runs_.size()) - 1;
  return selected;
}

void RunsModel::detach(int i) {
  if (i < 0 || i >= static_cast<int>(runs_.size())) return;
  runs_.erase(runs_.begin() + i);  // the watcher's destructor joins its thread
  if (selected == i)
    selected = runs_.empty() ? -1 : std::min(i, static_cast<int>(runs_.size()) - 1);
  else if (selected > i)
    --selected;
}

void RunsModel::refresh_listing() {
  listing_ = telemetry::list_runs(root);
  listed_at_ = now_seconds();
}

telemetry::MethodConfig RunsModel::config_of(int i) const {
  telemetry::MethodConfig c;
  if (i < 0 || i >= static_cast<int>(runs_.size())) return c;
  runs_[i].watcher->read(
      [&](const telemetry::RunLog& log, const telemetry::RunSeries&) { c = run_config(log); });
  return c;
}

RunsModel::RunsModel(std::function<void()> wake) : gate_(std::make_shared<WakeGate>()) {
  gate_->fn = std::move(wake);
  wake_ = [g = gate_] { (*g)(); };
}

void RunsModel::WakeGate::operator()() {
  std::lock_guard lock(mutex);
  if (fn) fn();
}

void RunsModel::silence() {
  std::lock_guard lock(gate_->mutex);
  gate_->fn = nullptr;
}

bool RunsModel::steer(int i, const std::string& command) {
  if (pending_ || i < 0 || i >= static_cast<int>(runs_.size())) return false;
  const std::string dir = socket_dir(runs_[i].watcher->dir());
  const int timeout = steer_timeout_ms;
  pending_ = std::make_shared<PendingSteer>();
  std::thread([p = pending_, dir, command, timeout, wake = wake_] {
    SteerReply r = send(dir, command, timeout);
    {
      std::lock_guard lock(p->mutex);
      p->reply = std::move(r);
    }
    wake();  // the frame loop may be asleep in glfwWaitEvents (a no-op once silenced)
  }).detach();
  return true;
}

bool RunsModel::update() {
  bool changed = false;
  if (pending_) {
    std::optional<SteerReply> r;
    {
      std::lock_guard lock(pending_->mutex);
      r.swap(pending_->reply);
    }
    if (r) {
      last_reply_ = std::move(*r);
      pending_.reset();
      changed = true;
    }
  }
  if (view.smoothing != applied_smoothing_) {
    for (auto& r : runs_) r.watcher->set_smoothing(view.smoothing);
    applied_smoothing_ = view.smoothing;
    changed = true;
  }
  if (now_seconds() - listed_at_ >= kListEverySeconds) {
    const auto before = listing_;
    refresh_listing();
    changed = changed || !same_listing(before, listing_);
  }
  for (auto& r : runs_) {  // the header names the run once it arrives
    if (r.named) continue;
    const std::string name = r.watcher->status().name;
    if (!name.empty()) {
      r.label = name;
      r.named = true;
      changed = true;
    }
  }
  if (selected >= static_cast<int>(runs_.size())) selected = static_cast<int>(runs_.size()) - 1;
  if (selected >= 0) {
    const auto& w = *runs_[selected].watcher;
    const std::uint64_t v = w.version();
    if (w.dir() != steer_draft.run_dir || v != steer_draft.log_version)
      steer_draft.sync(w.dir(), config_of(selected), v);
  }
  return changed;
}

std::uint64_t RunsModel::data_version() const {
  std::uint64_t v = 0;
  for (const auto& r : runs_) v += r.watcher->version();
  return v;
}

}  // namespace ps::gui
