#pragma once
// FairGrad's alpha as an ImGui widget: a mapped slider (alpha_scale.h) with the presets marked
// under it, a row of preset buttons (0 LS, 1 PF, 2 MPD, 5, 10, max-min) and an exact input.
namespace ps::gui {

// Where the widget's parts landed on screen (for tests and tooltips).
struct AlphaSliderLayout {
  float slider_x0 = 0, slider_x1 = 0, slider_y0 = 0, slider_y1 = 0;
  float preset_x[6] = {}, preset_y[6] = {};  // centres of the preset buttons
};

// Returns true when alpha changed this frame. `width` 0: the available width.
bool alpha_slider(const char* id, double& alpha, float width = 0,
                  AlphaSliderLayout* layout = nullptr);

}  // namespace ps::gui
