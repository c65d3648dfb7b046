#pragma once
// The visible range of one interactive plot: follows the data's fitted range until the user
// pans or zooms, then keeps the user's range until a refit (double-click). Ranges are in axis
// units (log10 of the value on a log axis). Pure model, no ImGui.
#include "core/figure/figure_spec.h"

namespace ps::gui {

struct Range2 {
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  double w() const { return x1 - x0; }
  double h() const { return y1 - y0; }
  bool operator==(const Range2&) const = default;
};

// The range fit_axes() gives the panel's data, in axis units (log10 on log axes). Copies the
// panel: call it when the data change (the worker does, for the toy views), not every frame.
Range2 fitted_range(const fig::Panel& panel);

class PlotView {
 public:
  // The data's fitted range; shown as is while following.
  void set_fit(const Range2& r);
  const Range2& fit() const { return fit_; }
  bool following() const { return following_; }

  // The range to draw in a plot of w x h pixels: with equal_aspect, the shorter side of the
  // range is widened about its centre so one unit is as many pixels across as up.
  Range2 shown(float w_px, float h_px, bool equal_aspect) const;

  // Drag by (dx, dy) pixels in a plot of w x h pixels (screen y grows down).
  void pan(float dx_px, float dy_px, float w_px, float h_px, bool equal_aspect);
  // Zooms by `factor` (< 1 zooms in) about the axis point (cx, cy), which stays put.
  void zoom(double factor, double cx, double cy, float w_px, float h_px, bool equal_aspect);
  // Back to following the fitted range.
  void refit() { following_ = true; }

 private:
  Range2 fit_;
  Range2 user_;
  bool following_ = true;
};

}  // namespace ps::gui
