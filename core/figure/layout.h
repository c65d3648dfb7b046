#pragma once
// Fitting and layout shared by every renderer: axis ranges and ticks from the data, panel
// rectangles on the page in points (1/72 in, y down), and the data -> page transform.
#include <vector>

#include "core/figure/figure_spec.h"

namespace ps::fig {

struct Rect {
  double x = 0, y = 0, w = 0, h = 0;  // top-left corner, y down
};

// Resolves every auto range (data bounds padded by 5% as matplotlib does, a heatmap's rectangle
// exactly; the union over panels when share_x / share_y) and fills empty tick lists with nice
// ticks, about as many as the panel's width or height holds. Idempotent.
void fit_axes(FigureSpec& spec);

// Text sizes and spacing, all in points, derived from font_pt; both renderers use these.
struct TextStyle {
  double tick_pt = 8, label_pt = 10, title_pt = 9, caption_pt = 9, suptitle_pt = 10,
         legend_pt = 7.5;
  double tick_len_pt = 3.5, pad_pt = 3;
};
TextStyle text_style(const FigureSpec& spec);

struct PanelLayout {
  Rect cell;      // the panel's share of the page
  Rect plot;      // the axes area (equal aspect already applied)
  Rect colorbar;  // w == 0 when the panel has no colour bar
};

// Page size in points and one layout per panel. Text sizes are estimated from font_pt so the
// result does not depend on a font engine. Call after fit_axes().
struct FigureLayout {
  double width_pt = 0, height_pt = 0;
  Rect suptitle;  // h == 0 when none
  std::vector<PanelLayout> panels;
};
FigureLayout layout_figure(const FigureSpec& spec);

// Estimated width of `text` at `size_pt` (DejaVu Sans averages about 0.6 em per character).
double text_width_estimate(const std::string& text, double size_pt);

// Data -> page for one panel (log axes mapped by log10).
class PlotTransform {
 public:
  PlotTransform(const Rect& plot, const AxisSpec& x, const AxisSpec& y);
  Vec2 to_page(Vec2 data) const;
  double page_x(double x) const;
  double page_y(double y) const;
  const Rect& plot() const { return plot_; }

 private:
  Rect plot_;
  double x0_, x1_, y0_, y1_;
  bool logx_, logy_;
};

}  // namespace ps::fig
