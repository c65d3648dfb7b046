#include "app/gui/monitor_cosine.h"

#include <cmath>
#include <limits>

namespace ps::gui {

std::ptrdiff_t cosine_record_at(const telemetry::RunLog& log, std::int64_t step) {
  const auto& c = log.cosines();
  if (c.empty()) return -1;
  if (step < 0) return static_cast<std::ptrdiff_t>(c.size()) - 1;
  for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(c.size()) - 1; i >= 0; --i)
    if (c[i].cosine.step <= step) return i;
  return 0;  // before the first record: show the first
}

fig::Panel cosine_panel(const telemetry::RunLog& log, std::ptrdiff_t i, const std::string& run) {
  fig::Panel p;
  if (i < 0 || i >= static_cast<std::ptrdiff_t>(log.cosines().size())) {
    p.title = "gradient cosines: none logged";
    return p;
  }
  const telemetry::CosineRecord& c = log.cosines()[i].cosine;
  const int k = c.k;
  p.title = "gradient cosines, step " + std::to_string(c.step);
  p.caption = run;  // below: a run's name beside the title would not fit the cell
  p.x.auto_range = p.y.auto_range = false;
  p.x.min = p.y.min = 0.5, p.x.max = p.y.max = k + 0.5;
  for (int t = 1; t <= k; ++t) p.x.ticks.push_back(t), p.y.ticks.push_back(t);
  if (k < 2 || static_cast<int>(c.matrix.size()) != k * k) return p;
  fig::Heatmap& h = p.heatmap.emplace_back();
  h.field = {k, k, 1.0, static_cast<double>(k), 1.0, static_cast<double>(k), {}};
  h.field.values.resize(static_cast<size_t>(k) * k);
  // Node (i, j): task i across, task j up; the matrix is symmetric, so either order reads.
  for (int row = 0; row < k; ++row)
    for (int col = 0; col < k; ++col) {
      const double v = c.matrix[static_cast<size_t>(row) * k + col];
      h.field.values[static_cast<size_t>(row) * k + col] = std::isfinite(v) ? v : std::numeric_limits<double>::quiet_NaN();
    }
  h.colormap = fig::ColormapId::rdbu_r;
  h.vmin = -1, h.vmax = 1;
  h.colorbar_ticks = {-1, -0.5, 0, 0.5, 1};
  return p;
}

}  // namespace ps::gui
