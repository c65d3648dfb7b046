#pragma once
// The state of the toy page: what the user set (method, parameters, optimizer, start points,
// view choices), the playback, the selected trajectory, and the newest snapshot from the worker.
// Widgets edit `controls` directly; update(), once per frame, notices any change, submits a new
// job (cancelling the stale one) and adopts the newest finished snapshot. Views only read.
#include <map>
#include <memory>
#include <string>

#include "app/gui/playback.h"
#include "app/gui/sim_worker.h"
#include "app/gui/snapshot.h"
#include "app/gui/start_points.h"
#include "core/registry.h"
#include "toy/simulator.h"

namespace ps::gui {

struct ToyControls {
  std::string method = "fairgrad";
  std::map<std::string, ParamValues> params;  // per method: every parameter, defaults filled
  toy::OptimizerKind optimizer = toy::OptimizerKind::adam;
  double lr = 1e-3;
  int steps = 50000;
  bool stop_at_front = true;
  double scale = 0.1;
  StartPoints starts;
  ViewTag view;
};

class ToyModel {
 public:
  ToyModel();
  explicit ToyModel(SimWorker::Options worker_options);

  ToyControls controls;
  Playback playback;
  int selected_run = 0;  // the trajectory the per-step plots show

  // The current method's parameters (every one, defaults filled in) for widgets to edit.
  ParamValues& params();
  // The method's registry entry, or nullptr for an unknown name.
  const MethodInfo* method_info() const;
  // What the controls ask the simulator to do.
  toy::SimSettings sim_settings() const;

  // Once per frame: submits when the controls changed, picks up a newer snapshot. True when a
  // new snapshot was adopted (views rebuild what they cache from it).
  bool update();
  // Submits when the controls changed (called again after the widgets ran, so a change goes
  // to the worker in the same frame).
  void submit_if_changed();
  // Forces a rerun of the same settings (the R key).
  void rerun() { force_ = true; }

  // The snapshot the views draw (null until the first run finishes).
  const std::shared_ptr<const Snapshot>& snapshot() const { return shown_; }
  // A newer run is queued or running than the one shown.
  bool busy() const;
  SimWorker& worker() { return *worker_; }
  uint64_t submitted_version() const { return submitted_; }

 private:
  std::unique_ptr<SimWorker> worker_;
  std::shared_ptr<const Snapshot> shown_;
  toy::SimSettings last_settings_;
  ViewTag last_tag_;
  uint64_t submitted_ = 0;
  bool force_ = true;  // the first update() always submits
};

}  // namespace ps::gui
