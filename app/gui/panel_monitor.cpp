// The run monitor: a grid of plots of the attached runs (losses, rates, weights, shares, the
// solver, step time, gradient cosines) with a toolbar for the view options, linked x ranges,
// event marks, a hover readout and CSV export. The panels come from monitor_model.cpp; this
// file only lays them out, forwards the mouse, and draws the overlays that follow it.
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

#include "app/gui/app_state.h"
#include "app/gui/monitor_model.h"
#include "app/gui/panels.h"
#include "app/gui/plot_area.h"

namespace ps::gui {
namespace {

constexpr int kCols = 4, kRows = 2;  // 7 time-series plots and the cosine heatmap

// ImGui 1.86 has no std::string InputText: a fixed buffer kept beside the state.
bool input_string(const char* label, const char* hint, std::string& s) {
  char buf[1024];
  std::snprintf(buf, sizeof buf, "%s", s.c_str());
  if (!ImGui::InputTextWithHint(label, hint, buf, sizeof buf)) return false;
  s = buf;
  return true;
}

void export_popup(AppState& s) {
  MonitorExport& ex = s.monitor.exporter;
  if (ex.job.valid() && ex.job.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    const auto [report, ok] = ex.job.get();
    ex.report = report, ex.ok = ok;
  }
  if (ImGui::Button("Export CSV...")) ImGui::OpenPopup("monitor_export");
  if (!ImGui::BeginPopup("monitor_export")) return;
  ImGui::TextUnformatted("Every step of every attached run (nothing thinned), its events,");
  ImGui::TextUnformatted("evaluations and cosines: PREFIX-steps.csv, -events, -evals, -cosines.");
  ImGui::SetNextItemWidth(460);
  input_string("prefix", "empty: RUN_DIR/export, in each run's directory", ex.prefix);
  const bool busy = ex.job.valid();
  if (busy) ImGui::BeginDisabled();
  if (ImGui::Button(busy ? "exporting..." : "Export")) {
    auto targets = export_targets(s.runs, ex.prefix);
    ex.report.clear();
    ex.job = std::async(std::launch::async, [targets] {
      bool ok = true;
      std::string report = export_monitor_csv(targets, ok);
      return std::pair{std::move(report), ok};
    });
  }
  if (busy) ImGui::EndDisabled();
  if (!ex.report.empty()) {
    if (ex.ok)
      ImGui::TextUnformatted(ex.report.c_str());
    else
      ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "%s", ex.report.c_str());
  }
  ImGui::EndPopup();
}

void draw_toolbar(AppState& s) {
  MonitorOptions& o = s.runs.view;
  MonitorState& m = s.monitor;
  ImGui::SetNextItemWidth(110);
  int xa = static_cast<int>(o.x_axis);
  if (ImGui::Combo("x", &xa, "step\0wall time\0")) {
    o.x_axis = static_cast<telemetry::XAxis>(xa);
    monitor_follow(m, o);  // the old range means nothing on the new axis
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120);
  ImGui::SliderFloat("smoothing", &o.smoothing, 0.0f, 0.99f, "%.2f");
  ImGui::SameLine();
  ImGui::Checkbox("raw", &o.show_raw);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("the raw curve, faint, behind the smoothed one");
  ImGui::SameLine();
  ImGui::TextDisabled("log y:");
  ImGui::SameLine();
  ImGui::Checkbox("loss", &o.log_loss);
  ImGui::SameLine();
  ImGui::Checkbox("rate", &o.log_rate);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("negative rates drop out of a log axis");
  ImGui::SameLine();
  ImGui::Checkbox("weight", &o.log_weight);
  ImGui::SameLine();
  ImGui::Checkbox("time", &o.log_time);
  ImGui::SameLine();
  bool follow = o.follow_live;
  if (ImGui::Checkbox("follow live", &follow)) {
    if (follow)
      monitor_follow(m, o);
    else
      monitor_user_range(m, o, 0, m.plots.ranges[0]);  // pause where the plots are now
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("fit all data as it grows; pan or zoom a plot to pause, double-click to refit");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(140);
  const auto& tasks = m.plots.tasks;
  const std::string cur = m.task >= 0 && m.task < static_cast<int>(tasks.size()) ? tasks[m.task]
                                                                                  : "all tasks";
  if (ImGui::BeginCombo("tasks", cur.c_str())) {
    if (ImGui::Selectable("all tasks", m.task < 0)) m.task = -1;
    for (int t = 0; t < static_cast<int>(tasks.size()); ++t)
      if (ImGui::Selectable(tasks[t].c_str(), m.task == t)) m.task = t;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  export_popup(s);
}

// What the colours mean (the losses panel's legend), in a strip above the plots: inside a plot
// ten tasks' names would hide the data.
void draw_legend_strip(const AppState& s) {
  const auto& legend = s.monitor.plots.panels[0].legend;
  if (legend.empty()) return;
  const float right = ImGui::GetWindowContentRegionMax().x;
  ImGui::TextDisabled("colours:");
  for (const fig::LegendEntry& e : legend) {
    const std::string text = "■ " + e.label;
    const float w = ImGui::CalcTextSize(text.c_str()).x + ImGui::GetStyle().ItemSpacing.x;
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() + w > right) ImGui::NewLine();
    ImGui::TextColored(ImVec4(e.color.r, e.color.g, e.color.b, 1), "%s", text.c_str());
  }
  const MonitorOptions& o = s.runs.view;
  if (o.smoothing > 0 && o.show_raw) {
    ImGui::SameLine();
    ImGui::TextDisabled("   (smoothed; raw faint behind)");
  }
}

// The empty states: nothing attached, or nothing logged yet. True when there is nothing to plot.
bool draw_empty_state(const AppState& s) {
  const auto& runs = s.runs.runs();
  if (runs.empty()) {
    ImGui::TextDisabled("No run attached.");
    ImGui::TextDisabled("Attach a run: Runs > Attach, or paretoscope --attach RUN_DIR");
    return true;
  }
  bool any_rows = false;
  for (const AttachedRun& r : runs)
    if (r.visible && r.watcher && r.watcher->status().rows > 0) any_rows = true;
  if (any_rows) return false;
  for (const AttachedRun& r : runs) {
    if (!r.watcher) continue;
    const telemetry::WatchStatus st = r.watcher->status();
    if (st.state == telemetry::RunState::error)
      ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "%s: %s", r.label.c_str(), st.error.c_str());
    else if (!r.visible)
      ImGui::TextDisabled("%s: hidden", r.label.c_str());
    else
      ImGui::TextDisabled("%s: waiting for %s/%s", r.label.c_str(), r.watcher->dir().c_str(),
                          telemetry::kLogFileName);
  }
  return true;
}

// Short labels of the events near the top of a plot, in rows so that none overlap.
void draw_event_labels(const PlotArea& a, const std::vector<EventMark>& events) {
  ImDrawList* dl = a.draw_list();
  const ScreenMap& m = a.map();
  const float fpx = a.font_px() * 0.9f;
  ImFont* font = ImGui::GetFont();
  std::vector<float> row_end;
  dl->PushClipRect(m.min(), m.max(), true);
  for (const EventMark& e : events) {
    const float x = m.px_of_axis_x(e.x);
    if (x < m.min().x || x > m.max().x || e.kind == "run_started") continue;
    const ImVec2 sz = font->CalcTextSizeA(fpx, 1e9f, 0, e.label.c_str());
    // Right of the line, or left of it where the plot ends first; the first row that is free.
    float lx = x + 4 + sz.x <= m.max().x ? x + 3 : x - 3 - sz.x;
    lx = std::max(lx, m.min().x + 2);  // wider than either side: keep it whole, over the line
    size_t row = 0;
    while (row < row_end.size() && row_end[row] > lx) ++row;
    if (row >= 4) continue;  // crowded: the hover still tells
    if (row == row_end.size()) row_end.push_back(0);
    row_end[row] = lx + sz.x + 6;
    const ImVec2 at{lx, m.min().y + 2 + row * (sz.y + 2)};
    dl->AddRectFilled({at.x - 1, at.y}, {at.x + sz.x + 1, at.y + sz.y},
                      IM_COL32(255, 255, 255, 210));
    dl->AddText(font, fpx, at, to_imu32(e.color), e.label.c_str());
  }
  dl->PopClipRect();
}

std::string value(float raw, float smooth, bool smoothed) {
  char buf[64];
  if (!std::isfinite(raw)) return "-";
  if (smoothed && std::isfinite(smooth))
    std::snprintf(buf, sizeof buf, "%.4g (%.4g)", raw, smooth);
  else
    std::snprintf(buf, sizeof buf, "%.4g", raw);
  return buf;
}

void draw_readout_tooltip(const AppState& s, const std::vector<RowReadout>& rs,
                          const std::vector<const EventMark*>& near) {
  ImGui::BeginTooltip();
  for (const EventMark* e : near)
    ImGui::TextColored(ImVec4(e->color.r, e->color.g, e->color.b, 1), "%s", e->message.c_str());
  const bool smoothed = s.runs.view.smoothing > 0;
  for (const RowReadout& r : rs) {
    if (r.row < 0) continue;
    ImGui::PushID(&r);  // each run's table its own column widths
    if (!near.empty() || &r != &rs.front()) ImGui::Separator();
    ImGui::TextColored(ImVec4(r.color.r, r.color.g, r.color.b, 1), "%s", r.run.c_str());
    ImGui::SameLine();
    ImGui::Text("step %lld, epoch %d, %.1f s", static_cast<long long>(r.step), r.epoch, r.wall);
    if (ImGui::BeginTable("readout", 5, ImGuiTableFlags_SizingFixedFit)) {
      for (const char* h : {"task", "loss", "rate gᵢ·d", "weight", "share"})
        ImGui::TableSetupColumn(h);
      ImGui::TableHeadersRow();
      for (const TaskReadout& t : r.tasks) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(t.name.c_str());
        for (const auto& [a, b] : {std::pair{t.loss, t.loss_s}, std::pair{t.rate, t.rate_s},
                                   std::pair{t.weight, t.weight_s}, std::pair{t.share, t.share_s}}) {
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(value(a, b, smoothed).c_str());
        }
      }
      ImGui::EndTable();
    }
    ImGui::Text("solver %s, %d iterations, residual %.3g; step %.3g ms (method %.3g ms)",
                r.status.empty() ? "-" : r.status.c_str(), r.iterations, r.residual, r.step_ms,
                r.method_ms);
    if (!r.eval.empty()) ImGui::TextDisabled("%s", r.eval.c_str());
    ImGui::PopID();
  }
  if (smoothed) ImGui::TextDisabled("values: raw (smoothed)");
  ImGui::EndTooltip();
}

