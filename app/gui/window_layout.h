#pragma once
// The default tiling of the main windows for a display size: controls on the left, loss and
// parameter space side by side on top, the per-step plots and Compare (tabs) below; Help floats.
namespace ps::gui {

struct WinRect {
  float x = 0, y = 0, w = 0, h = 0;
};

struct WindowLayout {
  WinRect controls, loss, param, details, help;  // details: per-step plots and Compare
};

WindowLayout default_layout(float display_w, float display_h, float menu_h);

}  // namespace ps::gui
