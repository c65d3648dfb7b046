#pragma once
// The per-step plots of one trajectory as figure panels: the method's weights w_i, the rates
// g_i^T d (each task's loss-decrease rate), and both losses, against the step. Every recorded
// step is kept; the renderer decimates per pixel column when drawing.
#include <array>
#include <optional>

#include "core/figure/figure_spec.h"
#include "toy/simulator.h"

namespace ps::gui {

enum class StepPlot { weights, rates, losses };
inline constexpr std::array<StepPlot, 3> kStepPlots{StepPlot::weights, StepPlot::rates,
                                                    StepPlot::losses};

// Task i's colour in every per-step plot (Okabe-Ito blue and vermillion).
fig::Color task_color(int i);

fig::Panel step_panel(const toy::Trajectory& tr, StepPlot which, bool log_y = false);

// The record at or just before `step` (records may be thinned), or nullopt when empty.
std::optional<toy::StepRecord> record_at(const toy::Trajectory& tr, double step);

}  // namespace ps::gui
