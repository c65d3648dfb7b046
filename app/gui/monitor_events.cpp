#include "app/gui/monitor_events.h"

#include <algorithm>

namespace ps::gui {

fig::Color event_color(const std::string& kind) {
  if (kind == "params_changed") return {0.90, 0.45, 0.0, 1};
  if (kind == "method_changed") return {0.70, 0.30, 0.60, 1};
  if (kind == "run_resumed") return {0.0, 0.45, 0.70, 1};
  if (kind == "finished") return {0.0, 0.55, 0.40, 1};
  if (kind == "nan" || kind == "error") return {0.85, 0.15, 0.10, 1};
  return {0.35, 0.35, 0.35, 1};  // run_started, stopped, anything newer
}

std::string event_label(const telemetry::EventRecord& e) {
  if (e.kind == "run_started") return "start";
  if (e.kind == "run_resumed") return "resumed";
  if (e.kind == "params_changed" || e.kind == "method_changed") {
    // "alpha 2 -> 10 (steered: set alpha=10)" -> "alpha 2→10"
    std::string s = e.message.substr(0, e.message.find(" ("));
    for (size_t at; (at = s.find(" -> ")) != std::string::npos;) s.replace(at, 4, "→");
    if (s.empty()) s = e.kind == "method_changed" ? "→ " + e.method : "params";
    if (s.size() > 28) s = s.substr(0, 26) + "..";
    return s;
  }
  return e.kind;
}

double logged_x(const telemetry::RunLog& log, const telemetry::RunSeries& s, telemetry::XAxis a,
                std::size_t row, std::int64_t step, double time) {
  if (a == telemetry::XAxis::step) return static_cast<double>(step);
  const auto& hs = log.headers();
  if (hs.empty()) {
    const auto x = s.x(a);
    return x.empty() ? time : x[std::min(row, x.size() - 1)];
  }
  // The segment it was logged in: the last header that starts at or before its row.
  size_t h = 0;
  for (size_t i = 0; i < hs.size(); ++i)
    if (hs[i].first_row <= row) h = i;
  return hs[h].header.start_unix + time - hs.front().header.start_unix;
}

}  // namespace ps::gui
