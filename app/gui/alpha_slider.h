#pragma once
// FairGrad's alpha as an ImGui widget: a mapped slider (alpha_scale.h) with the presets marked
// under it, a row of preset buttons (0 LS, 1 PF, 2 MPD, 5, 10, max-min) and an exact input.
namespace ps::gui {

// Returns true when alpha changed this frame. `width` 0: the available width.
bool alpha_slider(const char* id, double& alpha, float width = 0);

}  // namespace ps::gui
