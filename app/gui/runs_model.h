#pragma once
// The GUI's training runs: which run directories are attached (each followed by a
// telemetry::RunWatcher on its own thread), the runs list of a root directory, the shared view
// options of the monitor plots, and steering the selected run (commands are sent off the render
// thread; the reply shows when it comes). Pure model: no ImGui calls.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/steer_draft.h"
#include "core/figure/figure_spec.h"
#include "core/registry.h"
#include "core/telemetry/run_series.h"
#include "core/telemetry/run_watcher.h"

namespace ps::gui {

struct AttachedRun {
  std::unique_ptr<telemetry::RunWatcher> watcher;
  std::string label;        // shown in legends: the run's name
  fig::Color color;         // the run's identity when several are overlaid
  bool visible = true;      // drawn in the monitor plots
  bool named = false;       // label taken from the run's header (else the directory's name)
};

// How the monitor draws every attached run.
struct MonitorOptions {
  telemetry::XAxis x_axis = telemetry::XAxis::step;
  float smoothing = 0.6f;  // RunSeries::set_smoothing (0: raw only)
  bool show_raw = true;    // the raw curve, faint, behind the smoothed one
  // Log weights: FairGrad's weights move by decades when the rates drift apart.
  bool log_loss = true, log_rate = false, log_weight = true, log_time = true;
  bool follow_live = true;  // views follow new data; zooming or panning pauses it
};

struct SteerReply {
  std::string run_dir, command;
  std::string reply;  // the job's one line ("ok ..." / "error ..."), or why none came
  bool ok = false;
};

class RunsModel {
 public:
  explicit RunsModel(std::function<void()> wake = {});
  // From now on nobody is woken (the window is about to go): returns once no wake call runs.
  void silence();

  // Attaches `dir` (a run directory or its telemetry.jsonl), or selects it when attached
  // already. Returns its index. The directory need not exist yet (the watcher waits for it).
  int attach(const std::string& dir);
  void detach(int i);
  // The attached run whose watcher follows `dir` (as given to attach), or -1.
  int find(const std::string& dir) const;
  std::vector<AttachedRun>& runs() { return runs_; }
  const std::vector<AttachedRun>& runs() const { return runs_; }
  int selected = -1;  // the run that the steering controls and the cosine heatmap refer to

  // The runs list: the run directories under `root` (telemetry::list_runs), refreshed by
  // update() every couple of seconds or at once by refresh_listing().
  std::string root = "runs";
  const std::vector<telemetry::RunDirInfo>& listing() const { return listing_; }
  void refresh_listing();
  std::string attach_input;  // the path typed in the Runs menu's "Attach run directory..."

  MonitorOptions view;

  // Sends `command` (steering language, steer_command.h) to run i's job on a worker thread;
  // false (and nothing sent) while an earlier command is still waiting for its reply.
  bool steer(int i, const std::string& command);
  bool steering() const { return pending_ != nullptr; }
  const std::optional<SteerReply>& last_reply() const { return last_reply_; }
  int steer_timeout_ms = 10000;  // how long a command may wait for the job's reply
  // The steering controls of the selected run; update() keeps `running` in step with its log.
  SteerDraft steer_draft;
  // What run i's job is doing: its newest header and the changes logged since (run_config).
  telemetry::MethodConfig config_of(int i) const;

  // Once per frame: collects a finished steering reply, applies smoothing changes to the
  // watchers, refreshes the listing when due. Returns true when something changed.
  bool update();
  // Sum of the watchers' versions: changes whenever any attached run has new data.
  std::uint64_t data_version() const;

 private:
  // The wake function behind a lock, so silence() can guarantee that a steering thread or a
  // watcher finishing late never calls into a GLFW that has been shut down.
  struct WakeGate {
    std::mutex mutex;
    std::function<void()> fn;
    void operator()();
  };
  std::shared_ptr<WakeGate> gate_;
  std::function<void()> wake_;  // calls through gate_
  std::vector<AttachedRun> runs_;
  std::vector<telemetry::RunDirInfo> listing_;
  double listed_at_ = -1e9;  // steady-clock seconds of the last listing
  float applied_smoothing_ = -1;
  // The command on its way: a detached thread fills `reply` (so quitting never waits for a job
  // that is slow to answer); update() collects it.
  struct PendingSteer {
    std::mutex mutex;
    std::optional<SteerReply> reply;
  };
  std::shared_ptr<PendingSteer> pending_;
  std::optional<SteerReply> last_reply_;
};

}  // namespace ps::gui
