#include "app/gui/toy_model.h"

#include "app/gui/scene_builder.h"

namespace ps::gui {

namespace {
SimWorker::Options with_scene(SimWorker::Options o) {
  if (!o.finish) {
    auto builder = std::make_shared<SceneBuilder>();  // worker-thread only: no lock needed
    o.finish = [builder](Snapshot& s) { (*builder)(s); };
  }
  return o;
}
}  // namespace

ToyModel::ToyModel() : ToyModel(SimWorker::Options{}) {}

ToyModel::ToyModel(SimWorker::Options o)
    : worker_(std::make_unique<SimWorker>(with_scene(std::move(o)))) {}

const MethodInfo* ToyModel::method_info() const {
  for (const auto& m : methods())
    if (m.name == controls.method) return &m;
  return nullptr;
}

ParamValues& ToyModel::params() {
  ParamValues& p = controls.params[controls.method];
  if (const MethodInfo* info = method_info())
    for (const ParamSpec& s : info->params)
      if (!p.count(s.name)) p[s.name] = s.default_value;
  return p;
}

toy::SimSettings ToyModel::sim_settings() const {
  toy::SimSettings s;
  s.method = controls.method;
  if (auto it = controls.params.find(controls.method); it != controls.params.end())
    s.params = it->second;
  // Defaults spelled out, so a run's settings say what it ran with (and compare equal to the
  // same run asked for explicitly).
  if (const MethodInfo* info = method_info())
    for (const ParamSpec& p : info->params)
      if (!s.params.count(p.name)) s.params[p.name] = p.default_value;
  s.optimizer = controls.optimizer;
  s.lr = controls.lr;
  s.steps = controls.steps;
  s.stop_at_front = controls.stop_at_front;
  s.scale = controls.scale;
  s.starts = controls.starts.points();
  return s;
}

void ToyModel::submit_if_changed() {
  const toy::SimSettings s = sim_settings();
  if (force_ || !same_settings(s, last_settings_) || !(controls.view == last_tag_)) {
    submitted_ = worker_->submit(s, controls.view);
    last_settings_ = s;
    last_tag_ = controls.view;
    force_ = false;
  }
}

bool ToyModel::update() {
  submit_if_changed();
  std::shared_ptr<const Snapshot> newest = worker_->latest();
  if (!newest || (shown_ && newest->version == shown_->version)) return false;
  shown_ = std::move(newest);
  playback.set_length(shown_->last_step);
  if (shown_->ok() && selected_run >= static_cast<int>(shown_->result->runs.size()))
    selected_run = 0;
  return true;
}

bool ToyModel::busy() const { return !shown_ || shown_->version < submitted_; }

}  // namespace ps::gui
