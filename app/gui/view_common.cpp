#include "app/gui/view_common.h"

#include <imgui.h>

#include "app/gui/app_state.h"
#include "app/gui/plot_area.h"

namespace ps::gui {

RenderOptions render_options(const AppState& s, const std::vector<std::vector<int>>& steps) {
  RenderOptions o;
  o.px_per_pt = s.px_per_pt;
  o.heatmap_texture = s.heatmap_texture;
  if (!s.toy.playback.at_end()) {
    o.vertex_steps = &steps;
    o.step_limit = s.toy.playback.cursor();
  }
  return o;
}

void draw_hover_marker(const AppState& s, const PlotArea& area, bool in_x) {
  const auto& snap = s.toy.snapshot();
  if (s.steps.hover_step < 0 || !snap || !snap->ok()) return;
  const auto& runs = snap->result->runs;
  if (s.toy.selected_run < 0 || s.toy.selected_run >= static_cast<int>(runs.size())) return;
  const auto rec = record_at(runs[s.toy.selected_run], s.steps.hover_step);
  if (!rec) return;
  const Eigen::Vector2d& v = in_x ? rec->x : rec->losses;
  const ImVec2 c = area.map().to_px(v.x(), v.y());
  ImDrawList* dl = area.draw_list();
  dl->AddCircle(c, 7, IM_COL32(255, 255, 255, 255), 16, 3.5f);
  dl->AddCircle(c, 7, IM_COL32(0, 110, 200, 255), 16, 2.0f);
}

void draw_plot_notes(const AppState& s, const PlotArea& area) {
  const auto& snap = s.toy.snapshot();
  ImDrawList* dl = area.draw_list();
  const ImVec2 lo = area.map().min(), hi = area.map().max();
  if (snap && !snap->ok()) {
    const std::string text = "cannot run: " + snap->error;
    const float wrap = (hi.x - lo.x) * 0.8f;
    const ImVec2 sz = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
    const ImVec2 at{0.5f * (lo.x + hi.x) - sz.x * 0.5f, 0.5f * (lo.y + hi.y) - sz.y * 0.5f};
    dl->AddRectFilled({at.x - 6, at.y - 4}, {at.x + sz.x + 6, at.y + sz.y + 4},
                      IM_COL32(255, 240, 240, 235), 4);
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), at, IM_COL32(180, 20, 20, 255),
                text.c_str(), nullptr, wrap);
  }
  if (s.toy.busy()) dl->AddText({lo.x + 6, lo.y + 4}, IM_COL32(90, 90, 90, 255), "updating...");
}

}  // namespace ps::gui
