#pragma once
// The run monitor's gradient cosine heatmap: which cosine record to show and its K x K panel.
// Pure: no ImGui.
#include <cstdint>
#include <string>

#include "core/figure/figure_spec.h"
#include "core/telemetry/run_log.h"

namespace ps::gui {

// The cosine record of `log` to show: the last one at or before `step`, or the newest when
// step < 0; -1 when the log has none.
std::ptrdiff_t cosine_record_at(const telemetry::RunLog& log, std::int64_t step);
// The K x K heatmap of record i (diverging colours over [-1, 1], colour bar), titled with its
// step; a panel with only a title when there is none.
fig::Panel cosine_panel(const telemetry::RunLog& log, std::ptrdiff_t i, const std::string& run);

}  // namespace ps::gui
