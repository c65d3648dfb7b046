// The Runs window's "Steer" section: the selected run's method and parameters as the job runs
// them (from its log), controls to change them, Apply (a `set` command naming only what
// changed), Stop run (with confirmation), and the job's last reply.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "app/gui/alpha_slider.h"
#include "app/gui/app_state.h"
#include "app/gui/panels.h"

namespace ps::gui {
namespace {

using telemetry::RunState;

const MethodInfo* method_named(const std::string& name) {
  for (const MethodInfo& m : methods())
    if (m.name == name) return &m;
  return nullptr;
}

// One registry parameter within its range (the toy's controls use the same kinds of widget).
void param_widget(const ParamSpec& spec, double& v) {
  const double lo = spec.min_open ? std::nextafter(spec.min_value, spec.max_value) : spec.min_value;
  const double hi = spec.max_value;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
  if (spec.integer) {
    int i = static_cast<int>(std::clamp(v, -2e9, 2e9));
    if (ImGui::InputInt(spec.name.c_str(), &i)) v = std::clamp(static_cast<double>(i), lo, hi);
  } else if (std::isfinite(hi) && hi - lo <= 1e3) {
    const bool log = lo > 0 && hi / lo >= 100;
    ImGui::SliderScalar(spec.name.c_str(), ImGuiDataType_Double, &v, &lo, &hi, "%.4g",
                        log ? ImGuiSliderFlags_Logarithmic : 0);
    v = std::clamp(v, lo, hi);
  } else if (ImGui::InputDouble(spec.name.c_str(), &v, 0, 0, "%.6g",
                                ImGuiInputTextFlags_EnterReturnsTrue)) {
    v = std::clamp(v, lo, hi);
  }
  if (!spec.help.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", spec.help.c_str());
}

void method_controls(SteerDraft& d) {
  const MethodInfo* info = method_named(d.edit.method);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
  if (ImGui::BeginCombo("method", info ? info->label.c_str() : d.edit.method.c_str())) {
    for (const MethodInfo& m : methods()) {
      if (ImGui::Selectable(m.label.c_str(), m.name == d.edit.method)) d.set_method(m.name);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", m.description.c_str());
    }
    ImGui::EndCombo();
  }
  if (!info) {
    ImGui::TextDisabled("'%s' is not in this build's registry", d.edit.method.c_str());
    return;
  }
  for (const ParamSpec& spec : info->params) {
    double& v = d.edit.params[spec.name];
    if (d.edit.method == "fairgrad" && spec.name == "alpha") {
      ImGui::TextUnformatted("fairness \xCE\xB1");
      alpha_slider("alpha", v);
    } else {
      param_widget(spec, v);
    }
  }
  if (ImGui::TreeNode("loss transform")) {
    for (const ParamSpec& spec : wrapper_params()) {
      auto it = d.edit.params.find(spec.name);
      double v = it != d.edit.params.end() ? it->second : spec.default_value;
      param_widget(spec, v);
      d.edit.params[spec.name] = v;
    }
    ImGui::TreePop();
  }
}

// Why steering is off for a run that is not live.
const char* why_not(RunState st) {
  switch (st) {
    case RunState::waiting: return "the run has not started: no log yet";
    case RunState::finished: return "the run has finished";
    case RunState::interrupted: return "no job is listening: the run was interrupted";
    case RunState::error: return "the run's log cannot be read";
    default: return "";
  }
}

void reply_line(const RunsModel& m) {
  if (m.steering()) {
    ImGui::TextDisabled("waiting for the job's reply...");
    return;
  }
  const auto& r = m.last_reply();
  if (!r) return;
  ImGui::TextDisabled("%s", r->command.c_str());
  ImGui::PushStyleColor(ImGuiCol_Text,
                        r->ok ? ImVec4(0.0f, 0.5f, 0.2f, 1) : ImVec4(0.75f, 0.1f, 0.1f, 1));
  ImGui::TextWrapped("%s", r->reply.c_str());
  ImGui::PopStyleColor();
}

}  // namespace

void draw_steer_section(AppState& s) {
  RunsModel& m = s.runs;
  ImGui::TextUnformatted("steer");
  if (m.selected < 0 || m.selected >= static_cast<int>(m.runs().size())) {
    ImGui::TextDisabled("select an attached run to steer it");
    reply_line(m);
    return;
  }
  const int sel = m.selected;
  const AttachedRun& run = m.runs()[sel];
  const RunState st = run.watcher->status().state;
  SteerDraft& d = m.steer_draft;
  ImGui::SameLine();
  ImGui::TextColored(ImVec4(float(run.color.r), float(run.color.g), float(run.color.b), 1), "%s",
                     run.label.c_str());
  if (d.running.method.empty()) {
    ImGui::TextDisabled("no header yet: the method is not known");
    reply_line(m);
    return;
  }
  ImGui::TextWrapped("running: %s", telemetry::describe(d.running).c_str());

  const bool live = st == RunState::live;
  if (!live) ImGui::TextDisabled("steering is off: %s", why_not(st));
  ImGui::BeginDisabled(!live);
  method_controls(d);
  const std::string cmd = d.command();
  ImGui::BeginDisabled(cmd.empty() || m.steering());
  if (ImGui::Button("Apply")) m.steer(sel, cmd);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", !live          ? why_not(st)
                            : cmd.empty()  ? "nothing changed"
                            : m.steering() ? "a command is waiting for its reply"
                                           : cmd.c_str());
  ImGui::SameLine();
  ImGui::BeginDisabled(cmd.empty());
  if (ImGui::Button("Revert")) d.edit = d.running;
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (!d.confirm_stop) {
    if (ImGui::Button("Stop run")) d.confirm_stop = true;
  } else {
    ImGui::TextUnformatted("stop it?");
    ImGui::SameLine();
    if (ImGui::Button("Yes, stop") && m.steer(sel, "stop")) d.confirm_stop = false;
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) d.confirm_stop = false;
  }
  ImGui::EndDisabled();
  if (!live && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", why_not(st));
  if (live && !cmd.empty()) ImGui::TextDisabled("will send: %s", cmd.c_str());
  reply_line(m);
}

}  // namespace ps::gui
