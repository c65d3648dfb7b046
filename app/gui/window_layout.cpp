#include "app/gui/window_layout.h"

#include <algorithm>
#include <cmath>

namespace ps::gui {

WindowLayout default_layout(float W, float H, float menu_h) {
  WindowLayout l;
  const float top = menu_h, h = std::max(200.0f, H - menu_h);
  const float cw = std::clamp(W * 0.24f, 300.0f, 420.0f);
  const float rw = std::max(200.0f, W - cw);
  const float plots_h = std::round(h * 0.62f);
  l.controls = {0, top, cw, h};
  l.loss = {cw, top, std::round(rw / 2), plots_h};
  l.param = {cw + std::round(rw / 2), top, rw - std::round(rw / 2), plots_h};
  l.details = {cw, top + plots_h, rw, h - plots_h};
  l.runs = l.controls;
  l.monitor = {cw, top, rw, h};
  l.help = {W * 0.5f - 310, top + 60, 620, std::min(h - 120, 600.0f)};
  return l;
}

}  // namespace ps::gui
