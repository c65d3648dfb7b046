// The main menu bar: file (export, quit), view (windows, layout), compare presets, help.
#include <imgui.h>

#include "app/gui/app_state.h"
#include "app/gui/panels.h"

namespace ps::gui {

void draw_main_menu(AppState& s) {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Export figure...", "E")) s.open_export = true;
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) s.quit = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    ImGui::MenuItem(kControlsTitle, nullptr, &s.windows.controls);
    ImGui::MenuItem(kLossTitle, nullptr, &s.windows.loss);
    ImGui::MenuItem(kParamTitle, nullptr, &s.windows.landscape);
    if (ImGui::MenuItem(kStepsTitle, nullptr, s.windows.steps)) {
      if (s.windows.steps)
        s.windows.steps = false;
      else
        s.show_steps();
    }
    if (ImGui::MenuItem(kCompareTitle, nullptr, s.windows.compare)) {
      if (s.windows.compare)
        s.windows.compare = false;
      else
        s.show_compare();
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Reset layout")) s.reset_layout = true;
    if (ImGui::MenuItem("Refit views", "R")) {
      s.loss_view.refit();
      s.landscape_view.refit();
      for (auto& v : s.steps.views) v.refit();
    }
    ImGui::SetNextItemWidth(120);
    ImGui::SliderFloat("line scale", &s.px_per_pt, 0.75f, 3.0f, "%.2f");
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Compare")) {
    const toy::SimSettings base = s.toy.sim_settings();
    if (ImGui::MenuItem("Figure 1 (FairGrad alpha 0, 1, 2, max-min)")) {
      s.compare.set_preset(CompareModel::Preset::figure1, base);
      s.show_compare();
    }
    if (ImGui::MenuItem("FairGrad alpha presets")) {
      s.compare.set_preset(CompareModel::Preset::alpha_sweep, base);
      s.show_compare();
    }
    if (ImGui::MenuItem("Methods")) {
      s.compare.set_preset(CompareModel::Preset::methods, base);
      s.show_compare();
    }
    if (ImGui::MenuItem("Add current settings")) {
      s.compare.add(base);
      s.show_compare();
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    ImGui::MenuItem("Help", "F1", &s.windows.help);
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

}  // namespace ps::gui
