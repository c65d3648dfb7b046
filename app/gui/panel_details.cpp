// The bottom window: the per-step plots of the live run and the comparison, as tabs (the
// comparison is wide, like the paper's Figure 1, and the two rarely need the screen at once).
#include <imgui.h>

#include "app/gui/app_state.h"
#include "app/gui/panels.h"

namespace ps::gui {

void draw_details_window(AppState& s) {
  s.steps.hover_step = -1;  // set again below while the per-step plots are hovered
  if (!s.windows.steps && !s.windows.compare) return;
  bool open = true;
  const bool visible = ImGui::Begin(kDetailsTitle, &open);
  if (!open) s.windows.steps = s.windows.compare = false;
  if (visible && ImGui::BeginTabBar("##details")) {
    if (s.windows.steps &&
        ImGui::BeginTabItem(kStepsTitle, &s.windows.steps,
                            s.select_steps ? ImGuiTabItemFlags_SetSelected : 0)) {
      draw_step_plots_tab(s);
      ImGui::EndTabItem();
    }
    if (s.windows.compare &&
        ImGui::BeginTabItem(kCompareTitle, &s.windows.compare,
                            s.select_compare ? ImGuiTabItemFlags_SetSelected : 0)) {
      draw_compare_tab(s);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  s.select_steps = s.select_compare = false;
  ImGui::End();
}

}  // namespace ps::gui
