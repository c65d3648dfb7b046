#pragma once
// The default tiling of the main windows for a display size: controls on the left, loss and
// parameter space side by side on top, the per-step plots and Compare (tabs) below; Help floats.
// The training-runs page: Runs on the left (as wide as Controls), the run monitor beside it.
namespace ps::gui {

struct WinRect {
  float x = 0, y = 0, w = 0, h = 0;
};

struct WindowLayout {
  WinRect controls, loss, param, details, help;  // details: per-step plots and Compare
  WinRect runs, monitor;                         // the training-runs page
};

WindowLayout default_layout(float display_w, float display_h, float menu_h);

}  // namespace ps::gui
