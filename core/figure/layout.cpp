#include "core/figure/layout.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/figure/ticks.h"

namespace ps::fig {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Bounds {
  double lo = kInf, hi = -kInf;
  void add(double v, bool log) {
    if (!std::isfinite(v) || (log && v <= 0)) return;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  void add(const Bounds& b) {
    lo = std::min(lo, b.lo);
    hi = std::max(hi, b.hi);
  }
  bool empty() const { return !(lo <= hi); }
};

struct PanelBounds {
  Bounds x, y;
  bool heatmap = false;  // the range is the heatmap's rectangle: no padding
};

PanelBounds data_bounds(const Panel& p) {
  PanelBounds b;
  if (!p.heatmap.empty()) {
    const ScalarField& f = p.heatmap.front().field;
    b.x.add(f.x0, p.x.log);
    b.x.add(f.x1, p.x.log);
    b.y.add(f.y0, p.y.log);
    b.y.add(f.y1, p.y.log);
    b.heatmap = true;
    return b;
  }
  for (const Polyline& l : p.lines)
    for (const Vec2& v : l.points) {
      b.x.add(v.x, p.x.log);
      b.y.add(v.y, p.y.log);
    }
  for (const MarkerSet& m : p.markers)
    for (const Vec2& v : m.points) {
      b.x.add(v.x, p.x.log);
      b.y.add(v.y, p.y.log);
    }
  return b;
}

// Padded range of `b` on a linear or log axis; [0, 1] (or [1, 10]) when there is no data.
void resolve(AxisSpec& a, const Bounds& b, bool pad) {
  if (!a.auto_range) return;
  double lo = b.empty() ? (a.log ? 1.0 : 0.0) : b.lo;
  double hi = b.empty() ? (a.log ? 10.0 : 1.0) : b.hi;
  if (a.log) {
    lo = std::log10(lo);
    hi = std::log10(hi);
  }
  if (hi - lo < 1e-12 * std::max(1.0, std::abs(lo))) {
    const double d = lo == 0 ? 0.5 : 0.05 * std::abs(lo);
    lo -= d;
    hi += d;
  } else if (pad) {
    const double d = 0.05 * (hi - lo);
    lo -= d;
    hi += d;
  }
  a.min = a.log ? std::pow(10.0, lo) : lo;
  a.max = a.log ? std::pow(10.0, hi) : hi;
}

void fill_ticks(AxisSpec& a, double length_pt, double font_pt) {
  if (!a.ticks.empty()) return;
  if (a.log) {
    a.ticks = log_ticks(a.min, a.max);
    return;
  }
  // About one tick per five em of axis, 3 to 8 of them.
  const int target = std::clamp(static_cast<int>(length_pt / (5.0 * font_pt)), 3, 8);
  a.ticks = nice_ticks(a.min, a.max, target);
}

double tick_step(const AxisSpec& a) { return a.ticks.size() >= 2 ? a.ticks[1] - a.ticks[0] : 1; }

}  // namespace

double text_width_estimate(const std::string& text, double size_pt) {
  // Advance widths of DejaVu Sans in em, by class: enough to lay out without a font engine.
  double em = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    if (c >= 0x80) {
      // U+2212 (minus, E2 88 92) is as wide as '+'; other non-ASCII glyphs count as average.
      em += text.compare(i, 3, "\xE2\x88\x92") == 0 ? 0.84 : 0.62;
    } else if (c == ' ' || c == '.' || c == ',' || c == ':' || c == '\'' || c == '|' || c == 'i' ||
               c == 'j' || c == 'l') {
      em += 0.30;
    } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == '/' || c == 'f' || c == 't' ||
               c == 'r' || c == '-') {
      em += 0.38;
    } else if (c >= '0' && c <= '9') {
      em += 0.64;
    } else if (c >= 'A' && c <= 'Z') {
      em += c == 'M' || c == 'W' ? 0.88 : 0.70;
    } else if (c == 'm' || c == 'w') {
      em += 0.90;
    } else {
      em += 0.60;
    }
  }
  return em * size_pt;
}

