#include "app/gui/alpha_slider.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/gui/alpha_scale.h"

namespace ps::gui {

bool alpha_slider(const char* id, double& alpha, float width, AlphaSliderLayout* layout) {
  ImGui::PushID(id);
  bool changed = false;
  if (width <= 0) width = ImGui::GetContentRegionAvail().x;

  // The slider moves the position s; it shows alpha itself (no '%' in the text: no format).
  float s = static_cast<float>(slider_from_alpha(alpha));
  char text[48];
  std::snprintf(text, sizeof text, "\xCE\xB1 = %.4g", alpha);
  ImGui::SetNextItemWidth(width);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  if (ImGui::SliderFloat("##s", &s, 0.0f, 1.0f, text, ImGuiSliderFlags_NoRoundToFormat)) {
    double a = alpha_from_slider(s);
    // Snap to a preset within a few pixels of travel, so 0, 1, 2... are easy to hit by hand.
    for (const AlphaPreset& p : alpha_presets())
      if (std::abs(slider_from_alpha(p.alpha) - s) * width < 4) a = p.alpha;
    if (a != alpha) alpha = a, changed = true;
  }
  if (layout) {
    layout->slider_x0 = ImGui::GetItemRectMin().x, layout->slider_y0 = ImGui::GetItemRectMin().y;
    layout->slider_x1 = ImGui::GetItemRectMax().x, layout->slider_y1 = ImGui::GetItemRectMax().y;
  }
  // Preset marks under the slider's track.
  const float h = ImGui::GetFrameHeight(), pad = ImGui::GetStyle().GrabMinSize * 0.5f + 2;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const AlphaPreset& p : alpha_presets()) {
    const float x = at.x + pad + static_cast<float>(slider_from_alpha(p.alpha)) * (width - 2 * pad);
    dl->AddLine({x, at.y + h - 4}, {x, at.y + h + 2}, IM_COL32(60, 60, 90, 255), 2);
  }
  ImGui::Dummy(ImVec2(0, 2));

  // One button per preset; the current one is highlighted.
  // Buttons as wide as their labels, the spare width shared out evenly.
  const auto presets = alpha_presets();
  const float gap = ImGui::GetStyle().ItemSpacing.x * 0.5f;
  float text_w = 0;
  for (const AlphaPreset& p : presets) text_w += ImGui::CalcTextSize(p.label).x;
  const float spare = std::max(0.0f, width - text_w - gap * (presets.size() - 1)) / presets.size();
  for (size_t i = 0; i < presets.size(); ++i) {
    const AlphaPreset& p = presets[i];
    if (i) ImGui::SameLine(0, gap);
    const bool on = preset_for(alpha) == &p;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const float bw = ImGui::CalcTextSize(p.label).x + spare;
    if (ImGui::Button(p.label, ImVec2(bw, 0)) && alpha != p.alpha) alpha = p.alpha, changed = true;
    if (on) ImGui::PopStyleColor();
    if (layout && i < 6) {
      layout->preset_x[i] = 0.5f * (ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x);
      layout->preset_y[i] = 0.5f * (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("\xCE\xB1 = %g: %s", p.alpha, p.notion);
  }

  double exact = alpha;
  ImGui::SetNextItemWidth(width * 0.4f);
  if (ImGui::InputDouble("##exact", &exact, 0, 0, "%.6g", ImGuiInputTextFlags_EnterReturnsTrue)) {
    exact = std::clamp(exact, 0.0, 1e6);
    if (exact != alpha) alpha = exact, changed = true;
  }
  ImGui::SameLine();
  ImGui::TextDisabled("%s", fairness_notion(alpha));
  ImGui::PopID();
  return changed;
}

}  // namespace ps::gui
