#include "app/gui/scene_builder.h"

#include <algorithm>

namespace ps::gui {
namespace {

// Steps of every trajectory polyline of `p`, matched in order with the result's runs that
// have points (the builders skip empty runs the same way).
std::vector<std::vector<int>> panel_steps(const fig::Panel& p, const toy::SimResult& r, bool in_x) {
  std::vector<const toy::Trajectory*> runs;
  for (const auto& tr : r.runs)
    if (!tr.points.empty()) runs.push_back(&tr);
  std::vector<std::vector<int>> out;
  for (const auto& l : p.lines) {
    if (l.kind != fig::SeriesKind::trajectory) continue;
    const size_t k = out.size();
    out.push_back(k < runs.size() ? vertex_steps(l, *runs[k], in_x) : std::vector<int>{});
  }
  return out;
}

}  // namespace

std::vector<int> vertex_steps(const fig::Polyline& line, const toy::Trajectory& tr, bool in_x) {
  std::vector<int> steps;
  steps.reserve(line.points.size());
  size_t j = 0;
  int last = tr.points.empty() ? 0 : tr.points.front().step;
  for (const fig::Vec2& v : line.points) {
    size_t k = j;
    for (; k < tr.points.size(); ++k) {
      const Eigen::Vector2d& q = in_x ? tr.points[k].x : tr.points[k].losses;
      if (q.x() == v.x && q.y() == v.y) break;
    }
    if (k < tr.points.size()) {
      last = tr.points[k].step;
      j = k + 1;
    }
    steps.push_back(last);
  }
  return steps;
}

const toy::ParetoCurve& SceneBuilder::pareto(double scale) {
  auto it = pareto_.find(scale);
  if (it == pareto_.end()) it = pareto_.emplace(scale, toy::pareto_curve(scale)).first;
  return it->second;
}

const fig::Panel& SceneBuilder::landscape_base(double scale, fig::Landscape which,
                                               fig::Palette palette) {
  const auto key = std::make_tuple(scale, which, palette);
  auto it = landscape_.find(key);
  if (it == landscape_.end()) {
    toy::SimResult empty;
    empty.settings.scale = scale;
    it = landscape_
             .emplace(key,
                      fig::landscape_panel(empty, pareto(scale), which, palette, kLandscapeSamples))
             .first;
  }
  return it->second;
}

void SceneBuilder::operator()(Snapshot& snap) {
  const double scale = snap.settings.scale;
  const toy::ParetoCurve& curve = pareto(scale);
  toy::SimResult empty;
  empty.settings = snap.settings;
  const toy::SimResult& r = snap.result ? *snap.result : empty;

  snap.loss = fig::loss_panel(r, curve, snap.tag.palette);
  snap.loss_steps = panel_steps(snap.loss, r, false);

  // The landscape from the cache; trajectories and markers from a 2 x 2 landscape build.
  const fig::Panel& base = landscape_base(scale, snap.tag.landscape, snap.tag.palette);
  fig::Panel light = fig::landscape_panel(r, curve, snap.tag.landscape, snap.tag.palette, 2);
  fig::Panel p = base;
  p.lines.erase(
      std::remove_if(p.lines.begin(), p.lines.end(),
                     [](const fig::Polyline& l) { return l.kind != fig::SeriesKind::contour; }),
      p.lines.end());
  for (auto& l : light.lines)
    if (l.kind != fig::SeriesKind::contour) p.lines.push_back(std::move(l));
  p.markers = std::move(light.markers);
  snap.landscape = std::move(p);
  snap.landscape_steps = panel_steps(snap.landscape, r, true);
  snap.loss_fit = fitted_range(snap.loss);
  snap.landscape_fit = fitted_range(snap.landscape);
}

}  // namespace ps::gui
