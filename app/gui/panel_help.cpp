// In-app help: what the fairness notions mean, what the views show, the mouse and the keys.
#include <imgui.h>

#include "app/gui/alpha_scale.h"
#include "app/gui/app_state.h"
#include "app/gui/panels.h"

namespace ps::gui {
namespace {
void heading(const char* text) {
  ImGui::Spacing();
  ImGui::TextColored(ImVec4(0.2f, 0.25f, 0.55f, 1), "%s", text);
  ImGui::Separator();
}
}  // namespace

void draw_help_panel(AppState& s) {
  if (!s.windows.help) return;
  ImGui::SetNextWindowSize(ImVec2(620, 560), ImGuiCond_FirstUseEver);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(1, 1, 1, 1));  // it floats: opaque
  const bool visible = ImGui::Begin(kHelpTitle, &s.windows.help);
  ImGui::PopStyleColor();
  if (!visible) {
    ImGui::End();
    return;
  }
  ImGui::TextWrapped(
      "Paretoscope shows how multi-task weighting methods move two losses towards their "
      "Pareto front, on the two-task toy problem of the FairGrad paper (Figure 1).");
  heading("FairGrad's alpha: which fairness");
  ImGui::TextWrapped(
      "FairGrad picks the shared update direction d by solving G^T G w = w^(-1/alpha) and "
      "treats each task's loss-decrease rate g_i^T d as the resource it allocates fairly:");
  ImGui::BulletText("alpha = 0: utilitarian. Maximises the sum of the rates: linear "
                    "scalarization (LS), led by the task with the larger gradient.");
  ImGui::BulletText("alpha = 1: proportional fairness (Nash-MTL). No task's rate can rise\n"
                    "by a fraction without the others losing more in total.");
  ImGui::BulletText("alpha = 2: minimum potential delay. Minimises the sum of 1/rate,\n"
                    "the time for all tasks to finish; helps the slower task more.");
  ImGui::BulletText("alpha -> infinity: max-min fairness. Raises the slowest task's rate\n"
                    "first (the spirit of MGDA). The 'max-min' preset uses alpha = %g.",
                    kMaxMinAlpha);
  ImGui::TextWrapped(
      "Moving alpha from 0 to 10 moves the trajectories' end points along the front, from "
      "task 2's end towards the balanced middle.");
  heading("Views");
  ImGui::BulletText("Loss space: l1 across, l2 up; the Pareto front in grey, runs coloured\n"
                    "from orange (early) to purple (late), start points black.");
  ImGui::BulletText("Parameter space: the chosen landscape (L1, L2, their mean or max) with\n"
                    "contour lines, the Pareto set in grey, the runs on top.");
  ImGui::BulletText("Per-step plots: the weights, the rates g_i^T d and the losses of one run;\n"
                    "hover for the values, the ring in the other views marks that step.");
  ImGui::BulletText("Compare: several settings side by side with shared axes; 'Figure 1'\n"
                    "reproduces the paper's figure.");
  heading("Mouse and keys");
  ImGui::BulletText("drag: pan; wheel: zoom; double-click: refit the view");
  ImGui::BulletText("parameter space: drag a start point; Ctrl+click adds; right-click removes");
  ImGui::BulletText("space: play / pause;  R: reset (rewind and refit every view);  "
                    "E: export;  F1: this help");
  ImGui::End();
}

}  // namespace ps::gui
