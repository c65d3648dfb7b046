// The loss-space view (l1 across, l2 up): the Pareto front, trajectories coloured by time,
// start and end points: the look of the paper's Figure 1.
#include <imgui.h>

#include "app/gui/app_state.h"
#include "app/gui/panels.h"
#include "app/gui/plot_area.h"
#include "app/gui/view_common.h"

namespace ps::gui {

void draw_loss_space_panel(AppState& s) {
  s.drawn.loss_valid = false;
  if (!s.windows.loss) return;
  if (!ImGui::Begin(kLossTitle, &s.windows.loss)) {
    ImGui::End();
    return;
  }
  const auto& snap = s.toy.snapshot();
  if (!snap) {
    ImGui::TextDisabled("running...");
    ImGui::End();
    return;
  }
  PlotArea area("##loss", snap->loss, s.loss_view);
  area.interact();
  area.draw(render_options(s, snap->loss_steps), s.plot_caches, snap->version);
  s.drawn.loss = area.map();
  s.drawn.loss_valid = true;
  draw_hover_marker(s, area, /*in_x=*/false);
  draw_plot_notes(s, area);
  ImGui::End();
}

}  // namespace ps::gui