TextStyle text_style(const FigureSpec& spec) {
  const double f = spec.font_pt > 0 ? spec.font_pt : 8;
  TextStyle s;
  s.tick_pt = f;
  s.label_pt = 1.3 * f;
  s.title_pt = 1.1 * f;
  s.caption_pt = 1.1 * f;
  s.suptitle_pt = 1.3 * f;
  s.legend_pt = 0.9 * f;
  s.tick_len_pt = 0.45 * f;
  s.pad_pt = 0.35 * f;
  return s;
}

void fit_axes(FigureSpec& spec) {
  std::vector<PanelBounds> b;
  for (const Panel& p : spec.panels) b.push_back(data_bounds(p));
  PanelBounds all;
  for (const PanelBounds& pb : b) {
    all.x.add(pb.x);
    all.y.add(pb.y);
    all.heatmap = all.heatmap || pb.heatmap;
  }
  const double cols = std::max(spec.cols, 1), rows = std::max(spec.rows, 1);
  const double cell_w = spec.width_in * 72 / cols, cell_h = spec.height_in * 72 / rows;
  for (size_t i = 0; i < spec.panels.size(); ++i) {
    Panel& p = spec.panels[i];
    resolve(p.x, spec.share_x ? all.x : b[i].x, !(spec.share_x ? all : b[i]).heatmap);
    resolve(p.y, spec.share_y ? all.y : b[i].y, !(spec.share_y ? all : b[i]).heatmap);
    fill_ticks(p.x, 0.75 * cell_w, spec.font_pt);
    fill_ticks(p.y, 0.75 * cell_h, spec.font_pt);
    for (Heatmap& h : p.heatmap) {
      Bounds v;
      for (double z : h.field.values) v.add(z, false);
      if (v.empty()) v = {0, 1};
      if (std::isnan(h.vmin)) h.vmin = v.lo;
      if (std::isnan(h.vmax)) h.vmax = v.hi;
      if (h.colorbar_ticks.empty()) {
        const int target = std::clamp(static_cast<int>(0.75 * cell_h / (4.0 * spec.font_pt)), 3, 8);
        for (double t : nice_ticks(h.vmin, h.vmax, target))
          if (t >= std::min(h.vmin, h.vmax) - 1e-9 * std::abs(h.vmax - h.vmin) &&
              t <= std::max(h.vmin, h.vmax) + 1e-9 * std::abs(h.vmax - h.vmin))
            h.colorbar_ticks.push_back(t);
      }
    }
  }
}

