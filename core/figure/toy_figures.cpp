#include "core/figure/toy_figures.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/errors.h"
#include "core/figure/contour.h"
#include "core/figure/layout.h"
#include "toy/toy_problem.h"

namespace ps::fig {
namespace {

const Color kFrontGrey{0x72 / 255.0, 0x72 / 255.0, 0x7A / 255.0, 1};  // the reference plots' grey
const Color kBlack{0, 0, 0, 1};
const Color kWhite{1, 1, 1, 1};
constexpr double kWindow = 10.0;  // the landscape spans [-10, 10]^2

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Keeps a vertex only when it lies farther than `tol` from the last kept one (and always the
// last), so 50,000 Adam steps become what a figure can show, zigzags above `tol` included.
struct Thinned {
  std::vector<Vec2> points;
  std::vector<double> t;
};
Thinned thin(const std::vector<Vec2>& pts, const std::vector<double>& t, double tol) {
  Thinned out;
  for (size_t i = 0; i < pts.size(); ++i) {
    const bool last = i + 1 == pts.size();
    if (!out.points.empty() && !last &&
        std::hypot(pts[i].x - out.points.back().x, pts[i].y - out.points.back().y) < tol)
      continue;
    out.points.push_back(pts[i]);
    out.t.push_back(t[i]);
  }
  return out;
}

void style_trajectory(Polyline& l, Palette palette, int run) {
  switch (palette) {
    case Palette::paper:  // matplotlib.cm.magma_r(np.linspace(0.1, 0.6, n)) in the reference
      l.colormap = ColormapId::magma_r;
      l.cmap_lo = 0.1;
      l.cmap_hi = 0.6;
      break;
    case Palette::viridis:  // yellow early -> purple late, the same reading as the paper's
      l.colormap = ColormapId::viridis_r;
      l.cmap_lo = 0.0;
      l.cmap_hi = 0.9;
      break;
    case Palette::okabe_ito:
      l.t.clear();
      l.color = okabe_ito(run);
      break;
  }
}

// One polyline per run, in loss space (`in_x` false) or parameter space; t = step / last step.
std::vector<Polyline> trajectories(const toy::SimResult& r, bool in_x, Palette palette,
                                   double tol) {
  std::vector<Polyline> out;
  for (size_t k = 0; k < r.runs.size(); ++k) {
    const toy::Trajectory& tr = r.runs[k];
    if (tr.points.empty()) continue;
    std::vector<Vec2> pts;
    std::vector<double> t;
    const double last = std::max(1, tr.points.back().step);
    for (const toy::StepRecord& s : tr.points) {
      const Eigen::Vector2d& v = in_x ? s.x : s.losses;
      pts.push_back({v.x(), v.y()});
      t.push_back(s.step / last);
    }
    Thinned th = thin(pts, t, tol);
    Polyline l;
    l.name = "run " + std::to_string(k + 1) + " from (" + num(tr.start.x()) + ", " +
             num(tr.start.y()) + ")";
    l.kind = SeriesKind::trajectory;
    l.points = std::move(th.points);
    l.t = std::move(th.t);
    l.width_pt = 1.0;
    style_trajectory(l, palette, static_cast<int>(k));
    out.push_back(std::move(l));
  }
  return out;
}

void add_start_end_markers(const toy::SimResult& r, bool in_x, Panel& p) {
  MarkerSet starts, ends;
  starts.name = "start points";
  starts.shape = MarkerShape::dot;
  starts.size_pt = 4.5;
  starts.edge_width_pt = 0;
  ends.name = "end points";
  ends.shape = MarkerShape::diamond;
  ends.size_pt = 4.0;
  ends.fill = kWhite;
  ends.edge = kBlack;
  ends.edge_width_pt = 0.6;
  for (const toy::Trajectory& tr : r.runs) {
    if (tr.points.empty()) continue;
    const Eigen::Vector2d& a = in_x ? tr.points.front().x : tr.points.front().losses;
    const Eigen::Vector2d& b = in_x ? tr.points.back().x : tr.points.back().losses;
    starts.points.push_back({a.x(), a.y()});
    ends.points.push_back({b.x(), b.y()});
  }
  p.markers.push_back(std::move(ends));
  p.markers.push_back(std::move(starts));  // drawn last: black dots on top, as in the paper
}

void add_legend(Panel& p, Palette palette, bool with_front_label, const std::string& front) {
  if (with_front_label)
    p.legend.push_back({front, LegendEntry::Style::line, kFrontGrey, 3.0});
  LegendEntry start{"start", LegendEntry::Style::marker, kBlack};
  start.shape = MarkerShape::dot;
  p.legend.push_back(start);
  LegendEntry end{"end", LegendEntry::Style::marker, kWhite};
  end.shape = MarkerShape::diamond;
  p.legend.push_back(end);
  if (palette != Palette::okabe_ito) {
    LegendEntry time{"early \xE2\x86\x92 late", LegendEntry::Style::gradient};
    Polyline probe;
    style_trajectory(probe, palette, 0);
    time.colormap = probe.colormap;
    time.cmap_lo = probe.cmap_lo;
    time.cmap_hi = probe.cmap_hi;
    p.legend.push_back(time);
  }
}

double diag(const std::vector<Vec2>& a, const toy::SimResult& r, bool in_x) {
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
  auto add = [&](double x, double y) {
    if (!std::isfinite(x) || !std::isfinite(y)) return;
    x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
  };
  for (const Vec2& v : a) add(v.x, v.y);
  for (const toy::Trajectory& tr : r.runs)
    for (const toy::StepRecord& s : tr.points) add(in_x ? s.x.x() : s.losses.x(), in_x ? s.x.y() : s.losses.y());
  return x1 >= x0 ? std::hypot(x1 - x0, y1 - y0) : 1.0;
}

std::string landscape_label(Landscape l) {
  switch (l) {
    case Landscape::l1: return "L\xE2\x82\x81";
    case Landscape::l2: return "L\xE2\x82\x82";
    case Landscape::mean: return "(L\xE2\x82\x81 + L\xE2\x82\x82) / 2";
    case Landscape::max: return "max(L\xE2\x82\x81, L\xE2\x82\x82)";
  }
  return "";
}

// Gives each group of panels the union of their fitted ranges (a FigureSpec-wide share_x would
// also tie loss panels to landscape panels).
void share_ranges(std::vector<Panel*> group) {
  if (group.empty()) return;
  FigureSpec tmp;
  tmp.share_x = tmp.share_y = true;
  for (Panel* p : group) tmp.panels.push_back(*p);
  fit_axes(tmp);
  for (size_t i = 0; i < group.size(); ++i) {
    for (AxisSpec* a : {&group[i]->x, &group[i]->y}) a->auto_range = false;
    group[i]->x.min = tmp.panels[i].x.min, group[i]->x.max = tmp.panels[i].x.max;
    group[i]->y.min = tmp.panels[i].y.min, group[i]->y.max = tmp.panels[i].y.max;
  }
}

FigureSpec blank(const FigureOptions& o, int rows, int cols, double w, double h) {
  FigureSpec f;
  f.width_in = o.width_in > 0 ? o.width_in : w;
  f.height_in = o.height_in > 0 ? o.height_in : h;
  f.dpi = o.dpi;
  f.font_pt = o.font_pt;
  f.font_family = o.font_family;
  f.palette = o.palette;
  f.rows = rows;
  f.cols = cols;
  return f;
}

}  // namespace

const char* to_string(Landscape l) {
  switch (l) {
    case Landscape::l1: return "l1";
    case Landscape::l2: return "l2";
    case Landscape::mean: return "mean";
    case Landscape::max: return "max";
  }
  return "?";
}

Landscape parse_landscape(const std::string& name) {
  for (Landscape l : {Landscape::l1, Landscape::l2, Landscape::mean, Landscape::max})
    if (name == to_string(l)) return l;
  throw InputError("unknown landscape '" + name + "'; valid: l1, l2, mean, max");
}

const char* to_string(View v) {
  switch (v) {
    case View::loss: return "loss";
    case View::landscape: return "landscape";
    case View::both: return "both";
  }
  return "?";
}

View parse_view(const std::string& name) {
  for (View v : {View::loss, View::landscape, View::both})
    if (name == to_string(v)) return v;
  throw InputError("unknown view '" + name + "'; valid: loss, landscape, both");
}

ScalarField toy_landscape(double scale, Landscape which, int n) {
  if (n < 2 || n > 4096) throw InputError("landscape grid must have 2 to 4096 nodes per side");
  const toy::ToyProblem problem(scale);
  ScalarField f;
  f.nx = f.ny = n;
  f.x0 = f.y0 = -kWindow;
  f.x1 = f.y1 = kWindow;
  f.values.resize(static_cast<size_t>(n) * n);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const Eigen::Vector2d l = problem.losses({f.x_at(i), f.y_at(j)});
      double v = 0;
      switch (which) {
        case Landscape::l1: v = l[0]; break;
        case Landscape::l2: v = l[1]; break;
        case Landscape::mean: v = 0.5 * (l[0] + l[1]); break;
        case Landscape::max: v = std::max(l[0], l[1]); break;
      }
      f.values[static_cast<size_t>(j) * n + i] = v;
    }
  return f;
}

std::string settings_title(const toy::SimSettings& s) {
  const MethodInfo& info = find_method(s.method);
  const ParamValues p = resolve_params(info, s.params);
  std::string extra;
  for (const ParamSpec& spec : info.params) {
    if (spec.name == "seed") continue;
    const double v = p.at(spec.name);
    // FairGrad's alpha is the point of the figure: always shown; others only when changed.
    if (v == spec.default_value && !(s.method == "fairgrad" && spec.name == "alpha")) continue;
    const std::string name = spec.name == "alpha" ? "\xCE\xB1" : spec.name;
    extra += (extra.empty() ? "" : ", ") + name + " = " + num(v);
  }
  const auto la = p.find("loss_alpha");
  if (la != p.end() && la->second != 0)
    extra += (extra.empty() ? "" : ", ") + std::string("loss \xCE\xB1 = ") + num(la->second);
  return extra.empty() ? info.label : info.label + " (" + extra + ")";
}

Panel loss_panel(const toy::SimResult& r, const toy::ParetoCurve& pareto, Palette palette) {
  Panel p;
  p.x.label = "\xE2\x84\x93\xE2\x82\x81";  // ℓ₁
  p.y.label = "\xE2\x84\x93\xE2\x82\x82";  // ℓ₂
  p.x.label_at_end = p.y.label_at_end = true;
  p.open_axes = true;
  Polyline front;
  front.name = "Pareto front";
  front.kind = SeriesKind::front;
  for (const Eigen::Vector2d& v : pareto.front) front.points.push_back({v.x(), v.y()});
  front.color = kFrontGrey;
  front.width_pt = 3.0;
  const double tol = 1e-3 * diag(front.points, r, false);
  p.lines.push_back(std::move(front));
  for (Polyline& l : trajectories(r, false, palette, tol)) p.lines.push_back(std::move(l));
  add_start_end_markers(r, false, p);
  add_legend(p, palette, true, "Pareto front");
  p.legend_place = LegendPlace::lower_right;  // below the starts, right of the front: empty
  return p;
}

Panel landscape_panel(const toy::SimResult& r, const toy::ParetoCurve& pareto, Landscape which,
                      Palette palette, int samples) {
  Panel p;
  p.x.label = "x\xE2\x82\x81";
  p.y.label = "x\xE2\x82\x82";
  p.equal_aspect = true;
  Heatmap h;
  h.field = toy_landscape(r.settings.scale, which, samples);
  // Time-coloured trajectories run through a whole colormap, so only a light grey map keeps
  // every part of them readable; solid Okabe-Ito lines stand out on viridis.
  const bool light = palette != Palette::okabe_ito;
  h.colormap = light ? ColormapId::greys : ColormapId::viridis;
  h.colorbar_label = landscape_label(which);
  if (light) h.cmap_hi = 0.45;  // white to mid grey only
  const Color line = light ? Color{0.45, 0.45, 0.45, 0.8} : Color{1, 1, 1, 0.55};
  for (Polyline& c : contour_polylines(h.field, contour_levels(h.field, 10), line, 0.4))
    p.lines.push_back(std::move(c));
  p.heatmap.push_back(std::move(h));
  Polyline set;
  set.name = "Pareto set";
  set.kind = SeriesKind::pareto_set;
  for (const Eigen::Vector2d& v : pareto.set) set.points.push_back({v.x(), v.y()});
  set.color = kFrontGrey;
  set.width_pt = 2.5;
  p.lines.push_back(std::move(set));
  for (Polyline& l : trajectories(r, true, palette, 2e-3 * kWindow)) p.lines.push_back(std::move(l));
  add_start_end_markers(r, true, p);
  p.legend_place = LegendPlace::none;
  return p;
}

FigureSpec single_figure(const toy::SimResult& r, View view, const FigureOptions& o) {
  const toy::ParetoCurve pareto = toy::pareto_curve(r.settings.scale);
  const std::string title = settings_title(r.settings);
  FigureSpec f;
  if (view == View::both) {
    f = blank(o, 1, 2, 7.5, 3.3);
    f.panels.push_back(loss_panel(r, pareto, o.palette));
    f.panels.push_back(landscape_panel(r, pareto, o.landscape, o.palette, o.landscape_samples));
    f.panels[0].title = "loss space";
    f.panels[1].title = "parameter space";
    f.suptitle = title;
  } else if (view == View::loss) {
    f = blank(o, 1, 1, 3.6, 3.0);
    f.panels.push_back(loss_panel(r, pareto, o.palette));
    f.panels[0].title = title;
  } else {
    f = blank(o, 1, 1, 4.0, 3.4);
    f.panels.push_back(landscape_panel(r, pareto, o.landscape, o.palette, o.landscape_samples));
    f.panels[0].title = title;
  }
  return f;
}

std::vector<toy::SimSettings> figure1_settings(const toy::SimSettings& base) {
  // alpha -> infinity is max-min fairness. At 1e3 the toy runs have reached that limit: their
  // end points agree with alpha = 1e5 to 1e-3 (alpha = 10 still differs by 0.7 in l2).
  std::vector<toy::SimSettings> out;
  for (double alpha : {0.0, 1.0, 2.0, 1e3}) {
    toy::SimSettings s = base;
    s.method = "fairgrad";
    s.params = base.params;
    s.params["alpha"] = alpha;
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> figure1_captions() {
  return {"(a) FairGrad (without fairness)", "(b) FairGrad (proportional fair)",
          "(c) FairGrad (MPD fair)", "(d) FairGrad (max-min fair)"};
}

FigureSpec figure1(const std::vector<toy::SimResult>& results, const FigureOptions& o) {
  if (results.size() != 4)
    throw InputError("figure 1 needs four runs (alpha 0, 1, 2, max-min), got " +
                     std::to_string(results.size()));
  const toy::ParetoCurve pareto = toy::pareto_curve(results.front().settings.scale);
  FigureSpec f = blank(o, 1, 4, 7.2, 2.0);
  f.share_x = f.share_y = true;
  const std::vector<std::string> captions = figure1_captions();
  for (size_t i = 0; i < results.size(); ++i) {
    Panel p = loss_panel(results[i], pareto, o.palette);
    p.caption = captions[i];
    p.legend_place = LegendPlace::none;  // the paper's panels carry none
    f.panels.push_back(std::move(p));
  }
  return f;
}

FigureSpec figure1(const toy::SimSettings& base, const FigureOptions& o) {
  std::vector<toy::SimResult> results;
  for (const toy::SimSettings& s : figure1_settings(base)) results.push_back(toy::simulate(s));
  return figure1(results, o);
}

FigureSpec compare(const std::vector<toy::SimResult>& results, View view, const FigureOptions& o) {
  if (results.empty()) throw InputError("compare needs at least one run");
  const int n = static_cast<int>(results.size());
  const int cols = std::min(n, 4);
  const int blocks = (n + cols - 1) / cols;
  const int rows = view == View::both ? 2 * blocks : blocks;
  const double w = 1.9 * cols + 0.3, h = (view == View::loss ? 2.0 : 2.3) * rows + 0.2;
  FigureSpec f = blank(o, rows, cols, w, h);
  f.panels.resize(static_cast<size_t>(rows) * cols);
  std::vector<Panel*> loss, land;
  for (int b = 0; b < blocks; ++b)
    for (int c = 0; c < cols; ++c) {
      const int i = b * cols + c;
      if (i >= n) continue;
      const toy::SimResult& r = results[static_cast<size_t>(i)];
      const toy::ParetoCurve pareto = toy::pareto_curve(r.settings.scale);
      const std::string title = settings_title(r.settings);
      const int row = view == View::both ? 2 * b : b;
      if (view != View::landscape) {
        Panel& p = f.panels[static_cast<size_t>(row * cols + c)];
        p = loss_panel(r, pareto, o.palette);
        p.title = title;
        if (i != 0) p.legend_place = LegendPlace::none;
        loss.push_back(&p);
      }
      if (view != View::loss) {
        Panel& p = f.panels[static_cast<size_t>((view == View::both ? row + 1 : row) * cols + c)];
        p = landscape_panel(r, pareto, o.landscape, o.palette, o.landscape_samples);
        if (view == View::landscape) p.title = title;
        land.push_back(&p);
      }
    }
  share_ranges(loss);
  share_ranges(land);
  return f;
}

FigureSpec compare(const std::vector<toy::SimSettings>& settings, View view,
                   const FigureOptions& o) {
  std::vector<toy::SimResult> results;
  for (const toy::SimSettings& s : settings) results.push_back(toy::simulate(s));
  return compare(results, view, o);
}

}  // namespace ps::fig
