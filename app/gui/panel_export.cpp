// The Export dialog: what to draw, format, size in inches, DPI, palette, CSV; core/figure's
// builders and Cairo exporter do the work on a background thread.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/gui/app_state.h"
#include "app/gui/panels.h"

namespace ps::gui {

void draw_export_dialog(AppState& s) {
  ExportOptions& o = s.exporter.options;
  if (s.open_export) {
    ImGui::OpenPopup(kExportTitle);
    s.open_export = false;
  }
  ImGui::SetNextWindowSize(ImVec2(520, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(kExportTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;

  ImGui::TextUnformatted("what");
  int what = static_cast<int>(o.what);
  for (ExportWhat w : {ExportWhat::loss, ExportWhat::landscape, ExportWhat::both,
                       ExportWhat::figure1, ExportWhat::compare})
    if (ImGui::RadioButton(to_string(w), what == static_cast<int>(w))) {
      o.what = w;
      default_size(w, s.compare.size(), o.width_in, o.height_in);
    }
  ImGui::Separator();
  int fmt = static_cast<int>(o.format);
  ImGui::TextUnformatted("format");
  for (fig::Format f : {fig::Format::pdf, fig::Format::svg, fig::Format::png}) {
    ImGui::SameLine();
    if (ImGui::RadioButton(fig::to_string(f), fmt == static_cast<int>(f))) o.format = f;
  }
  ImGui::SetNextItemWidth(200);
  double size[2] = {o.width_in, o.height_in};
  if (ImGui::InputScalarN("size (inches)", ImGuiDataType_Double, size, 2, nullptr, nullptr,
                          "%.2f")) {
    o.width_in = std::clamp(size[0], 0.5, 40.0);
    o.height_in = std::clamp(size[1], 0.5, 40.0);
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("default"))
    default_size(o.what, s.compare.size(), o.width_in, o.height_in);
  ImGui::SetNextItemWidth(200);
  ImGui::BeginDisabled(o.format != fig::Format::png);
  if (ImGui::InputDouble("DPI (PNG)", &o.dpi, 50, 100, "%.0f"))
    o.dpi = std::clamp(o.dpi, 36.0, 1200.0);
  ImGui::EndDisabled();
  ImGui::SetNextItemWidth(200);
  if (ImGui::InputDouble("font (pt)", &o.font_pt, 0.5, 1, "%.1f"))
    o.font_pt = std::clamp(o.font_pt, 4.0, 24.0);
  static const char* palettes[] = {"paper (magma, by time)", "viridis (colour-blind safe)",
                                   "Okabe-Ito per run (colour-blind safe)"};
  int pal = static_cast<int>(o.palette);
  ImGui::SetNextItemWidth(300);
  if (ImGui::Combo("palette", &pal, palettes, 3)) o.palette = static_cast<fig::Palette>(pal);
  ImGui::Checkbox("CSV of the plotted data beside it", &o.csv);
  ImGui::SetNextItemWidth(300);
  ImGui::InputText("file", &o.base_path);
  ImGui::TextDisabled("-> %s", export_path(o).c_str());
  ImGui::Separator();

  ImGui::BeginDisabled(s.exporter.running());
  if (ImGui::Button("Export", ImVec2(120, 0))) {
    const auto& snap = s.toy.snapshot();
    const bool f1 = s.compare.figure1_mode() && s.compare.figure() != nullptr;
    s.exporter.start(snap ? snap->result : nullptr, s.compare.results(), f1,
                     s.toy.controls.view.landscape);
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Close", ImVec2(120, 0)) ||
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
    ImGui::CloseCurrentPopup();
  if (!s.exporter.status().empty()) {
    if (s.exporter.failed()) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.1f, 0.1f, 1));
    ImGui::TextWrapped("%s", s.exporter.status().c_str());
    if (s.exporter.failed()) ImGui::PopStyleColor();
  }
  ImGui::EndPopup();
}

}  // namespace ps::gui
