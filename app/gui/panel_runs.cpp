// The Runs window: the runs root and its list (click to attach), the attached runs (colour,
// visibility, state, rows, skipped lines, detach), and steering for the selected run
// (panel_runs_steer.cpp).
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "app/gui/app_state.h"
#include "app/gui/panels.h"
#include "core/telemetry/records.h"

namespace ps::gui {
namespace {

using telemetry::RunState;

ImVec4 to_imvec(const fig::Color& c) {
  return ImVec4(float(c.r), float(c.g), float(c.b), float(c.a));
}

std::string size_text(std::int64_t bytes) {
  char buf[32];
  if (bytes < 1024)
    std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(bytes));
  else if (bytes < (1 << 20))
    std::snprintf(buf, sizeof buf, "%.1f kB", bytes / 1024.0);
  else
    std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1048576.0);
  return buf;
}

ImVec4 state_color(RunState st) {
  switch (st) {
    case RunState::live: return ImVec4(0.0f, 0.5f, 0.25f, 1);
    case RunState::error: return ImVec4(0.75f, 0.1f, 0.1f, 1);
    case RunState::interrupted: return ImVec4(0.7f, 0.4f, 0.0f, 1);
    default: return ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
  }
}

void list_section(AppState& s) {
  RunsModel& m = s.runs;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
  if (ImGui::InputText("runs root", &m.root, ImGuiInputTextFlags_EnterReturnsTrue))
    m.refresh_listing();
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The folder whose run directories are listed (each holds telemetry.jsonl)");
  ImGui::SameLine();
  if (ImGui::SmallButton("refresh")) m.refresh_listing();

  const auto& list = m.listing();
  if (list.empty()) {
    ImGui::TextDisabled("no runs under '%s'", m.root.c_str());
    return;
  }
  const float row_h = ImGui::GetTextLineHeightWithSpacing();
  const float h = row_h * (std::min<float>(float(list.size()), 8.0f) + 1.4f);
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("runs list", 5, flags, ImVec2(0, h))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("run", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("workload");
  ImGui::TableSetupColumn("method");
  ImGui::TableSetupColumn("state");
  ImGui::TableSetupColumn("size");
  ImGui::TableHeadersRow();
  int attach = -1;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const telemetry::RunDirInfo& r = list[i];
    const int at = m.find(r.dir);
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (ImGui::Selectable(r.name.c_str(), at >= 0, ImGuiSelectableFlags_SpanAllColumns))
      attach = static_cast<int>(i);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s\nclick to %s", r.dir.c_str(), at >= 0 ? "select" : "attach");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.workload.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.method.c_str());
    ImGui::TableNextColumn();
    const RunState st = at >= 0 ? m.runs()[at].watcher->status().state
                                : (r.live ? RunState::live : RunState::finished);
    ImGui::TextColored(state_color(st), "%s",
                       at >= 0 || r.live ? telemetry::to_string(st) : "not running");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(size_text(r.bytes).c_str());
    ImGui::PopID();
  }
  ImGui::EndTable();
  if (attach >= 0) m.attach(list[attach].dir);
}

// Skipped lines, with what kind in a tooltip (a torn last line is normal while a job writes).
void skipped_text(const telemetry::LogStats& st) {
  ImGui::Text("skipped %lld", static_cast<long long>(st.skipped()));
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "lines skipped while reading the log:\n"
        "  garbled %lld (not a JSON record)\n  truncated %lld (torn last line)\n"
        "  invalid %lld (breaks the format)\n  unknown %lld (newer record type)\n"
        "  overlong %lld",
        (long long)st.garbled, (long long)st.truncated, (long long)st.invalid,
        (long long)st.unknown, (long long)st.overlong);
}

void attached_section(AppState& s) {
  RunsModel& m = s.runs;
  ImGui::TextUnformatted("attached runs");
  if (m.runs().empty()) {
    ImGui::TextDisabled("none: click a run above, or Runs > Attach run directory...");
    return;
  }
  int detach = -1;
  for (int i = 0; i < static_cast<int>(m.runs().size()); ++i) {
    AttachedRun& r = m.runs()[i];
    const telemetry::WatchStatus st = r.watcher->status();
    ImGui::PushID(i);
    ImGui::ColorButton("##colour", to_imvec(r.color),
                       ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoDragDrop);
    ImGui::SameLine();
    ImGui::Checkbox("##visible", &r.visible);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("show in the monitor plots");
    ImGui::SameLine();
    const float detach_w = ImGui::CalcTextSize("detach").x + 2 * ImGui::GetStyle().FramePadding.x;
    if (ImGui::Selectable(r.label.c_str(), m.selected == i, 0,
                          ImVec2(ImGui::GetContentRegionAvail().x - detach_w - 8, 0)))
      m.selected = i;
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s\nclick to steer this run", r.watcher->dir().c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("detach")) detach = i;
    ImGui::Indent();
    ImGui::TextColored(state_color(st.state), "%s", telemetry::to_string(st.state));
    ImGui::SameLine();
    ImGui::Text("%lld rows", static_cast<long long>(st.rows));
    ImGui::SameLine();
    skipped_text(st.stats);
    if (!st.method.empty()) {
      ImGui::SameLine();
      ImGui::TextDisabled("%s %s", st.workload.c_str(), st.method.c_str());
    }
    if (st.state == RunState::waiting) {
      const std::filesystem::path dir(r.watcher->dir());
      const std::string log =
          dir.extension() == ".jsonl" ? dir.string() : (dir / telemetry::kLogFileName).string();
      ImGui::TextDisabled("waiting for %s", log.c_str());
    } else if (!st.error.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.1f, 0.1f, 1));
      ImGui::TextWrapped("%s", st.error.c_str());
      ImGui::PopStyleColor();
    }
    ImGui::Unindent();
    ImGui::PopID();
  }
  if (detach >= 0) m.detach(detach);
}

}  // namespace

void draw_runs_panel(AppState& s) {
  if (!ImGui::Begin(kRunsTitle)) {
    ImGui::End();
    return;
  }
  list_section(s);
  ImGui::Separator();
  attached_section(s);
  ImGui::Separator();
  draw_steer_section(s);
  ImGui::End();
}

}  // namespace ps::gui
