#include "app/gui/steer_draft.h"

#include <charconv>
#include <cmath>
#include <exception>

namespace ps::gui {
namespace {

using telemetry::MethodConfig;

std::string number(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// Defaults filled in when the registry knows the method; left as logged otherwise (a newer job's
// method: shown, not editable).
MethodConfig completed(MethodConfig c) {
  try {
    return telemetry::resolve_config(c.method, c.params);
  } catch (const std::exception&) {
    return c;
  }
}

ParamValues to_values(const std::vector<std::pair<std::string, double>>& v) {
  return ParamValues(v.begin(), v.end());
}

}  // namespace

MethodConfig run_config(const telemetry::RunLog& log) {
  const auto& headers = log.headers();
  if (headers.empty()) return {};
  const auto& h = headers.back();
  MethodConfig c{h.header.method, to_values(h.header.params)};
  // Events of the newest segment in log order; the job logs each applied change as one, with the
  // complete configuration after it.
  for (const auto& e : log.events()) {
    if (e.row < h.first_row || e.event.method.empty()) continue;
    c = {e.event.method, to_values(e.event.params)};
  }
  return completed(std::move(c));
}

std::string set_command(const MethodConfig& from, const MethodConfig& to) {
  std::string cmd;
  ParamValues base = from.params;
  if (to.method != from.method && !to.method.empty()) {
    cmd += " method=" + to.method;
    try {  // what the job will make of the switch alone (shared parameters carry over)
      base = telemetry::apply_assignments(from, {{"method", to.method, 0, false}}).params;
    } catch (const std::exception&) {
      base.clear();  // an unknown method: name every parameter; the job will say what is wrong
    }
  }
  for (const auto& [name, value] : to.params) {
    const auto it = base.find(name);
    if (it != base.end() && (it->second == value || (std::isnan(value) && std::isnan(it->second))))
      continue;
    cmd += " " + name + "=" + number(value);
  }
  return cmd.empty() ? std::string() : "set" + cmd;
}

void SteerDraft::sync(const std::string& dir, const MethodConfig& now, std::uint64_t version) {
  log_version = version;
  if (dir != run_dir) {
    run_dir = dir;
    running = edit = now;
    confirm_stop = false;
    return;
  }
  if (now.method == running.method && now.params == running.params) return;
  const bool untouched = !edited();
  running = now;
  if (untouched) edit = now;
}

void SteerDraft::set_method(const std::string& method) {
  if (method == edit.method) return;
  if (method == running.method) {  // back to what the job does: its own values
    edit = running;
    return;
  }
  try {
    edit = telemetry::apply_assignments(edit, {{"method", method, 0, false}});
  } catch (const std::exception&) {
    edit = {method, {}};
  }
}

}  // namespace ps::gui
