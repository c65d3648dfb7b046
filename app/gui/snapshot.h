#pragma once
// One finished simulation as the views see it: the settings it ran with, the result (or why
// there is none), and the figure panels built from it on the worker. Immutable once published.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/gui/plot_view.h"
#include "core/figure/figure_spec.h"
#include "core/figure/toy_figures.h"
#include "toy/simulator.h"

namespace ps::gui {

// View options that decide how panels are built (not how the simulation runs).
struct ViewTag {
  fig::Landscape landscape = fig::Landscape::mean;
  fig::Palette palette = fig::Palette::paper;
  bool operator==(const ViewTag&) const = default;
};

struct Snapshot {
  uint64_t version = 0;
  toy::SimSettings settings;
  ViewTag tag;
  std::shared_ptr<const toy::SimResult> result;  // null when the run failed
  std::string error;                             // why there is no result (one line, for people)
  double sim_seconds = 0;                        // wall time of the simulation
  double build_seconds = 0;  // wall time of the finish hook (building the panels)
  std::chrono::steady_clock::time_point submitted_at;
  int last_step = 0;  // the longest trajectory's final step (the playback length)

  // Built by the worker's finish hook (scene_builder.h; empty when no hook ran), with the
  // simulation step of every vertex of each trajectory polyline, for playback.
  fig::Panel loss;
  fig::Panel landscape;
  std::vector<std::vector<int>> loss_steps, landscape_steps;
  Range2 loss_fit, landscape_fit;  // fitted_range() of the two panels

  bool ok() const { return result != nullptr; }
};

}  // namespace ps::gui
