// The Controls window: method and its parameters, optimizer, steps, start points, view choices,
// the run's status, playback.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "app/gui/alpha_slider.h"
#include "app/gui/app_state.h"
#include "app/gui/panels.h"

namespace ps::gui {
namespace {

void help_marker(const std::string& text) {
  if (text.empty()) return;
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text.c_str());
}

// A widget for one registry parameter, within its range.
bool param_widget(const ParamSpec& spec, double& v) {
  const double lo = spec.min_open ? std::nextafter(spec.min_value, spec.max_value) : spec.min_value;
  const double hi = spec.max_value;
  bool changed = false;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
  if (spec.integer) {
    int i = static_cast<int>(std::clamp(v, -2e9, 2e9));
    if (ImGui::InputInt(spec.name.c_str(), &i)) {
      v = std::clamp(static_cast<double>(i), lo, hi);
      changed = true;
    }
  } else if (std::isfinite(hi) && hi - lo <= 1e3) {
    const bool log = lo > 0 && hi / lo >= 100;
    changed = ImGui::SliderScalar(spec.name.c_str(), ImGuiDataType_Double, &v, &lo, &hi, "%.4g",
                                  log ? ImGuiSliderFlags_Logarithmic : 0);
    v = std::clamp(v, lo, hi);
  } else {
    if (ImGui::InputDouble(spec.name.c_str(), &v, 0, 0, "%.6g",
                           ImGuiInputTextFlags_EnterReturnsTrue)) {
      v = std::clamp(v, lo, hi);
      changed = true;
    }
  }
  help_marker(spec.help);
  return changed;
}

void method_section(AppState& s) {
  ToyModel& toy = s.toy;
  const MethodInfo* info = toy.method_info();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
  if (ImGui::BeginCombo("method", info ? info->label.c_str() : toy.controls.method.c_str())) {
    for (const MethodInfo& m : methods()) {
      if (ImGui::Selectable(m.label.c_str(), m.name == toy.controls.method))
        toy.controls.method = m.name;
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", m.description.c_str());
    }
    ImGui::EndCombo();
  }
  if (info) help_marker(info->description);
  ParamValues& p = toy.params();
  if (info)
    for (const ParamSpec& spec : info->params) {
      if (toy.controls.method == "fairgrad" && spec.name == "alpha") {
        ImGui::TextUnformatted("fairness \xCE\xB1");
        help_marker(spec.help);
        alpha_slider("alpha", p[spec.name]);
      } else {
        param_widget(spec, p[spec.name]);
      }
    }
  if (ImGui::TreeNode("loss transform")) {
    for (const ParamSpec& spec : wrapper_params()) {
      double v = p.count(spec.name) ? p[spec.name] : spec.default_value;
      if (param_widget(spec, v)) {
        if (v == spec.default_value)
          p.erase(spec.name);  // keep settings minimal when off
        else
          p[spec.name] = v;
      }
    }
    ImGui::TreePop();
  }
}

void optimizer_section(AppState& s) {
  ToyControls& c = s.toy.controls;
  int opt = c.optimizer == toy::OptimizerKind::adam ? 0 : 1;
  ImGui::TextUnformatted("optimizer");
  ImGui::SameLine();
  if (ImGui::RadioButton("Adam", opt == 0)) c.optimizer = toy::OptimizerKind::adam;
  ImGui::SameLine();
  if (ImGui::RadioButton("SGD", opt == 1)) c.optimizer = toy::OptimizerKind::sgd;
  static const double lr_lo = 1e-5, lr_hi = 1.0;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
  ImGui::SliderScalar("learning rate", ImGuiDataType_Double, &c.lr, &lr_lo, &lr_hi, "%.2g",
                      ImGuiSliderFlags_Logarithmic);
  c.lr = std::clamp(c.lr, lr_lo, lr_hi);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
  ImGui::SliderInt("steps", &c.steps, 100, 200000, "%d", ImGuiSliderFlags_Logarithmic);
  c.steps = std::clamp(c.steps, 1, 10000000);
  ImGui::Checkbox("stop at the Pareto front", &c.stop_at_front);
}

void starts_section(AppState& s) {
  StartPoints& sp = s.toy.controls.starts;
  ImGui::TextUnformatted("start points");
  help_marker(
      "In the parameter-space view: drag a point to move it, Ctrl+click (or 'add on click') "
      "to add one, right-click a point to remove it.");
  int remove = -1;
  for (int i = 0; i < sp.size(); ++i) {
    ImGui::PushID(i);
    float xy[2] = {static_cast<float>(sp.points()[i].x()), static_cast<float>(sp.points()[i].y())};
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
    if (ImGui::DragFloat2("##p", xy, 0.05f, -StartPoints::kBox, StartPoints::kBox, "%.2f"))
      sp.move(i, {xy[0], xy[1]});
    ImGui::SameLine();
    if (ImGui::SmallButton("remove")) remove = i;
    ImGui::PopID();
  }
  if (remove >= 0) sp.remove(remove);
  if (ImGui::Button("add (0, 0)")) sp.add({0, 0});
  ImGui::SameLine();
  if (ImGui::Button("the paper's five")) sp.reset_to_paper();
}

void view_section(AppState& s) {
  ViewTag& v = s.toy.controls.view;
  static const char* landscapes[] = {"L1", "L2", "mean (L1 + L2) / 2", "max(L1, L2)"};
  int l = static_cast<int>(v.landscape);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
  if (ImGui::Combo("landscape", &l, landscapes, 4)) v.landscape = static_cast<fig::Landscape>(l);
  static const char* palettes[] = {"paper (magma)", "viridis", "Okabe-Ito (per run)"};
  int p = static_cast<int>(v.palette);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
  if (ImGui::Combo("palette", &p, palettes, 3)) v.palette = static_cast<fig::Palette>(p);
  help_marker("viridis and Okabe-Ito are colour-blind safe.");
}

void status_section(AppState& s) {
  const auto& snap = s.toy.snapshot();
  if (!snap) {
    ImGui::TextDisabled("running the first simulation...");
    return;
  }
  if (!snap->ok()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.1f, 0.1f, 1));
    ImGui::TextWrapped("cannot run: %s", snap->error.c_str());
    ImGui::PopStyleColor();
  } else {
    int front = 0, steps = 0, other = 0;
    for (const auto& r : snap->result->runs) {
      if (r.stop.reason == toy::StopReason::front)
        ++front;
      else if (r.stop.reason == toy::StopReason::steps)
        ++steps;
      else
        ++other;
    }
    ImGui::Text("%d runs in %.0f ms: %d reached the front, %d used all steps%s",
                static_cast<int>(snap->result->runs.size()), snap->sim_seconds * 1e3, front, steps,
                other ? ", some stopped early" : "");
  }
  if (s.toy.busy()) ImGui::TextDisabled("updating...");
  if (!s.message.empty()) ImGui::TextDisabled("%s", s.message.c_str());
}

}  // namespace

void draw_controls_panel(AppState& s) {
  if (!s.windows.controls) return;
  if (!ImGui::Begin(kControlsTitle, &s.windows.controls)) {
    ImGui::End();
    return;
  }
  method_section(s);
  ImGui::Separator();
  optimizer_section(s);
  ImGui::Separator();
  starts_section(s);
  ImGui::Separator();
  view_section(s);
  ImGui::Separator();
  draw_playback_controls(s);
  ImGui::Separator();
  if (ImGui::Button("Figure 1")) {
    s.compare.set_preset(CompareModel::Preset::figure1, s.toy.sim_settings());
    s.show_compare();
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The paper's Figure 1: FairGrad with alpha 0, 1, 2 and max-min");
  ImGui::SameLine();
  if (ImGui::Button("compare +")) {
    s.compare.add(s.toy.sim_settings());
    s.show_compare();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Add the current settings to the comparison");
  ImGui::SameLine();
  if (ImGui::Button("Export... (E)")) s.open_export = true;
  ImGui::SameLine();
  if (ImGui::Button("Help")) s.windows.help = true;
  ImGui::Separator();
  status_section(s);
  ImGui::End();
}

}  // namespace ps::gui
