#include "app/gui/step_series.h"

#include <algorithm>

namespace ps::gui {

fig::Color task_color(int i) {
  // Okabe-Ito blue and vermillion: apart for every kind of colour vision.
  return i == 0 ? fig::Color{0 / 255.0, 114 / 255.0, 178 / 255.0, 1}
                : fig::Color{213 / 255.0, 94 / 255.0, 0 / 255.0, 1};
}

fig::Panel step_panel(const toy::Trajectory& tr, StepPlot which, bool log_y) {
  fig::Panel p;
  p.x.label = "step";
  p.grid = true;
  p.y.log = log_y;
  switch (which) {
    case StepPlot::weights:
      p.title = "weights w\xE1\xB5\xA2";
      break;
    case StepPlot::rates:
      p.title =
          "rates g\xE1\xB5\xA2\xC2\xB7"
          "d";
      break;
    case StepPlot::losses:
      p.title = "losses L\xE1\xB5\xA2";
      break;
  }
  for (int i = 0; i < 2; ++i) {
    fig::Polyline l;
    l.kind = fig::SeriesKind::line;
    l.name = (which == StepPlot::weights ? "w"
              : which == StepPlot::rates ? "rate "
                                         : "L") +
             std::to_string(i + 1);
    l.color = task_color(i);
    l.width_pt = 1.2;
    l.points.reserve(tr.points.size());
    for (const toy::StepRecord& r : tr.points) {
      const Eigen::Vector2d& v = which == StepPlot::weights ? r.weights
                                 : which == StepPlot::rates ? r.rates
                                                            : r.losses;
      l.points.push_back({static_cast<double>(r.step), v[i]});
    }
    p.lines.push_back(std::move(l));
    fig::LegendEntry e;
    e.label = "task " + std::to_string(i + 1);
    e.color = task_color(i);
    e.width_pt = 2;
    p.legend.push_back(e);
  }
  p.legend_place = fig::LegendPlace::upper_right;
  return p;
}

std::optional<toy::StepRecord> record_at(const toy::Trajectory& tr, double step) {
  if (tr.points.empty()) return std::nullopt;
  auto it = std::upper_bound(tr.points.begin(), tr.points.end(), step,
                             [](double s, const toy::StepRecord& r) { return s < r.step; });
  if (it == tr.points.begin()) return tr.points.front();
  return *(it - 1);
}

}  // namespace ps::gui
