// The main menu bar: file (export, quit), view (windows, layout), compare presets, training
// runs (attach, the runs list), help, and the page switch (toy problem | training runs).
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>
#include <string>

#include "app/gui/app_state.h"
#include "app/gui/panels.h"

namespace ps::gui {
namespace {

void attach_and_show(AppState& s, const std::string& dir) {
  if (dir.empty()) {
    s.message = "attach: type the path of a run directory (or of its telemetry.jsonl)";
    return;
  }
  s.runs.attach(dir);
  s.page = Page::runs;
  s.message = "attached " + dir;
}

void runs_menu(AppState& s) {
  if (!ImGui::BeginMenu("Runs")) return;
  if (ImGui::MenuItem("Toy problem", nullptr, s.page == Page::toy)) s.page = Page::toy;
  if (ImGui::MenuItem("Training runs", nullptr, s.page == Page::runs)) s.page = Page::runs;
  ImGui::Separator();
  if (ImGui::BeginMenu("Attach run directory...")) {
    ImGui::TextDisabled("a run directory, or its telemetry.jsonl (it may not exist yet)");
    ImGui::SetNextItemWidth(360);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    bool go = ImGui::InputText("##path", &s.runs.attach_input,
                               ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    go = ImGui::Button("Attach") || go;
    if (go) {
      attach_and_show(s, s.runs.attach_input);
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndMenu();
  }
  const auto& list = s.runs.listing();
  char title[96];
  std::snprintf(title, sizeof title, "Runs in %.60s", s.runs.root.c_str());
  if (ImGui::BeginMenu(title, !list.empty())) {
    for (const auto& r : list) {
      const bool attached = s.runs.find(r.dir) >= 0;
      const std::string shortcut = r.method + (r.live ? ", live" : "");
      if (ImGui::MenuItem(r.name.c_str(), shortcut.c_str(), attached)) attach_and_show(s, r.dir);
    }
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem("Refresh the runs list")) s.runs.refresh_listing();
  ImGui::EndMenu();
}

// The two pages as menu-bar items, the current one highlighted: always in sight.
void page_switch(AppState& s) {
  ImGui::Separator();
  if (ImGui::MenuItem("Toy problem", nullptr, s.page == Page::toy)) s.page = Page::toy;
  if (ImGui::MenuItem("Training runs", nullptr, s.page == Page::runs)) s.page = Page::runs;
}

}  // namespace

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
      s.page = Page::toy;
    }
    if (ImGui::MenuItem("FairGrad alpha presets")) {
      s.compare.set_preset(CompareModel::Preset::alpha_sweep, base);
      s.show_compare();
      s.page = Page::toy;
    }
    if (ImGui::MenuItem("Methods")) {
      s.compare.set_preset(CompareModel::Preset::methods, base);
      s.show_compare();
      s.page = Page::toy;
    }
    if (ImGui::MenuItem("Add current settings")) {
      s.compare.add(base);
      s.show_compare();
      s.page = Page::toy;
    }
    ImGui::EndMenu();
  }
  runs_menu(s);
  if (ImGui::BeginMenu("Help")) {
    ImGui::MenuItem("Help", "F1", &s.windows.help);
    ImGui::EndMenu();
  }
  page_switch(s);
  ImGui::EndMainMenuBar();
}

}  // namespace ps::gui