FigureLayout layout_figure(const FigureSpec& spec) {
  const TextStyle ts = text_style(spec);
  FigureLayout out;
  out.width_pt = spec.width_in * 72;
  out.height_pt = spec.height_in * 72;
  const double margin = ts.pad_pt;
  double top = margin;
  if (!spec.suptitle.empty()) {
    out.suptitle = {0, top, out.width_pt, 1.4 * ts.suptitle_pt};
    top += out.suptitle.h;
  }
  const int cols = std::max(spec.cols, 1), rows = std::max(spec.rows, 1);
  const double cw = (out.width_pt - 2 * margin) / cols;
  const double ch = (out.height_pt - top - margin) / rows;

  for (size_t i = 0; i < spec.panels.size(); ++i) {
    const Panel& p = spec.panels[i];
    PanelLayout pl;
    pl.cell = {margin + static_cast<double>(i % cols) * cw,
               top + static_cast<double>(i / cols) * ch, cw, ch};

    // Room for the tick labels, axis labels, title and caption around the plot.
    double widest = 0;
    for (double t : p.y.ticks)
      widest = std::max(widest, text_width_estimate(format_tick(t, tick_step(p.y)), ts.tick_pt));
    double left = ts.tick_len_pt + ts.pad_pt + widest + ts.pad_pt;
    if (!p.y.label.empty() && !p.y.label_at_end) left += 1.2 * ts.label_pt;
    double right = 0.5 * text_width_estimate("0.00", ts.tick_pt);  // last x tick label overhang
    if (!p.x.label.empty() && p.x.label_at_end)
      right = std::max(right, text_width_estimate(p.x.label, ts.label_pt) + 2 * ts.pad_pt);
    double up = 0.7 * ts.tick_pt;  // top y tick label overhang
    if (!p.y.label.empty() && p.y.label_at_end) up = std::max(up, 1.3 * ts.label_pt);
    if (!p.title.empty()) up += 1.4 * ts.title_pt;
    double down = ts.tick_len_pt + ts.pad_pt + 1.2 * ts.tick_pt;
    if (!p.x.label.empty() && !p.x.label_at_end) down += 1.3 * ts.label_pt;
    if (!p.caption.empty()) down += 1.6 * ts.caption_pt;

    const bool bar = !p.heatmap.empty() && p.heatmap.front().colorbar;
    double bar_room = 0;
    if (bar) {
      double wide = text_width_estimate("-0.00", ts.tick_pt);
      for (double t : p.heatmap.front().colorbar_ticks)
        wide = std::max(wide, text_width_estimate(format_tick(t, 0.01), ts.tick_pt));
      bar_room = 2 * ts.pad_pt + 0.9 * ts.tick_pt + ts.tick_len_pt + ts.pad_pt + wide;
      if (!p.heatmap.front().colorbar_label.empty()) bar_room += 1.3 * ts.label_pt;
      right = std::max(right, 0.0) + bar_room;
    }

    Rect plot{pl.cell.x + left, pl.cell.y + up, std::max(1.0, pl.cell.w - left - right),
              std::max(1.0, pl.cell.h - up - down)};
    if (p.equal_aspect && !p.x.log && !p.y.log) {
      const double dx = p.x.max - p.x.min, dy = p.y.max - p.y.min;
      if (dx > 0 && dy > 0) {
        const double want = plot.w * dy / dx;  // height that matches the width
        if (want <= plot.h) {
          plot.y += 0.5 * (plot.h - want);
          plot.h = want;
        } else {
          const double w = plot.h * dx / dy;
          plot.x += 0.5 * (plot.w - w);
          plot.w = w;
        }
      }
    }
    pl.plot = plot;
    if (bar)
      pl.colorbar = {plot.x + plot.w + 2 * ts.pad_pt, plot.y, 0.9 * ts.tick_pt, plot.h};
    out.panels.push_back(pl);
  }
  return out;
}

PlotTransform::PlotTransform(const Rect& plot, const AxisSpec& x, const AxisSpec& y)
    : plot_(plot), logx_(x.log), logy_(y.log) {
  auto map = [](double v, bool log) { return log ? std::log10(std::max(v, 1e-300)) : v; };
  x0_ = map(x.min, logx_);
  x1_ = map(x.max, logx_);
  y0_ = map(y.min, logy_);
  y1_ = map(y.max, logy_);
  if (x1_ == x0_) x1_ = x0_ + 1;
  if (y1_ == y0_) y1_ = y0_ + 1;
}

double PlotTransform::page_x(double x) const {
  if (logx_) x = x > 0 ? std::log10(x) : -kInf;
  return plot_.x + (x - x0_) / (x1_ - x0_) * plot_.w;
}

double PlotTransform::page_y(double y) const {
  if (logy_) y = y > 0 ? std::log10(y) : -kInf;
  return plot_.y + plot_.h - (y - y0_) / (y1_ - y0_) * plot_.h;
}

Vec2 PlotTransform::to_page(Vec2 d) const { return {page_x(d.x), page_y(d.y)}; }

}  // namespace ps::fig
