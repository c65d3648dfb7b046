#pragma once
// Data -> pixels for one plot on screen: a pixel rectangle (y down) and the axis ranges shown,
// in axis units (log10 of the value on a log axis).
#include <imgui.h>

#include <cmath>

#include "app/gui/plot_view.h"

namespace ps::gui {

class ScreenMap {
 public:
  ScreenMap() = default;
  ScreenMap(ImVec2 min, ImVec2 max, const Range2& r, bool log_x = false, bool log_y = false)
      : min_(min), max_(max), r_(r), log_x_(log_x), log_y_(log_y) {}

  // Value -> axis units (log10 on a log axis; NaN for values <= 0 there).
  double ax(double x) const { return log_x_ ? (x > 0 ? std::log10(x) : NAN) : x; }
  double ay(double y) const { return log_y_ ? (y > 0 ? std::log10(y) : NAN) : y; }
  float px_of_axis_x(double u) const {
    return static_cast<float>(min_.x + (u - r_.x0) / r_.w() * (max_.x - min_.x));
  }
  float py_of_axis_y(double v) const {
    return static_cast<float>(max_.y - (v - r_.y0) / r_.h() * (max_.y - min_.y));
  }
  ImVec2 to_px(double x, double y) const { return {px_of_axis_x(ax(x)), py_of_axis_y(ay(y))}; }
  // Pixel -> axis units.
  double axis_x_of(float px) const { return r_.x0 + (px - min_.x) / (max_.x - min_.x) * r_.w(); }
  double axis_y_of(float py) const { return r_.y0 + (max_.y - py) / (max_.y - min_.y) * r_.h(); }
  // Pixel -> value.
  double x_of(float px) const { return log_x_ ? std::pow(10.0, axis_x_of(px)) : axis_x_of(px); }
  double y_of(float py) const { return log_y_ ? std::pow(10.0, axis_y_of(py)) : axis_y_of(py); }
  // Data units per pixel across (axis units).
  double units_per_px_x() const { return r_.w() / (max_.x - min_.x); }

  ImVec2 min() const { return min_; }
  ImVec2 max() const { return max_; }
  float width() const { return max_.x - min_.x; }
  float height() const { return max_.y - min_.y; }
  const Range2& range() const { return r_; }
  bool log_x() const { return log_x_; }
  bool log_y() const { return log_y_; }
  bool contains(ImVec2 p) const {
    return p.x >= min_.x && p.x <= max_.x && p.y >= min_.y && p.y <= max_.y;
  }

 private:
  ImVec2 min_{0, 0}, max_{1, 1};
  Range2 r_;
  bool log_x_ = false, log_y_ = false;
};

}  // namespace ps::gui
