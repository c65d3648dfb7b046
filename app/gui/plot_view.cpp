#include "app/gui/plot_view.h"

#include <algorithm>
#include <cmath>

#include "core/figure/layout.h"

namespace ps::gui {

Range2 fitted_range(const fig::Panel& panel) {
  fig::FigureSpec spec;
  fig::Panel& slim = spec.panels.emplace_back();
  slim.x = panel.x, slim.y = panel.y, slim.equal_aspect = panel.equal_aspect;
  if (!panel.heatmap.empty()) {
    // fit_axes() takes a heatmap's rectangle and nothing else: its corners are enough.
    fig::Heatmap& h = slim.heatmap.emplace_back();
    const fig::ScalarField& f = panel.heatmap.front().field;
    h.field = {2, 2, f.x0, f.x1, f.y0, f.y1, {0, 0, 0, 0}};
  } else {
    slim.lines = panel.lines;
    slim.markers = panel.markers;
  }
  fig::fit_axes(spec);
  const fig::Panel& p = spec.panels.front();
  auto axis = [](double v, bool log) { return log ? std::log10(std::max(v, 1e-300)) : v; };
  return {axis(p.x.min, p.x.log), axis(p.x.max, p.x.log), axis(p.y.min, p.y.log),
          axis(p.y.max, p.y.log)};
}

void PlotView::set_fit(const Range2& r) { fit_ = r; }

Range2 PlotView::shown(float w_px, float h_px, bool equal_aspect) const {
  Range2 r = following_ ? fit_ : user_;
  if (!equal_aspect || w_px <= 0 || h_px <= 0 || r.w() <= 0 || r.h() <= 0) return r;
  const double per_px = std::max(r.w() / w_px, r.h() / h_px);
  const double cx = 0.5 * (r.x0 + r.x1), cy = 0.5 * (r.y0 + r.y1);
  return {cx - 0.5 * per_px * w_px, cx + 0.5 * per_px * w_px, cy - 0.5 * per_px * h_px,
          cy + 0.5 * per_px * h_px};
}

void PlotView::pan(float dx_px, float dy_px, float w_px, float h_px, bool equal_aspect) {
  if (w_px <= 0 || h_px <= 0) return;
  Range2 r = shown(w_px, h_px, equal_aspect);
  const double dx = -dx_px * r.w() / w_px, dy = dy_px * r.h() / h_px;
  r.x0 += dx, r.x1 += dx, r.y0 += dy, r.y1 += dy;
  user_ = r;
  following_ = false;
}

void PlotView::zoom(double factor, double cx, double cy, float w_px, float h_px,
                    bool equal_aspect) {
  if (!(factor > 0) || !std::isfinite(factor)) return;
  Range2 r = shown(w_px, h_px, equal_aspect);
  // Refuse to zoom into nothing or out to absurd ranges: both break the tick maths.
  const double span = std::max(r.w(), r.h()) * factor;
  if (span < 1e-9 || span > 1e9) return;
  r.x0 = cx + (r.x0 - cx) * factor, r.x1 = cx + (r.x1 - cx) * factor;
  r.y0 = cy + (r.y0 - cy) * factor, r.y1 = cy + (r.y1 - cy) * factor;
  user_ = r;
  following_ = false;
}

}  // namespace ps::gui
