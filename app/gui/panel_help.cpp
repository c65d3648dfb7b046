// In-app help: what the fairness notions mean, what the views show, the mouse and the keys.
#include <imgui.h>

#include "app/gui/alpha_scale.h"
#include "app/gui/app_state.h"
#include "app/gui/panels.h"

namespace ps::gui {
namespace {
// A bullet whose text wraps at the window's edge.
template <class... A>
void bullet(const char* fmt, A... args) {
  ImGui::Bullet();
  ImGui::TextWrapped(fmt, args...);
}

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
  bullet(
      "alpha = 0: utilitarian. Maximises the sum of the rates: linear "
      "scalarization (LS), led by the task with the larger gradient.");
  bullet(
      "alpha = 1: proportional fairness (Nash-MTL). No task's rate can rise "
      "by a fraction without the others losing more in total.");
  bullet(
      "alpha = 2: minimum potential delay. Minimises the sum of 1/rate, "
      "the time for all tasks to finish; helps the slower task more.");
  bullet(
      "alpha -> infinity: max-min fairness. Raises the slowest task's rate "
      "first (the spirit of MGDA). The 'max-min' preset uses alpha = %g.",
      kMaxMinAlpha);
  ImGui::TextWrapped(
      "Moving alpha from 0 to 10 moves the trajectories' end points along the front: at 0 "
      "they crowd at task 2's end (low l2, the task with the larger gradient wins); as alpha "
      "grows they spread towards task 1's end (low l1), the task with the smaller gradient.");
  heading("Views");
  bullet(
      "Loss space: l1 across, l2 up; the Pareto front in grey, runs coloured "
      "from orange (early) to purple (late), start points black.");
  bullet(
      "Parameter space: the chosen landscape (L1, L2, their mean or max) with "
      "contour lines, the Pareto set in grey, the runs on top.");
  bullet(
      "Per-step plots: the weights, the rates g_i^T d and the losses of one run; "
      "hover for the values, the ring in the other views marks that step.");
  bullet(
      "Compare: several settings side by side with shared axes; 'Figure 1' "
      "reproduces the paper's figure.");
  heading("Training runs");
  ImGui::TextWrapped(
      "The 'Training runs' page (menu bar, or `paretoscope --attach RUN_DIR`) follows runs of "
      "paretoscope-train, live or finished, through their telemetry.jsonl.");
  bullet(
      "Runs window: the runs under the runs root (click one to attach it), the attached runs "
      "(colour, visibility, state, rows, skipped lines; detach), and steering.");
  bullet(
      "Steer: the selected live run's method and parameters start from what the job is doing; "
      "Apply sends only what you changed (e.g. 'set alpha=10'); the job applies it at its next "
      "step and logs it as an event. Stop run ends the job cleanly. The reply shows below, "
      "green when applied, red with the job's reason when not.");
  bullet("Run monitor: the attached runs' losses, rates and weights, overlaid in their colours.");
  heading("Mouse and keys");
  bullet("drag: pan; wheel: zoom; double-click: refit the view");
  bullet("parameter space: drag a start point; Ctrl+click adds; right-click removes");
  bullet(
      "space: play / pause;  R: reset (rewind and refit every view);  "
      "E: export (these three on the toy page);  F1: this help");
  ImGui::End();
}

}  // namespace ps::gui