void draw_cosine_cell(AppState& s, ImVec2 size, const RenderOptions& o) {
  MonitorState& m = s.monitor;
  PlotArea a("##cosine", m.cosine, m.cosine_view, size);
  a.draw(o, s.plot_caches,
         m.cosine_version * 7919 + static_cast<std::uint64_t>(m.cosine_record + 2) * 31 +
             static_cast<std::uint64_t>(m.cosine_run + 1));
  if (!a.hovered() || m.cosine.heatmap.empty()) return;
  const fig::ScalarField& f = m.cosine.heatmap.front().field;
  const int i = static_cast<int>(std::lround(a.map().x_of(a.mouse().x))) - 1;
  const int j = static_cast<int>(std::lround(a.map().y_of(a.mouse().y))) - 1;
  if (i < 0 || j < 0 || i >= f.nx || j >= f.ny) return;
  ImGui::SetTooltip("cos(g%d, g%d) = %.3f", i + 1, j + 1, f.at(i, j));
}

}  // namespace

void draw_monitor_panel(AppState& s) {
  if (!ImGui::Begin(kMonitorTitle)) {
    ImGui::End();
    return;
  }
  draw_toolbar(s);
  if (draw_empty_state(s)) {
    s.monitor.hover_x = NAN;
    ImGui::End();
    return;
  }
  MonitorState& m = s.monitor;
  draw_legend_strip(s);
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 cell{std::max(80.0f, (avail.x - (kCols - 1) * gap) / kCols),
                    std::max(80.0f, (avail.y - (kRows - 1) * gap) / kRows)};
  // Decimate to about the plot's own width (the cell less the axes' margins).
  const int columns = std::max(16, static_cast<int>(cell.x - ImGui::GetFontSize() * 4.4f));
  update_monitor(m, s.runs, columns);

  const ImVec2 top = ImGui::GetCursorScreenPos();
  std::optional<PlotArea> areas[kMonitorPlots];
  double hover = NAN;
  int hovered_plot = -1;
  for (int p = 0; p < kMonitorPlots; ++p) {
    ImGui::SetCursorScreenPos({top.x + (p % kCols) * (cell.x + gap), top.y + (p / kCols) * (cell.y + gap)});
    ImGui::PushID(p);
    PlotArea& a = areas[p].emplace("##monitor", m.plots.panels[p], m.views[p], cell);
    ImGui::PopID();
    if (a.interact()) {
      // A double-click refits (the view follows again): follow live; a pan or zoom pauses it.
      if (m.views[p].following())
        monitor_follow(m, s.runs.view);
      else
        monitor_user_range(m, s.runs.view, p, a.map().range());
    }
    if (a.hovered()) hover = a.map().x_of(a.mouse().x), hovered_plot = p;
  }
  m.hover_x = hover;

  RenderOptions o;
  o.px_per_pt = s.px_per_pt;
  for (int p = 0; p < kMonitorPlots; ++p) {
    PlotArea& a = *areas[p];
    a.draw(o, s.plot_caches, m.revision);
    if (p < kCols) draw_event_labels(a, m.plots.events);
    if (std::isfinite(hover)) {
      const float x = a.map().px_of_axis_x(hover);
      if (x >= a.map().min().x && x <= a.map().max().x)
        a.draw_list()->AddLine({x, a.map().min().y}, {x, a.map().max().y},
                               IM_COL32(0, 0, 0, 110), 1.0f);
    }
  }
  ImGui::SetCursorScreenPos({top.x + 3 * (cell.x + gap), top.y + cell.y + gap});
  draw_cosine_cell(s, cell, o);

  if (hovered_plot >= 0) {
    // Events within a few pixels of the cursor: their messages head the tooltip.
    const PlotArea& a = *areas[hovered_plot];
    std::vector<const EventMark*> near;
    for (const EventMark& e : m.plots.events)
      if (std::abs(a.map().px_of_axis_x(e.x) - a.mouse().x) <= 4) near.push_back(&e);
    draw_readout_tooltip(s, monitor_readouts(s.runs, hover), near);
  }
  ImGui::SetCursorScreenPos({top.x, top.y + kRows * cell.y + gap});
  ImGui::End();
}

}  // namespace ps::gui
