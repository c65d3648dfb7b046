// Small multiples with shared axes: the comparison's FigureSpec (core/figure's builders, the
// same the export writes), one panel per cell in its grid.
#include <imgui.h>

#include <string>

#include "app/gui/app_state.h"
#include "app/gui/panel_renderer.h"
#include "app/gui/panels.h"

namespace ps::gui {
namespace {

void draw_figure(ImDrawList* dl, const fig::FigureSpec& f, float px_per_pt, ImVec2 origin,
                 ImVec2 avail) {
  const float cw = avail.x / f.cols, ch = avail.y / f.rows;
  const float font = ImGui::GetFontSize();
  RenderOptions o;
  o.px_per_pt = px_per_pt;
  for (size_t i = 0; i < f.panels.size(); ++i) {
    const fig::Panel& p = f.panels[i];
    if (p.lines.empty() && p.markers.empty()) continue;  // an empty grid cell
    const int r = static_cast<int>(i) / f.cols, c = static_cast<int>(i) % f.cols;
    const Margins m = axes_margins(p, font);
    const ImVec2 lo{origin.x + c * cw + m.left, origin.y + r * ch + m.top};
    const ImVec2 hi{origin.x + (c + 1) * cw - m.right, origin.y + (r + 1) * ch - m.bottom};
    if (hi.x - lo.x < 20 || hi.y - lo.y < 20) continue;
    const ScreenMap map(lo, hi, {p.x.min, p.x.max, p.y.min, p.y.max});
    draw_content(dl, p, map, o);
    draw_axes(dl, p, map, font);
    draw_legend(dl, p, map, font, px_per_pt);
  }
}

}  // namespace

void draw_compare_tab(AppState& s) {
  CompareModel& cm = s.compare;
  const toy::SimSettings base = s.toy.sim_settings();
  if (ImGui::Button("Figure 1")) cm.set_preset(CompareModel::Preset::figure1, base);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("FairGrad with alpha 0, 1, 2 and max-min: the paper's Figure 1");
  ImGui::SameLine();
  if (ImGui::Button("alpha presets")) cm.set_preset(CompareModel::Preset::alpha_sweep, base);
  ImGui::SameLine();
  if (ImGui::Button("methods")) cm.set_preset(CompareModel::Preset::methods, base);
  ImGui::SameLine();
  if (ImGui::Button("add current")) cm.add(base);
  ImGui::SameLine();
  if (ImGui::Button("clear")) cm.clear();
  ImGui::SameLine();
  if (ImGui::Button("export...")) {
    s.exporter.options.what = cm.figure1_mode() ? ExportWhat::figure1 : ExportWhat::compare;
    s.open_export = true;
  }
  ImGui::SameLine();
  if (cm.size() == 0)
    ImGui::TextDisabled("empty: pick a preset or add the current settings");
  else if (cm.finished() < cm.size())
    ImGui::TextDisabled("running %d of %d...", cm.size() - cm.finished(), cm.size());
  else
    ImGui::TextDisabled("%d settings, shared axes", cm.size());
  if (!cm.error().empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.1f, 0.1f, 1));
    ImGui::TextWrapped("%s", cm.error().c_str());
    ImGui::PopStyleColor();
  }
  if (const fig::FigureSpec* f = cm.figure()) {
    const ImVec2 origin = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
    auto paint = [&](ImDrawList* dl) { draw_figure(dl, *f, s.px_per_pt, origin, avail); };
    if (s.plot_caches)
      s.plot_caches->get(ImGui::GetID("##figure"))
          .draw(ImGui::GetWindowDrawList(), origin, {origin.x + avail.x, origin.y + avail.y},
                {cm.revision(), f, {}, s.px_per_pt}, paint);
    else
      paint(ImGui::GetWindowDrawList());
    ImGui::Dummy(avail);
  }
}

}  // namespace ps::gui
