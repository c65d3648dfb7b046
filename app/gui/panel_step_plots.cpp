// Per-step plots of the selected trajectory: the weights w_i, the rates g_i^T d and both
// losses against the step, with a shared hover readout and the playback cursor.
#include <imgui.h>

#include <cstdio>
#include <optional>
#include <string>

#include "app/gui/app_state.h"
#include "app/gui/panels.h"
#include "app/gui/plot_area.h"

namespace ps::gui {
namespace {

void rebuild(AppState& s, const Snapshot& snap) {
  StepPlotsState& st = s.steps;
  const int run = s.toy.selected_run;
  if (st.version == snap.version && st.run == run && st.built_log == st.log_weights) return;
  const bool new_data = st.version != snap.version || st.run != run;
  st.version = snap.version, st.run = run, st.built_log = st.log_weights;
  if (!snap.ok() || run < 0 || run >= static_cast<int>(snap.result->runs.size())) {
    for (auto& p : st.panels) p = fig::Panel{};
    return;
  }
  const toy::Trajectory& tr = snap.result->runs[run];
  for (size_t k = 0; k < kStepPlots.size(); ++k) {
    const bool log = kStepPlots[k] == StepPlot::weights && st.log_weights;
    st.panels[k] = step_panel(tr, kStepPlots[k], log);
    st.views[k].set_fit(fitted_range(st.panels[k]));
    if (new_data || kStepPlots[k] == StepPlot::weights) st.views[k].refit();
  }
}

std::string run_label(const toy::Trajectory& tr, int i) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "run %d from (%g, %g): %s at step %d", i + 1, tr.start.x(),
                tr.start.y(), toy::to_string(tr.stop.reason), tr.stop.step);
  return buf;
}

}  // namespace

void draw_step_plots_tab(AppState& s) {
  const auto& snap = s.toy.snapshot();
  if (!snap || !snap->ok()) {
    ImGui::TextDisabled(snap ? "no run to show" : "running...");
    return;
  }
  const auto& runs = snap->result->runs;
  int& sel = s.toy.selected_run;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
  if (ImGui::BeginCombo("trajectory", sel < static_cast<int>(runs.size())
                                          ? run_label(runs[sel], sel).c_str()
                                          : "")) {
    for (int i = 0; i < static_cast<int>(runs.size()); ++i)
      if (ImGui::Selectable(run_label(runs[i], i).c_str(), i == sel)) sel = i;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::Checkbox("log weights", &s.steps.log_weights);
  if (sel < static_cast<int>(runs.size()) && !runs[sel].stop.detail.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", runs[sel].stop.detail.c_str());
  }
  rebuild(s, *snap);

  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float w = (ImGui::GetContentRegionAvail().x - 2 * gap) / 3;
  const float h = ImGui::GetContentRegionAvail().y;
  double hover = -1;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  PlotArea* areas[3] = {};
  std::optional<PlotArea> storage[3];
  for (int k = 0; k < 3; ++k) {
    ImGui::SetCursorScreenPos({top.x + k * (w + gap), top.y});
    ImGui::PushID(k);
    storage[k].emplace("##step", s.steps.panels[k], s.steps.views[k], ImVec2(w, h));
    ImGui::PopID();
    areas[k] = &*storage[k];
    areas[k]->interact();
    if (areas[k]->hovered()) hover = areas[k]->map().x_of(areas[k]->mouse().x);
  }
  s.steps.hover_step = hover;
  RenderOptions o;
  o.px_per_pt = s.px_per_pt;
  const toy::Trajectory& tr = runs[std::min<size_t>(sel, runs.size() - 1)];
  const auto rec = hover >= 0 ? record_at(tr, hover) : std::nullopt;
  for (int k = 0; k < 3; ++k) {
    PlotArea& a = *areas[k];
    // The panels are rebuilt (new addresses' contents) when the run, trajectory or scale change.
    a.draw(o, s.plot_caches, s.steps.version * 4099 + s.steps.run * 2 + s.steps.built_log);
    ImDrawList* dl = a.draw_list();
    auto vline = [&](double step, ImU32 col) {
      const float x = a.map().px_of_axis_x(step);
      if (x >= a.map().min().x && x <= a.map().max().x)
        dl->AddLine({x, a.map().min().y}, {x, a.map().max().y}, col, 1.5f);
    };
    if (!s.toy.playback.at_end()) vline(s.toy.playback.cursor(), IM_COL32(200, 60, 60, 200));
    if (rec) vline(rec->step, IM_COL32(0, 0, 0, 120));
  }
  if (rec)
    ImGui::SetTooltip("step %d\nw = (%.4g, %.4g)\nrates = (%.4g, %.4g)\nL = (%.4g, %.4g)",
                      rec->step, rec->weights[0], rec->weights[1], rec->rates[0], rec->rates[1],
                      rec->losses[0], rec->losses[1]);
}

}  // namespace ps::gui
