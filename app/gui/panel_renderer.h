#pragma once
// Draws a fig::Panel (the figure model that the Cairo exporter also draws) into an ImGui draw
// list: heatmap, lines coloured by t, markers, axes with ticks, colour bar and legend. Sizes in
// the panel are in points; `px_per_pt` turns them into pixels. Long lines are decimated to the
// screen's resolution before they reach ImGui.
#include <imgui.h>

#include <cmath>
#include <functional>
#include <limits>
#include <vector>

#include "app/gui/screen_map.h"
#include "core/figure/figure_spec.h"

namespace ps::gui {

struct RenderOptions {
  float px_per_pt = 1.5f;
  // Playback: trajectory polylines end at simulation step `step_limit`, a dot marks each head,
  // and marker sets named "end..." are hidden. vertex_steps[k] holds the step of every vertex
  // of the k-th trajectory polyline (in drawing order); without it nothing is cut.
  double step_limit = std::numeric_limits<double>::infinity();
  const std::vector<std::vector<int>>* vertex_steps = nullptr;
  // The heatmap as a texture (one quad); empty: coarse filled rectangles (no GL, for tests).
  std::function<ImTextureID(const fig::Heatmap&)> heatmap_texture;

  bool playing() const { return vertex_steps && std::isfinite(step_limit); }
};

ImU32 to_imu32(const fig::Color& c, float alpha_scale = 1.0f);

// Pixels the axes need around the plot (tick labels, axis labels, colour bar).
struct Margins {
  float left = 0, right = 0, top = 0, bottom = 0;
};
Margins axes_margins(const fig::Panel& p, float font_px);

// Heatmap, lines and markers, clipped to the plot rectangle (markers may overhang a little).
void draw_content(ImDrawList* dl, const fig::Panel& p, const ScreenMap& m, const RenderOptions& o);
// Spines, ticks and tick labels for the shown range, axis labels, title.
void draw_axes(ImDrawList* dl, const fig::Panel& p, const ScreenMap& m, float font_px);
// The colour bar of the panel's heatmap to the right of the plot (nothing without one).
void draw_colorbar(ImDrawList* dl, const fig::Panel& p, const ScreenMap& m, float font_px);
void draw_legend(ImDrawList* dl, const fig::Panel& p, const ScreenMap& m, float font_px,
                 float px_per_pt);

// One polyline (exposed for tests): the number of vertices handed to ImGui is bounded by the
// pixels it covers, not by its length.
// `steps` (or null) gives each vertex's simulation step for the playback cut.
void draw_polyline(ImDrawList* dl, const fig::Polyline& line, const ScreenMap& m,
                   const RenderOptions& o, const std::vector<int>* steps = nullptr);
// The colour of a colour-mapped element at t in [0, 1] (its [cmap_lo, cmap_hi] share of the map).
fig::Color map_color(fig::ColormapId c, double lo, double hi, double t);
// RGBA texels of a heatmap, row 0 = the field's j = 0, NaN transparent.
std::vector<unsigned char> heatmap_rgba(const fig::Heatmap& h);
void draw_markers(ImDrawList* dl, const fig::MarkerSet& ms, const ScreenMap& m, float px_per_pt);

}  // namespace ps::gui
