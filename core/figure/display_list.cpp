#include "core/figure/display_list.h"

#include <algorithm>
#include <cmath>

#include "core/figure/ticks.h"

namespace ps::fig {
namespace {

constexpr Color kBlack{0, 0, 0, 1};
constexpr Color kAxis{0.15, 0.15, 0.15, 1};
constexpr Color kGrid{0.88, 0.88, 0.88, 1};
constexpr double kMinGapPt = 0.2;  // vertices closer than this on the page are not drawn

double tick_step(const AxisSpec& a) {
  return a.ticks.size() >= 2 ? std::abs(a.ticks[1] - a.ticks[0]) : 1.0;
}

bool inside(double v, double a, double b) {
  const double lo = std::min(a, b), hi = std::max(a, b), eps = 1e-9 * (hi - lo);
  return v >= lo - eps && v <= hi + eps;
}

// Titles and captions shrink (to 60% at most) rather than run into the next panel's.
double fitted_size(const std::string& text, double size_pt, double room_pt) {
  const double w = text_width_estimate(text, size_pt);
  return w <= 0.96 * room_pt ? size_pt : std::max(0.6 * size_pt, size_pt * 0.96 * room_pt / w);
}

DrawPath segment(Vec2 a, Vec2 b, Color c, double w) {
  DrawPath p;
  p.points = {a, b};
  p.stroke = c;
  p.width_pt = w;
  p.round = false;
  return p;
}

void add_polyline(const Polyline& l, const PlotTransform& tf, std::vector<DrawItem>& out) {
  const bool mapped = !l.t.empty() && l.t.size() == l.points.size();
  // Page points, thinned; `src` remembers each kept vertex's index for its t.
  std::vector<Vec2> pts;
  std::vector<size_t> src;
  for (size_t i = 0; i < l.points.size(); ++i) {
    const Vec2 q = tf.to_page(l.points[i]);
    if (!std::isfinite(q.x) || !std::isfinite(q.y)) continue;
    const bool last = i + 1 == l.points.size();
    if (!pts.empty() && !last && std::hypot(q.x - pts.back().x, q.y - pts.back().y) < kMinGapPt)
      continue;
    pts.push_back(q);
    src.push_back(i);
  }
  if (pts.size() < 2) return;
  DrawPath base;
  base.width_pt = l.width_pt;
  base.dashed = l.dashed;
  base.clip = tf.plot();
  if (!mapped) {
    base.points = std::move(pts);
    base.stroke = l.color;
    out.push_back(std::move(base));
    return;
  }
  // Runs of segments whose colour falls in the same of 128 bins become one path, so a long
  // trajectory costs a few dozen strokes, not one per step.
  constexpr int kBins = 128;
  auto bin_of = [&](size_t k) {
    const double t = std::clamp(l.t[src[k]], 0.0, 1.0);
    return std::min(kBins - 1, static_cast<int>(t * kBins));
  };
  size_t start = 0;
  while (start + 1 < pts.size()) {
    const int bin = bin_of(start);
    size_t end = start + 1;
    while (end + 1 < pts.size() && bin_of(end) == bin) ++end;
    DrawPath p = base;
    p.points.assign(pts.begin() + static_cast<long>(start), pts.begin() + static_cast<long>(end) + 1);
    const double u = (bin + 0.5) / kBins;
    p.stroke = sample(l.colormap, l.cmap_lo + u * (l.cmap_hi - l.cmap_lo));
    out.push_back(std::move(p));
    start = end;
  }
}

DrawImage heatmap_image(const Heatmap& h, const PlotTransform& tf) {
  const ScalarField& f = h.field;
  DrawImage img;
  img.width = f.nx;
  img.height = f.ny;
  img.clip = tf.plot();
  // Node values become pixel centres: the image spans half a cell beyond the outer nodes.
  const double hx = 0.5 * (f.x1 - f.x0) / std::max(f.nx - 1, 1);
  const double hy = 0.5 * (f.y1 - f.y0) / std::max(f.ny - 1, 1);
  const Vec2 a = tf.to_page({f.x0 - hx, f.y1 + hy}), b = tf.to_page({f.x1 + hx, f.y0 - hy});
  img.dest = {std::min(a.x, b.x), std::min(a.y, b.y), std::abs(b.x - a.x), std::abs(b.y - a.y)};
  const double span = h.vmax - h.vmin;
  img.pixels.resize(static_cast<size_t>(f.nx) * f.ny);
  for (int j = 0; j < f.ny; ++j)
    for (int i = 0; i < f.nx; ++i) {
      const double v = f.at(i, j);
      const double t = span != 0 ? (v - h.vmin) / span : 0.5;
      img.pixels[static_cast<size_t>(f.ny - 1 - j) * f.nx + i] =
          sample(h.colormap, h.cmap_lo + std::clamp(t, 0.0, 1.0) * (h.cmap_hi - h.cmap_lo));
    }
  return img;
}

void add_axes(const Panel& p, const PlotTransform& tf, const TextStyle& ts,
              std::vector<DrawItem>& out) {
  const Rect& r = tf.plot();
  const double lw = 0.8;
  const Vec2 bl{r.x, r.y + r.h}, br{r.x + r.w, r.y + r.h}, tl{r.x, r.y}, tr{r.x + r.w, r.y};
  if (p.grid) {
    for (double t : p.x.ticks)
      if (inside(t, p.x.min, p.x.max))
        out.push_back(segment({tf.page_x(t), r.y}, {tf.page_x(t), r.y + r.h}, kGrid, 0.5));
    for (double t : p.y.ticks)
      if (inside(t, p.y.min, p.y.max))
        out.push_back(segment({r.x, tf.page_y(t)}, {r.x + r.w, tf.page_y(t)}, kGrid, 0.5));
  }
  if (p.open_axes) {
    out.push_back(segment(bl, br, kAxis, lw));
    out.push_back(segment(bl, tl, kAxis, lw));
  } else {
    DrawPath box;
    box.points = {tl, tr, br, bl};
    box.closed = true;
    box.stroke = kAxis;
    box.width_pt = lw;
    box.round = false;
    out.push_back(std::move(box));
  }
  const double gap = ts.tick_len_pt + ts.pad_pt;
  for (double t : p.x.ticks) {
    if (!inside(t, p.x.min, p.x.max)) continue;
    const double x = tf.page_x(t);
    out.push_back(segment({x, bl.y}, {x, bl.y + ts.tick_len_pt}, kAxis, lw));
    out.push_back(DrawText{format_tick(t, p.x.log ? t : tick_step(p.x)), {x, bl.y + gap},
                           ts.tick_pt, 0.5, 0, false, false, kBlack});
  }
  for (double t : p.y.ticks) {
    if (!inside(t, p.y.min, p.y.max)) continue;
    const double y = tf.page_y(t);
    out.push_back(segment({r.x - ts.tick_len_pt, y}, {r.x, y}, kAxis, lw));
    out.push_back(DrawText{format_tick(t, p.y.log ? t : tick_step(p.y)), {r.x - gap, y},
                           ts.tick_pt, 1, 0.5, false, false, kBlack});
  }
  if (!p.x.label.empty()) {
    if (p.x.label_at_end)
      out.push_back(DrawText{p.x.label, {br.x + ts.pad_pt, br.y + 0.5 * ts.tick_len_pt},
                             ts.label_pt, 0, 0, false, false, kBlack});
    else
      out.push_back(DrawText{p.x.label, {r.x + 0.5 * r.w, bl.y + gap + 1.25 * ts.tick_pt},
                             ts.label_pt, 0.5, 0, false, false, kBlack});
  }
  if (!p.y.label.empty()) {
    if (p.y.label_at_end) {
      out.push_back(DrawText{p.y.label, {r.x - 0.5 * ts.pad_pt, r.y - 0.3 * ts.pad_pt},
                             ts.label_pt, 1, 1, false, false, kBlack});
    } else {
      double widest = 0;
      for (double t : p.y.ticks)
        widest = std::max(widest, text_width_estimate(format_tick(t, tick_step(p.y)), ts.tick_pt));
      out.push_back(DrawText{p.y.label, {r.x - gap - widest - ts.pad_pt, r.y + 0.5 * r.h},
                             ts.label_pt, 0.5, 1, true, false, kBlack});
    }
  }
}

void add_colorbar(const Heatmap& h, const Rect& bar, const TextStyle& ts,
                  std::vector<DrawItem>& out) {
  DrawImage img;
  img.width = 1;
  img.height = 256;
  img.dest = bar;
  for (int k = 0; k < img.height; ++k)
    img.pixels.push_back(sample(h.colormap, h.cmap_lo + (1.0 - k / 255.0) * (h.cmap_hi - h.cmap_lo)));
  out.push_back(std::move(img));
  DrawPath box;
  box.points = {{bar.x, bar.y}, {bar.x + bar.w, bar.y}, {bar.x + bar.w, bar.y + bar.h},
                {bar.x, bar.y + bar.h}};
  box.closed = true;
  box.stroke = kAxis;
  box.width_pt = 0.6;
  box.round = false;
  out.push_back(std::move(box));
  const double step =
      h.colorbar_ticks.size() >= 2 ? std::abs(h.colorbar_ticks[1] - h.colorbar_ticks[0]) : 1.0;
  const double span = h.vmax - h.vmin;
  double widest = 0;
  for (double t : h.colorbar_ticks) {
    if (span == 0 || !inside(t, h.vmin, h.vmax)) continue;
    const double y = bar.y + bar.h - (t - h.vmin) / span * bar.h;
    const double x = bar.x + bar.w;
    out.push_back(segment({x, y}, {x + ts.tick_len_pt, y}, kAxis, 0.6));
    const std::string s = format_tick(t, step);
    widest = std::max(widest, text_width_estimate(s, ts.tick_pt));
    out.push_back(DrawText{s, {x + ts.tick_len_pt + ts.pad_pt, y}, ts.tick_pt, 0, 0.5, false,
                           false, kBlack});
  }
  if (!h.colorbar_label.empty())
    out.push_back(DrawText{h.colorbar_label,
                           {bar.x + bar.w + ts.tick_len_pt + 2 * ts.pad_pt + widest,
                            bar.y + 0.5 * bar.h},
                           ts.label_pt, 0.5, 0, true, false, kBlack});
}

void add_legend(const Panel& p, const Rect& r, const TextStyle& ts, std::vector<DrawItem>& out) {
  if (p.legend.empty() || p.legend_place == LegendPlace::none) return;
  const double row = 1.35 * ts.legend_pt, sample_w = 2.0 * ts.legend_pt, pad = 0.6 * ts.legend_pt;
  double text_w = 0;
  for (const LegendEntry& e : p.legend)
    text_w = std::max(text_w, text_width_estimate(e.label, ts.legend_pt));
  const double w = pad + sample_w + pad + text_w + pad;
  const double h = pad + row * static_cast<double>(p.legend.size()) + pad - 0.35 * ts.legend_pt;
  const bool right = p.legend_place == LegendPlace::upper_right ||
                     p.legend_place == LegendPlace::lower_right;
  const bool upper = p.legend_place == LegendPlace::upper_right ||
                     p.legend_place == LegendPlace::upper_left;
  const double x0 = right ? r.x + r.w - w - pad : r.x + pad;
  const double y0 = upper ? r.y + pad : r.y + r.h - h - pad;
  DrawPath box;
  box.points = {{x0, y0}, {x0 + w, y0}, {x0 + w, y0 + h}, {x0, y0 + h}};
  box.closed = true;
  box.fill = {1, 1, 1, 0.85};
  box.stroke = {0.8, 0.8, 0.8, 1};
  box.width_pt = 0.5;
  box.round = false;
  out.push_back(std::move(box));
  double y = y0 + pad + 0.5 * ts.legend_pt;
  for (const LegendEntry& e : p.legend) {
    const double sx = x0 + pad;
    switch (e.style) {
      case LegendEntry::Style::line: {
        DrawPath l;
        l.points = {{sx, y}, {sx + sample_w, y}};
        l.stroke = e.color;
        l.width_pt = std::min(e.width_pt, 0.8 * ts.legend_pt);
        l.dashed = e.dashed;
        out.push_back(std::move(l));
        break;
      }
      case LegendEntry::Style::marker:
        out.push_back(DrawMarker{{sx + 0.5 * sample_w, y}, e.shape, 0.7 * ts.legend_pt, e.color,
                                 kBlack, 0.4});
        break;
      case LegendEntry::Style::gradient: {
        constexpr int kSteps = 8;
        for (int k = 0; k < kSteps; ++k) {
          DrawPath l;
          l.points = {{sx + sample_w * k / kSteps, y}, {sx + sample_w * (k + 1) / kSteps, y}};
          const double u = (k + 0.5) / kSteps;
          l.stroke = sample(e.colormap, e.cmap_lo + u * (e.cmap_hi - e.cmap_lo));
          l.width_pt = 0.35 * ts.legend_pt;
          l.round = false;
          out.push_back(std::move(l));
        }
        break;
      }
    }
    out.push_back(DrawText{e.label, {sx + sample_w + pad, y}, ts.legend_pt, 0, 0.5, false, false,
                           kBlack});
    y += row;
  }
}

}  // namespace

DisplayList build_display_list(const FigureSpec& given) {
  FigureSpec spec = given;
  fit_axes(spec);
  const FigureLayout lay = layout_figure(spec);
  const TextStyle ts = text_style(spec);
  DisplayList dl;
  dl.width_pt = lay.width_pt;
  dl.height_pt = lay.height_pt;
  dl.font_family = spec.font_family;
  auto& out = dl.items;
  // One title size and one caption size for the whole figure, small enough for every cell.
  double title_pt = ts.title_pt, caption_pt = ts.caption_pt;
  for (size_t i = 0; i < spec.panels.size(); ++i) {
    title_pt = std::min(title_pt, fitted_size(spec.panels[i].title, ts.title_pt, lay.panels[i].cell.w));
    caption_pt =
        std::min(caption_pt, fitted_size(spec.panels[i].caption, ts.caption_pt, lay.panels[i].cell.w));
  }
  if (!spec.suptitle.empty())
    out.push_back(DrawText{spec.suptitle, {lay.suptitle.x + 0.5 * lay.suptitle.w, lay.suptitle.y},
                           ts.suptitle_pt, 0.5, 0, false, true, kBlack});
  for (size_t i = 0; i < spec.panels.size(); ++i) {
    const Panel& p = spec.panels[i];
    const PanelLayout& pl = lay.panels[i];
    // A panel with nothing in it holds a grid cell open (small multiples that do not fill
    // their last row) and draws nothing.
    if (p.lines.empty() && p.markers.empty() && p.heatmap.empty() && p.title.empty() &&
        p.caption.empty() && p.x.label.empty() && p.y.label.empty())
      continue;
    const PlotTransform tf(pl.plot, p.x, p.y);
    for (const Heatmap& h : p.heatmap) out.push_back(heatmap_image(h, tf));
    for (const Polyline& l : p.lines) add_polyline(l, tf, out);
    add_axes(p, tf, ts, out);
    for (const MarkerSet& m : p.markers)
      for (const Vec2& v : m.points) {
        const Vec2 q = tf.to_page(v);
        if (std::isfinite(q.x) && std::isfinite(q.y))
          out.push_back(DrawMarker{q, m.shape, m.size_pt, m.fill, m.edge, m.edge_width_pt});
      }
    if (!p.heatmap.empty() && p.heatmap.front().colorbar && pl.colorbar.w > 0)
      add_colorbar(p.heatmap.front(), pl.colorbar, ts, out);
    add_legend(p, pl.plot, ts, out);
    if (!p.title.empty())
      out.push_back(DrawText{p.title, {pl.plot.x + 0.5 * pl.plot.w, pl.plot.y - 0.4 * ts.title_pt},
                             title_pt, 0.5, 1, false, false, kBlack});
    if (!p.caption.empty())
      out.push_back(DrawText{p.caption, {pl.cell.x + 0.5 * pl.cell.w, pl.cell.y + pl.cell.h},
                             caption_pt, 0.5, 1, false, false, kBlack});
  }
  return dl;
}

}  // namespace ps::fig
