#pragma once
// Small pieces the toy views share: render options from the app state (playback cut, line
// scale, heatmap texture), the marker that follows the per-step plots' cursor, and the notes
// drawn over a plot (errors, "updating").
#include <vector>

#include "app/gui/panel_renderer.h"

namespace ps::gui {

struct AppState;
class PlotArea;

RenderOptions render_options(const AppState& s, const std::vector<std::vector<int>>& steps);
// A ring on the selected trajectory at the step hovered in the per-step plots.
void draw_hover_marker(const AppState& s, const PlotArea& area, bool in_x);
// The run's error (in red) and an "updating" note while a newer run is on its way.
void draw_plot_notes(const AppState& s, const PlotArea& area);

}  // namespace ps::gui
