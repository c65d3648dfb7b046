// The parameter-space view (x1, x2): the landscape heatmap with contour lines and colour bar,
// the Pareto set, the trajectories, and the start points, which the mouse edits here.
#include <imgui.h>

#include "app/gui/app_state.h"
#include "app/gui/panels.h"
#include "app/gui/plot_area.h"
#include "app/gui/view_common.h"

namespace ps::gui {
namespace {

constexpr float kHitPx = 9.0f;  // how close (pixels) a click must be to grab a start point

// The start points from the model (not the snapshot): they follow the mouse at once.
void draw_starts(const StartPoints& sp, const PlotArea& area, int hover) {
  ImDrawList* dl = area.draw_list();
  for (int i = 0; i < sp.size(); ++i) {
    const ImVec2 c = area.map().to_px(sp.points()[i].x(), sp.points()[i].y());
    const bool hot = i == hover || i == sp.grabbed();
    dl->AddCircleFilled(c, hot ? 7.0f : 5.0f, IM_COL32(0, 0, 0, 255));
    dl->AddCircle(c, hot ? 7.0f : 5.0f, IM_COL32(255, 255, 255, 255), 0, hot ? 2.0f : 1.0f);
  }
}

}  // namespace

void draw_param_space_panel(AppState& s) {
  s.drawn.param_valid = false;
  if (!s.windows.landscape) return;
  if (!ImGui::Begin(kParamTitle, &s.windows.landscape)) {
    ImGui::End();
    return;
  }
  ViewTag& v = s.toy.controls.view;
  int l = static_cast<int>(v.landscape);
  ImGui::TextUnformatted("landscape");
  for (int k = 0; k < 4; ++k) {
    static const char* names[] = {"L1", "L2", "mean", "max"};
    ImGui::SameLine();
    if (ImGui::RadioButton(names[k], l == k)) v.landscape = static_cast<fig::Landscape>(k);
  }
  ImGui::SameLine(0, 24);
  ImGui::Checkbox("add on click", &s.add_on_click);
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "drag a start point to move it; Ctrl+click or 'add on click' adds one; right-click "
        "removes one\ndrag elsewhere to pan, wheel to zoom, double-click to refit");

  const auto& snap = s.toy.snapshot();
  if (!snap) {
    ImGui::TextDisabled("running...");
    ImGui::End();
    return;
  }
  PlotArea area("##param", snap->landscape, s.landscape_view);
  StartPoints& sp = s.toy.controls.starts;
  const ImGuiIO& io = ImGui::GetIO();
  const Eigen::Vector2d mouse{area.map().x_of(area.mouse().x), area.map().y_of(area.mouse().y)};
  const double radius = kHitPx * area.map().units_per_px_x();
  const int hover = area.hovered() ? sp.hit(mouse, radius) : -1;

  if (area.hovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left))
    sp.press(mouse, radius, io.KeyCtrl || s.add_on_click);
  if (sp.grabbed() >= 0) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left))
      sp.drag_to(mouse);
    else
      sp.release();
  }
  if (area.hovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Right)) sp.remove_at(mouse, radius);
  if (hover >= 0 || sp.grabbed() >= 0) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

  area.interact(/*left_taken=*/sp.grabbed() >= 0 || hover >= 0);
  area.draw(render_options(s, snap->landscape_steps), s.plot_caches, snap->version);
  s.drawn.param = area.map();
  s.drawn.param_valid = true;
  draw_starts(sp, area, hover);
  draw_hover_marker(s, area, /*in_x=*/true);
  draw_plot_notes(s, area);
  if (area.hovered()) ImGui::SetTooltip("x = (%.3f, %.3f)", mouse.x(), mouse.y());
  ImGui::End();
}

}  // namespace ps::gui
