#pragma once
// The figure model: a plot description built from data that both renderers draw the same way
// (Cairo for PDF/SVG/PNG in cairo_export.h, ImGui in app/gui). No Cairo or ImGui here.
//
// Pipeline, as in ImPlot: builders (toy_figures.h) fill a FigureSpec from data -> fit_axes()
// resolves ranges and ticks (axes.h) -> layout_figure() places panels in points and
// PlotTransform maps data to the page (layout.h) -> a renderer strokes what it is told.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/figure/colormap.h"

namespace ps::fig {

struct Vec2 {
  double x = 0, y = 0;
};

struct AxisSpec {
  std::string label;          // e.g. "ℓ1" (UTF-8); empty: none
  bool label_at_end = false;  // the paper's look: x label under the right end, y label atop
  bool auto_range = true;     // fit_axes() sets min/max from the data (padded, nicely rounded)
  double min = 0, max = 1;    // data range (used as given when auto_range is false)
  bool log = false;           // log10 scale (needs min > 0); honoured for y, and x alike
  std::vector<double> ticks;  // empty: nice 1-2-5 ticks from fit_axes()
};

// Values on an nx x ny grid of nodes spanning [x0, x1] x [y0, y1]: node (i, j) sits at
// (x0 + i (x1 - x0) / (nx - 1), y0 + j (y1 - y0) / (ny - 1)); values are row-major by j.
struct ScalarField {
  int nx = 0, ny = 0;
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  std::vector<double> values;  // nx * ny; NaN marks a hole
  double at(int i, int j) const { return values[static_cast<size_t>(j) * nx + i]; }
  double x_at(int i) const { return x0 + (x1 - x0) * i / (nx - 1); }
  double y_at(int j) const { return y0 + (y1 - y0) * j / (ny - 1); }
};

// A colour-mapped field drawn under everything else in its panel.
struct Heatmap {
  ScalarField field;
  ColormapId colormap = ColormapId::viridis;
  double cmap_lo = 0, cmap_hi = 1;  // the part of the colormap that [vmin, vmax] spans
  double vmin = std::numeric_limits<double>::quiet_NaN();  // NaN: the field's finite min
  double vmax = std::numeric_limits<double>::quiet_NaN();  // NaN: the field's finite max
  bool colorbar = true;
  std::string colorbar_label;
  std::vector<double> colorbar_ticks;  // empty: nice ticks of [vmin, vmax]
};

// What a series is, for the CSV's `kind` column and for renderers that style by kind.
enum class SeriesKind { trajectory, front, pareto_set, contour, line };
const char* to_string(SeriesKind k);

// A polyline in data coordinates. With `t` (one value in [0, 1] per point) each segment takes
// the colour of `colormap` at cmap_lo + t (cmap_hi - cmap_lo) of its start vertex (the reference
// plots use magma_r over [0.1, 0.6]); without `t` the line is `color`.
struct Polyline {
  std::string name;  // series name in the CSV and the legend
  SeriesKind kind = SeriesKind::line;
  std::vector<Vec2> points;
  std::vector<double> t;  // empty or points.size()
  ColormapId colormap = ColormapId::magma_r;
  double cmap_lo = 0, cmap_hi = 1;
  Color color{0, 0, 0, 1};
  double width_pt = 1.0;
  bool dashed = false;
  double level = std::numeric_limits<double>::quiet_NaN();  // contour level, when kind == contour
};

enum class MarkerShape { dot, cross, square, triangle, diamond, star };

struct MarkerSet {
  std::string name;  // series name in the CSV
  std::vector<Vec2> points;
  MarkerShape shape = MarkerShape::dot;
  Color fill{0, 0, 0, 1};
  Color edge{0, 0, 0, 1};
  double size_pt = 4.0;       // diameter
  double edge_width_pt = 0.5; // 0: no outline
};

struct LegendEntry {
  enum class Style { line, marker, gradient };  // gradient: a strip of `colormap` (time)
  std::string label;
  Style style = Style::line;
  Color color{0, 0, 0, 1};
  double width_pt = 1.5;
  bool dashed = false;
  MarkerShape shape = MarkerShape::dot;
  ColormapId colormap = ColormapId::magma_r;
  double cmap_lo = 0, cmap_hi = 1;
};

enum class LegendPlace { none, upper_right, upper_left, lower_right, lower_left };

// One plot: axes, optional heatmap and its contour lines, lines, markers, legend. Drawn in that
// order (heatmap, lines in order, markers, legend), clipped to the plot area except markers.
struct Panel {
  std::string title;    // above the plot
  std::string caption;  // below the plot, e.g. "(a) FairGrad (without fairness)"
  AxisSpec x, y;
  bool equal_aspect = false;  // one data unit is as long across as up
  bool open_axes = false;     // only left and bottom spines (the paper's look); else a box
  bool grid = false;          // faint lines at the ticks
  std::vector<Heatmap> heatmap;  // zero or one
  std::vector<Polyline> lines;
  std::vector<MarkerSet> markers;
  std::vector<LegendEntry> legend;
  LegendPlace legend_place = LegendPlace::upper_right;
};

// How builders colour trajectories: `paper` by time with magma_r (orange early -> purple late),
// `viridis` by time with viridis_r, `okabe_ito` one colour-blind-safe colour per start point.
enum class Palette { paper, viridis, okabe_ito };
const char* to_string(Palette p);
// "paper", "viridis", "okabe-ito"; throws ps::InputError listing the valid names.
Palette parse_palette(const std::string& name);

struct FigureSpec {
  double width_in = 7.0, height_in = 2.0;
  double dpi = 200;      // PNG only: pixels = inches * dpi
  double font_pt = 8.0;  // tick labels; titles and labels scale from it
  std::string font_family = "DejaVu Sans";
  Palette palette = Palette::paper;
  int rows = 1, cols = 1;
  std::vector<Panel> panels;  // row-major; at most rows * cols
  std::string suptitle;       // empty: none
  bool share_x = false;       // fit_axes() gives every panel the union x range
  bool share_y = false;
};

}  // namespace ps::fig
