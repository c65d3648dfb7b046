#pragma once
// A FigureSpec flattened to drawing primitives on the page, in points (1/72 in, y down):
// paths, text, images and markers. Renderers (Cairo here, ImGui in app/gui) only draw these,
// scaled by their pixels per point, so both show the same ticks, labels and layout.
#include <string>
#include <variant>
#include <vector>

#include "core/figure/figure_spec.h"
#include "core/figure/layout.h"

namespace ps::fig {

struct DrawPath {
  std::vector<Vec2> points;
  Color stroke{0, 0, 0, 1};  // a == 0: not stroked
  Color fill{0, 0, 0, 0};    // a == 0: not filled
  double width_pt = 1;
  bool dashed = false;
  bool closed = false;
  bool round = true;  // round caps and joins (data lines); false: butt caps, miter joins (axes)
  Rect clip;          // w == 0: no clipping
};

// Text anchored at `at`: align_x 0 left, 0.5 centre, 1 right of the real text width; align_y
// 0 top, 0.5 middle, 1 bottom of the font's ascent + descent. `vertical` rotates by -90 degrees
// (reads upward) about `at`.
struct DrawText {
  std::string text;
  Vec2 at;
  double size_pt = 8;
  double align_x = 0, align_y = 0;
  bool vertical = false;
  bool bold = false;
  Color color{0, 0, 0, 1};
};

// An RGBA raster (row 0 at the top) stretched over `dest`, smoothly interpolated.
struct DrawImage {
  Rect dest;
  int width = 0, height = 0;
  std::vector<Color> pixels;  // width * height
  Rect clip;
};

struct DrawMarker {
  Vec2 at;
  MarkerShape shape = MarkerShape::dot;
  double size_pt = 4;
  Color fill{0, 0, 0, 1};
  Color edge{0, 0, 0, 1};
  double edge_width_pt = 0.5;
};

using DrawItem = std::variant<DrawPath, DrawText, DrawImage, DrawMarker>;

struct DisplayList {
  double width_pt = 0, height_pt = 0;
  std::string font_family;
  std::vector<DrawItem> items;  // in drawing order
};

// Fits a copy of `spec` (fit_axes), lays it out and flattens it. Colour-mapped polylines become
// runs of equal colour; vertices closer than a fifth of a point to the last kept one are
// dropped (the data stay whole in the spec and its CSV).
DisplayList build_display_list(const FigureSpec& spec);

}  // namespace ps::fig
