#pragma once
// Draws a fig::Panel (the figure model that the Cairo exporter also draws) into an ImGui draw
// list: heatmap, lines coloured by t, markers, axes with ticks, colour bar and legend. Sizes in
// the panel are in points; `px_per_pt` turns them into pixels. Long lines are decimated to the
// screen's resolution before they reach ImGui.
#include <imgui.h>

#include <functional>

#include "app/gui/screen_map.h"
#include "core/figure/figure_spec.h"

namespace ps::gui {

struct RenderOptions {
  float px_per_pt = 1.5f;
  // Playback: trajectories (lines with t) end where t passes t_limit, a dot marks the head, and
  // marker sets named "end..." are hidden. 1 or more: everything.
  double t_limit = 1.0;
  // The heatmap as a texture (one quad); empty: coarse filled rectangles (no GL, for tests).
  std::function<ImTextureID(const fig::Heatmap&)> heatmap_texture;
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
void draw_polyline(ImDrawList* dl, const fig::Polyline& line, const ScreenMap& m,
                   const RenderOptions& o);
void draw_markers(ImDrawList* dl, const fig::MarkerSet& ms, const ScreenMap& m, float px_per_pt);

}  // namespace ps::gui
