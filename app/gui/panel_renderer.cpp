#include "app/gui/panel_renderer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "app/gui/decimate.h"
#include "core/figure/ticks.h"

namespace ps::gui {
namespace {

constexpr ImU32 kAxisColor = IM_COL32(40, 40, 40, 255);
constexpr ImU32 kGridColor = IM_COL32(0, 0, 0, 28);
constexpr int kColorBuckets = 64;  // colour steps along a t-coloured line (one polyline each)

bool finite(ImVec2 p) { return std::isfinite(p.x) && std::isfinite(p.y); }

void field_range(const fig::Heatmap& h, double& lo, double& hi) {
  lo = h.vmin, hi = h.vmax;
  if (std::isnan(lo) || std::isnan(hi)) {
    double a = std::numeric_limits<double>::infinity(), b = -a;
    for (double v : h.field.values)
      if (std::isfinite(v)) a = std::min(a, v), b = std::max(b, v);
    if (std::isnan(lo)) lo = a;
    if (std::isnan(hi)) hi = b;
  }
  if (!(hi > lo)) hi = lo + 1;
}

void draw_heatmap(ImDrawList* dl, const fig::Heatmap& h, const ScreenMap& m,
                  const RenderOptions& o) {
  const fig::ScalarField& f = h.field;
  if (f.nx < 2 || f.ny < 2) return;
  // Node (i, j) is the centre of its cell: the image reaches half a cell past the outer nodes.
  const double hx = 0.5 * (f.x1 - f.x0) / (f.nx - 1), hy = 0.5 * (f.y1 - f.y0) / (f.ny - 1);
  if (o.heatmap_texture) {
    if (ImTextureID tex = o.heatmap_texture(h)) {
      // Texture row 0 is j = 0 (the bottom): the top-left corner takes v = 1.
      dl->AddImage(tex, m.to_px(f.x0 - hx, f.y1 + hy), m.to_px(f.x1 + hx, f.y0 - hy), ImVec2(0, 1),
                   ImVec2(1, 0));
      return;
    }
  }
  // No GL: at most 64 x 64 rectangles, each the colour of the node at its centre.
  double lo, hi;
  field_range(h, lo, hi);
  const int si = std::max(1, f.nx / 64), sj = std::max(1, f.ny / 64);
  for (int j = 0; j < f.ny; j += sj)
    for (int i = 0; i < f.nx; i += si) {
      const double v = f.at(i, j);
      if (!std::isfinite(v)) continue;
      const fig::Color c = map_color(h.colormap, h.cmap_lo, h.cmap_hi, (v - lo) / (hi - lo));
      dl->AddRectFilled(m.to_px(f.x_at(i) - hx * si, f.y_at(j) + hy * sj),
                        m.to_px(f.x_at(i) + hx * si, f.y_at(j) - hy * sj), to_imu32(c));
    }
}

// Splits [a, b] into dashes of `on` pixels separated by `off`.
void dashed_segment(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float w, float& phase) {
  constexpr float on = 6, off = 4;
  const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
  float s = 0;
  while (s < len) {
    const float cyc = std::fmod(phase + s, on + off);
    const float run = cyc < on ? on - cyc : on + off - cyc;
    const float e = std::min(len, s + run);
    if (cyc < on)
      dl->AddLine({a.x + dx * s / len, a.y + dy * s / len},
                  {a.x + dx * e / len, a.y + dy * e / len}, col, w);
    s = e;
  }
  phase = std::fmod(phase + len, on + off);
}

void marker_shape(ImDrawList* dl, fig::MarkerShape shape, ImVec2 c, float r, ImU32 fill, ImU32 edge,
                  float ew) {
  switch (shape) {
    case fig::MarkerShape::dot:
      dl->AddCircleFilled(c, r, fill);  // 0 segments: ImGui picks few for small radii
      if (ew > 0) dl->AddCircle(c, r, edge, 0, std::max(1.0f, std::round(ew)));
      break;
    case fig::MarkerShape::cross:
      dl->AddLine({c.x - r, c.y - r}, {c.x + r, c.y + r}, fill, std::max(1.5f, ew * 2));
      dl->AddLine({c.x - r, c.y + r}, {c.x + r, c.y - r}, fill, std::max(1.5f, ew * 2));
      break;
    case fig::MarkerShape::square:
      dl->AddRectFilled({c.x - r, c.y - r}, {c.x + r, c.y + r}, fill);
      if (ew > 0) dl->AddRect({c.x - r, c.y - r}, {c.x + r, c.y + r}, edge, 0, 0, ew);
      break;
    case fig::MarkerShape::triangle: {
      const ImVec2 a{c.x, c.y - r * 1.15f}, b{c.x - r, c.y + r * 0.75f},
          d{c.x + r, c.y + r * 0.75f};
      dl->AddTriangleFilled(a, b, d, fill);
      if (ew > 0) dl->AddTriangle(a, b, d, edge, ew);
      break;
    }
    case fig::MarkerShape::diamond: {
      const ImVec2 a{c.x, c.y - r * 1.2f}, b{c.x + r, c.y}, d{c.x, c.y + r * 1.2f}, e{c.x - r, c.y};
      dl->AddQuadFilled(a, b, d, e, fill);
      if (ew > 0) dl->AddQuad(a, b, d, e, edge, ew);
      break;
    }
    case fig::MarkerShape::star: {
      ImVec2 pts[10];
      for (int k = 0; k < 10; ++k) {
        const float ang = -1.5707964f + k * 0.62831855f, rr = (k % 2) ? r * 0.45f : r * 1.2f;
        pts[k] = {c.x + rr * std::cos(ang), c.y + rr * std::sin(ang)};
      }
      for (int k = 0; k < 10; ++k) dl->AddTriangleFilled(c, pts[k], pts[(k + 1) % 10], fill);
      if (ew > 0) dl->AddPolyline(pts, 10, edge, ImDrawFlags_Closed, ew);
      break;
    }
  }
}

struct Ticks {
  std::vector<double> at;  // values
  double step = 1;         // for labels
};

Ticks axis_ticks(const fig::AxisSpec& a, double lo, double hi, bool log, float len_px) {
  Ticks t;
  if (log) {
    t.at = fig::log_ticks(std::pow(10.0, lo), std::pow(10.0, hi));
    t.step = 0;  // log labels: format each value on its own
    // Many decades in a short axis: every k-th power of ten, so labels never crowd.
    const size_t fit = static_cast<size_t>(std::max(2.0f, len_px / 28));
    if (t.at.size() > fit) {
      const size_t k = (t.at.size() + fit - 1) / fit;
      std::vector<double> some;
      for (size_t i = 0; i < t.at.size(); i += k) some.push_back(t.at[i]);
      t.at = std::move(some);
    }
    return t;
  }
  const int target = std::clamp(static_cast<int>(len_px / 70), 2, 10);
  // The panel's own ticks only while they fit the shown range (the user has not zoomed).
  if (!a.ticks.empty() && a.ticks.front() >= lo - 1e-9 * (hi - lo) &&
      a.ticks.back() <= hi + 1e-9 * (hi - lo) && static_cast<int>(a.ticks.size()) <= target + 3) {
    t.at = a.ticks;
  } else {
    t.at = fig::nice_ticks(lo, hi, target);
  }
  t.step = fig::nice_step(lo, hi, target);
  if (t.at.size() >= 2) t.step = t.at[1] - t.at[0];
  return t;
}

std::string tick_label(double v, double step) {
  if (step > 0) return fig::format_tick(v, step);
  return fig::format_tick(v, std::abs(v) > 0 ? std::abs(v) : 1);
}

}  // namespace

fig::Color map_color(fig::ColormapId c, double lo, double hi, double t) {
  return fig::sample(c, lo + std::clamp(t, 0.0, 1.0) * (hi - lo));
}

std::vector<unsigned char> heatmap_rgba(const fig::Heatmap& h) {
  const fig::ScalarField& f = h.field;
  std::vector<unsigned char> px(static_cast<size_t>(f.nx) * f.ny * 4, 0);
  double lo, hi;
  field_range(h, lo, hi);
  auto b = [](double v) {
    return static_cast<unsigned char>(std::lround(std::clamp(v, 0.0, 1.0) * 255));
  };
  for (size_t k = 0; k < f.values.size() && 4 * k + 3 < px.size(); ++k) {
    const double v = f.values[k];
    if (!std::isfinite(v)) continue;
    const fig::Color c = map_color(h.colormap, h.cmap_lo, h.cmap_hi, (v - lo) / (hi - lo));
    px[4 * k] = b(c.r), px[4 * k + 1] = b(c.g), px[4 * k + 2] = b(c.b), px[4 * k + 3] = b(c.a);
  }
  return px;
}

ImU32 to_imu32(const fig::Color& c, float alpha_scale) {
  auto b = [](double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
  return IM_COL32(b(c.r), b(c.g), b(c.b), b(c.a * alpha_scale));
}

Margins axes_margins(const fig::Panel& p, float font_px) {
  Margins m;
  m.left = font_px * 3.6f;
  m.bottom = font_px * 1.9f + (p.x.label.empty() || p.x.label_at_end ? 0 : font_px * 1.2f);
  m.top = font_px * 0.6f + (p.y.label.empty() ? 0 : font_px * 1.3f) +
          (p.title.empty() ? 0 : font_px * 1.4f);
  m.right = font_px * 0.8f + (p.x.label_at_end && !p.x.label.empty() ? font_px * 1.6f : 0);
  if (!p.heatmap.empty() && p.heatmap.front().colorbar) m.right += font_px * 5.2f;
  if (!p.caption.empty()) m.bottom += font_px * 1.5f;
  return m;
}

void draw_polyline(ImDrawList* dl, const fig::Polyline& line, const ScreenMap& m,
                   const RenderOptions& o, const std::vector<int>* steps) {
  const int n = static_cast<int>(line.points.size());
  const bool by_t = static_cast<int>(line.t.size()) == n;
  const bool cut = steps && static_cast<int>(steps->size()) == n && o.playing();
  int end = n;
  if (cut)  // steps grow along a trajectory: stop at the playback cursor
    end = static_cast<int>(std::upper_bound(steps->begin(), steps->end(), o.step_limit) -
                           steps->begin());
  if (end < 1) return;

  std::vector<PxPoint> px;
  std::vector<int> src;  // index into line.points of each px point
  px.reserve(end);
  src.reserve(end);
  bool monotone_x = true;
  for (int i = 0; i < end; ++i) {
    const ImVec2 q = m.to_px(line.points[i].x, line.points[i].y);
    if (!finite(q)) continue;
    if (!px.empty() && q.x < px.back().x) monotone_x = false;
    px.push_back({q.x, q.y});
    src.push_back(i);
  }
  if (px.empty()) return;
  std::vector<int> keep;
  if (line.kind == fig::SeriesKind::line && monotone_x) {
    // Per column the extremes, then drop those within a pixel and a half of the last kept one:
    // smooth stretches thin out, spikes stay.
    const std::vector<int> cols = decimate_by_column(px);
    std::vector<PxPoint> sub(cols.size());
    for (size_t k = 0; k < cols.size(); ++k) sub[k] = px[cols[k]];
    for (int k : decimate_by_distance(sub, 1.5f)) keep.push_back(cols[k]);
  } else {
    keep = decimate_by_distance(px, line.kind == fig::SeriesKind::contour ? 2.5f : 1.5f);
  }
  // Dense zigzags (FairGrad near the front) move pixels at every step, so distance alone does
  // not bound them; past a budget tied to the plot's size, take every k-th vertex.
  const size_t budget = static_cast<size_t>(m.width() + m.height()) + 16;
  if (keep.size() > budget) keep = thin_to_budget(keep, budget);
  // Whole-pixel widths let ImGui draw anti-aliased lines from its baked line texture: two
  // vertices and two triangles per vertex instead of four and six (llvmpipe feels every one).
  const float w = std::max(1.0f, std::round(static_cast<float>(line.width_pt) * o.px_per_pt));
  std::vector<ImVec2> run;
  run.reserve(keep.size());

  if (!by_t) {
    const ImU32 col = to_imu32(line.color);
    if (line.dashed) {
      float phase = 0;
      for (size_t k = 1; k < keep.size(); ++k)
        dashed_segment(dl, {px[keep[k - 1]].x, px[keep[k - 1]].y}, {px[keep[k]].x, px[keep[k]].y},
                       col, w, phase);
      return;
    }
    for (int k : keep) run.push_back({px[k].x, px[k].y});
    dl->AddPolyline(run.data(), static_cast<int>(run.size()), col, 0, w);
    return;
  }
  // Coloured by t: consecutive segments in the same colour bucket become one polyline.
  auto bucket = [&](int k) {
    return std::clamp(static_cast<int>(line.t[src[k]] * kColorBuckets), 0, kColorBuckets - 1);
  };
  size_t k = 0;
  while (k + 1 < keep.size()) {
    const int b = bucket(keep[k]);
    run.clear();
    run.push_back({px[keep[k]].x, px[keep[k]].y});
    while (k + 1 < keep.size() && bucket(keep[k]) == b) {
      ++k;
      run.push_back({px[keep[k]].x, px[keep[k]].y});
    }
    const fig::Color c =
        map_color(line.colormap, line.cmap_lo, line.cmap_hi, (b + 0.5) / kColorBuckets);
    dl->AddPolyline(run.data(), static_cast<int>(run.size()), to_imu32(c), 0, w);
  }
}

// The head of a playing trajectory: a dot in the line's colour at its last drawn vertex.
static void draw_head(ImDrawList* dl, const fig::Polyline& line, const ScreenMap& m, float w,
                      const std::vector<int>& steps, double limit) {
  const int end =
      static_cast<int>(std::upper_bound(steps.begin(), steps.end(), limit) - steps.begin());
  if (end < 1 || end > static_cast<int>(line.points.size())) return;
  const ImVec2 h = m.to_px(line.points[end - 1].x, line.points[end - 1].y);
  if (!finite(h)) return;
  const fig::Color c = line.t.size() == line.points.size()
                           ? map_color(line.colormap, line.cmap_lo, line.cmap_hi, line.t[end - 1])
                           : line.color;
  dl->AddCircleFilled(h, w + 3.0f, to_imu32(c), 12);
  dl->AddCircle(h, w + 3.0f, IM_COL32(0, 0, 0, 220), 12, 1.2f);
}

void draw_markers(ImDrawList* dl, const fig::MarkerSet& ms, const ScreenMap& m, float px_per_pt) {
  const float r = std::max(2.0f, static_cast<float>(ms.size_pt) * px_per_pt * 0.5f);
  const float ew = static_cast<float>(ms.edge_width_pt) * px_per_pt;
  const ImU32 fill = to_imu32(ms.fill), edge = to_imu32(ms.edge);
  for (const auto& p : ms.points) {
    const ImVec2 c = m.to_px(p.x, p.y);
    if (finite(c)) marker_shape(dl, ms.shape, c, r, fill, edge, ew);
  }
}

void draw_content(ImDrawList* dl, const fig::Panel& p, const ScreenMap& m, const RenderOptions& o) {
  dl->PushClipRect(m.min(), m.max(), true);
  for (const auto& h : p.heatmap) draw_heatmap(dl, h, m, o);
  size_t traj = 0;
  std::vector<std::pair<const fig::Polyline*, const std::vector<int>*>> heads;
  for (const auto& l : p.lines) {
    const std::vector<int>* steps = nullptr;
    if (l.kind == fig::SeriesKind::trajectory && o.vertex_steps) {
      if (traj < o.vertex_steps->size()) steps = &(*o.vertex_steps)[traj];
      ++traj;
    }
    draw_polyline(dl, l, m, o, steps);
    if (steps && o.playing()) heads.push_back({&l, steps});
  }
  dl->PopClipRect();
  // Markers may overhang the plot by their radius, not more.
  const float pad = 8 * o.px_per_pt;
  dl->PushClipRect({m.min().x - pad, m.min().y - pad}, {m.max().x + pad, m.max().y + pad}, true);
  for (const auto& ms : p.markers) {
    if (o.playing() && ms.name.rfind("end", 0) == 0) continue;
    draw_markers(dl, ms, m, o.px_per_pt);
  }
  for (const auto& [line, steps] : heads)
    draw_head(dl, *line, m, std::max(1.0f, static_cast<float>(line->width_pt) * o.px_per_pt),
              *steps, o.step_limit);
  dl->PopClipRect();
}

void draw_axes(ImDrawList* dl, const fig::Panel& p, const ScreenMap& m, float font_px) {
  ImFont* font = ImGui::GetFont();
  const ImVec2 lo = m.min(), hi = m.max();
  const Range2& r = m.range();
  const Ticks tx = axis_ticks(p.x, r.x0, r.x1, m.log_x(), m.width());
  const Ticks ty = axis_ticks(p.y, r.y0, r.y1, m.log_y(), m.height());
  const float tick = font_px * 0.3f;

  if (p.grid) {
    for (double v : tx.at) {
      const float x = m.px_of_axis_x(m.ax(v));
      dl->AddLine({x, lo.y}, {x, hi.y}, kGridColor);
    }
    for (double v : ty.at) {
      const float y = m.py_of_axis_y(m.ay(v));
      dl->AddLine({lo.x, y}, {hi.x, y}, kGridColor);
    }
  }
  // Spines: only left and bottom for the paper's open look, else a box.
  dl->AddLine({lo.x, hi.y}, {hi.x, hi.y}, kAxisColor, 1.0f);
  dl->AddLine({lo.x, lo.y}, {lo.x, hi.y}, kAxisColor, 1.0f);
  if (!p.open_axes) {
    dl->AddLine({lo.x, lo.y}, {hi.x, lo.y}, kAxisColor, 1.0f);
    dl->AddLine({hi.x, lo.y}, {hi.x, hi.y}, kAxisColor, 1.0f);
  }
  for (double v : tx.at) {
    const float x = m.px_of_axis_x(m.ax(v));
    if (x < lo.x - 0.5f || x > hi.x + 0.5f) continue;
    dl->AddLine({x, hi.y}, {x, hi.y + tick}, kAxisColor);
    const std::string s = tick_label(v, tx.step);
    const ImVec2 sz = font->CalcTextSizeA(font_px, 1e9f, 0, s.c_str());
    dl->AddText(font, font_px, {x - sz.x * 0.5f, hi.y + tick + 1}, kAxisColor, s.c_str());
  }
  for (double v : ty.at) {
    const float y = m.py_of_axis_y(m.ay(v));
    if (y < lo.y - 0.5f || y > hi.y + 0.5f) continue;
    dl->AddLine({lo.x - tick, y}, {lo.x, y}, kAxisColor);
    const std::string s = tick_label(v, ty.step);
    const ImVec2 sz = font->CalcTextSizeA(font_px, 1e9f, 0, s.c_str());
    dl->AddText(font, font_px, {lo.x - tick - 2 - sz.x, y - sz.y * 0.5f}, kAxisColor, s.c_str());
  }
  const float label_px = font_px * 1.1f;
  if (!p.x.label.empty()) {
    const char* s = p.x.label.c_str();
    const ImVec2 sz = font->CalcTextSizeA(label_px, 1e9f, 0, s);
    const ImVec2 at =
        p.x.label_at_end ? ImVec2(hi.x + 4, hi.y - sz.y * 0.5f)
                         : ImVec2(0.5f * (lo.x + hi.x) - sz.x * 0.5f, hi.y + tick + font_px * 1.3f);
    dl->AddText(font, label_px, at, kAxisColor, s);
  }
  if (!p.y.label.empty()) {
    const char* s = p.y.label.c_str();
    const ImVec2 sz = font->CalcTextSizeA(label_px, 1e9f, 0, s);
    dl->AddText(font, label_px, {lo.x - sz.x * 0.5f, lo.y - sz.y - 3}, kAxisColor, s);
  }
  if (!p.title.empty()) {
    const char* s = p.title.c_str();
    const ImVec2 sz = font->CalcTextSizeA(font_px, 1e9f, 0, s);
    const float top = lo.y - (p.y.label.empty() ? 0 : label_px * 1.2f) - sz.y - 4;
    dl->AddText(font, font_px, {0.5f * (lo.x + hi.x) - sz.x * 0.5f, top}, kAxisColor, s);
  }
  if (!p.caption.empty()) {
    const char* s = p.caption.c_str();
    const ImVec2 sz = font->CalcTextSizeA(font_px, 1e9f, 0, s);
    const float y = hi.y + tick + font_px * (p.x.label.empty() || p.x.label_at_end ? 1.5f : 2.7f);
    dl->AddText(font, font_px, {0.5f * (lo.x + hi.x) - sz.x * 0.5f, y}, kAxisColor, s);
  }
}

void draw_colorbar(ImDrawList* dl, const fig::Panel& p, const ScreenMap& m, float font_px) {
  if (p.heatmap.empty() || !p.heatmap.front().colorbar) return;
  const fig::Heatmap& h = p.heatmap.front();
  double lo, hi;
  field_range(h, lo, hi);
  const float x0 = m.max().x + font_px * 0.9f, x1 = x0 + font_px * 0.9f;
  const float y0 = m.min().y, y1 = m.max().y;
  constexpr int kSteps = 64;
  for (int k = 0; k < kSteps; ++k) {
    const float ya = y1 - (y1 - y0) * k / kSteps, yb = y1 - (y1 - y0) * (k + 1) / kSteps;
    dl->AddRectFilled({x0, yb}, {x1, ya + 0.5f},
                      to_imu32(map_color(h.colormap, h.cmap_lo, h.cmap_hi, (k + 0.5) / kSteps)));
  }
  dl->AddRect({x0, y0}, {x1, y1}, kAxisColor);
  ImFont* font = ImGui::GetFont();
  const std::vector<double> ticks =
      h.colorbar_ticks.empty() ? fig::nice_ticks(lo, hi, 6) : h.colorbar_ticks;
  const double step = ticks.size() >= 2 ? ticks[1] - ticks[0] : fig::nice_step(lo, hi, 6);
  for (double v : ticks) {
    if (v < lo || v > hi) continue;
    const float y = static_cast<float>(y1 - (v - lo) / (hi - lo) * (y1 - y0));
    dl->AddLine({x1, y}, {x1 + 3, y}, kAxisColor);
    const std::string s = tick_label(v, step);
    dl->AddText(font, font_px, {x1 + 5, y - font_px * 0.5f}, kAxisColor, s.c_str());
  }
  if (!h.colorbar_label.empty())
    dl->AddText(font, font_px, {x0, y0 - font_px * 1.3f}, kAxisColor, h.colorbar_label.c_str());
}

void draw_legend(ImDrawList* dl, const fig::Panel& p, const ScreenMap& m, float font_px,
                 float px_per_pt) {
  if (p.legend.empty() || p.legend_place == fig::LegendPlace::none) return;
  ImFont* font = ImGui::GetFont();
  const float row = font_px * 1.35f, sw = font_px * 2.0f, pad = font_px * 0.4f;
  float text_w = 0;
  for (const auto& e : p.legend)
    text_w = std::max(text_w, font->CalcTextSizeA(font_px, 1e9f, 0, e.label.c_str()).x);
  const float w = pad * 3 + sw + text_w, h = pad * 2 + row * p.legend.size();
  const bool right = p.legend_place == fig::LegendPlace::upper_right ||
                     p.legend_place == fig::LegendPlace::lower_right;
  const bool upper = p.legend_place == fig::LegendPlace::upper_right ||
                     p.legend_place == fig::LegendPlace::upper_left;
  const float x = right ? m.max().x - w - pad : m.min().x + pad;
  const float y = upper ? m.min().y + pad : m.max().y - h - pad;
  dl->AddRectFilled({x, y}, {x + w, y + h}, IM_COL32(255, 255, 255, 225), 3);
  dl->AddRect({x, y}, {x + w, y + h}, IM_COL32(0, 0, 0, 60), 3);
  for (size_t i = 0; i < p.legend.size(); ++i) {
    const fig::LegendEntry& e = p.legend[i];
    const float cy = y + pad + row * (i + 0.5f), sx = x + pad;
    const ImU32 col = to_imu32(e.color);
    switch (e.style) {
      case fig::LegendEntry::Style::line:
        dl->AddLine({sx, cy}, {sx + sw, cy}, col,
                    std::max(1.0f, static_cast<float>(e.width_pt) * px_per_pt));
        break;
      case fig::LegendEntry::Style::marker:
        marker_shape(dl, e.shape, {sx + sw * 0.5f, cy}, font_px * 0.3f, col, kAxisColor, 1.0f);
        break;
      case fig::LegendEntry::Style::gradient:
        for (int k = 0; k < 16; ++k)
          dl->AddRectFilled({sx + sw * k / 16, cy - 3}, {sx + sw * (k + 1) / 16 + 0.5f, cy + 3},
                            to_imu32(map_color(e.colormap, e.cmap_lo, e.cmap_hi, (k + 0.5) / 16)));
        break;
    }
    dl->AddText(font, font_px, {sx + sw + pad, cy - font_px * 0.5f}, kAxisColor, e.label.c_str());
  }
}

}  // namespace ps::gui
