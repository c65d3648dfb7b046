#pragma once
// The UI's look: DejaVu Sans (it has the ℓ, subscripts, Greek and the minus sign the plots use)
// at a readable size, and a light style that matches the exported figures.
struct ImGuiIO;

namespace ps::gui {

inline constexpr float kFontPx = 15.0f;

// Loads the font into io.Fonts (ImGui's built-in font when DejaVu is missing) and sets the style.
// Works without a renderer backend too (tests build the atlas themselves).
void setup_style_and_font(ImGuiIO& io);

}  // namespace ps::gui
