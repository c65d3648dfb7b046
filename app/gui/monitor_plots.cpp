#include "app/gui/monitor_plots.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/telemetry/series_decimate.h"

namespace ps::gui {
namespace {

using telemetry::Quantity;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kMaxStatusMarks = 200;  // past this, status changes are too dense to mark

int idx(MonitorPlot p) { return static_cast<int>(p); }

// The task-level plots and what they draw.
struct TaskPlot {
  MonitorPlot plot;
  Quantity q;
};
constexpr TaskPlot kTaskPlots[] = {{MonitorPlot::loss, Quantity::loss},
                                   {MonitorPlot::rate, Quantity::rate},
                                   {MonitorPlot::weight, Quantity::weight},
                                   {MonitorPlot::share, Quantity::share}};

fig::Color mix(const fig::Color& a, const fig::Color& b, double f) {
  return {a.r + f * (b.r - a.r), a.g + f * (b.g - a.g), a.b + f * (b.b - a.b), a.a};
}

std::vector<std::string> task_names(const telemetry::RunLog& log) {
  const int k = log.num_tasks();
  if (!log.headers().empty() && static_cast<int>(log.headers().back().header.tasks.size()) == k)
    return log.headers().back().header.tasks;
  std::vector<std::string> n;
  for (int t = 0; t < k; ++t) n.push_back("task " + std::to_string(t + 1));
  return n;
}

// Pads a data range (axis units) for showing it; an empty or flat one gets a unit span.
void padded(double lo, double hi, double& a, double& b) {
  if (!(lo <= hi)) lo = 0, hi = 1;
  if (hi - lo < 1e-12 * std::max(1.0, std::abs(hi))) lo -= 0.5, hi += 0.5;
  const double pad = 0.05 * (hi - lo);
  a = lo - pad, b = hi + pad;
}

}  // namespace

const char* title(MonitorPlot p) {
  switch (p) {
    case MonitorPlot::loss: return "losses";
    case MonitorPlot::rate: return "rates gᵢ·d";
    case MonitorPlot::weight: return "weights wᵢ";
    case MonitorPlot::share: return "weight shares wᵢ / Σw";
    case MonitorPlot::residual: return "solver residual";
    case MonitorPlot::iterations: return "solver iterations";
    case MonitorPlot::time: return "time per step (ms)";
  }
  return "?";
}

bool log_y(MonitorPlot p, const MonitorOptions& o) {
  switch (p) {
    case MonitorPlot::loss: return o.log_loss;
    case MonitorPlot::rate: return o.log_rate;
    case MonitorPlot::weight: return o.log_weight;
    case MonitorPlot::residual: return true;
    case MonitorPlot::time: return o.log_time;
    case MonitorPlot::share:
    case MonitorPlot::iterations: return false;
  }
  return false;
}

fig::Color task_palette(int task) {
  // Okabe-Ito's seven, then grey, brown and pink (tab10's) for K up to 10.
  static const fig::Color extra[] = {{0.35, 0.35, 0.35, 1}, {0.55, 0.34, 0.29, 1},
                                     {0.89, 0.47, 0.76, 1}};
  const int i = ((task % 10) + 10) % 10;
  return i < 7 ? fig::okabe_ito(i) : extra[i - 7];
}

MonitorBuilder::MonitorBuilder(const MonitorRequest& r) : r_(r), ext0_(kInf), ext1_(-kInf) {
  ylo_.fill(kInf), yhi_.fill(-kInf);
  for (int p = 0; p < kMonitorPlots; ++p) {
    fig::Panel& pn = out_.panels[p];
    pn.title = title(static_cast<MonitorPlot>(p));
    pn.grid = true;
    pn.y.log = log_y(static_cast<MonitorPlot>(p), r.view);
    pn.y.auto_range = pn.x.auto_range = false;
    // The bottom row carries the x axis' name.
    if (p >= idx(MonitorPlot::residual)) pn.x.label = telemetry::to_string(r.view.x_axis);
  }
}

void MonitorBuilder::include_extent(const telemetry::RunSeries& s) {
  const auto x = s.x(r_.view.x_axis);
  if (x.empty()) return;
  if (s.x_monotonic(r_.view.x_axis)) {
    ext0_ = std::min(ext0_, x.front()), ext1_ = std::max(ext1_, x.back());
    return;
  }
  for (double v : x)
    if (std::isfinite(v)) ext0_ = std::min(ext0_, v), ext1_ = std::max(ext1_, v);
}

void MonitorBuilder::add_series(MonitorPlot p, std::span<const double> x, bool monotonic,
                                std::span<const float> y, const telemetry::MinMaxTree* tree,
                                double scale, const fig::Polyline& style) {
  const bool log = out_.panels[idx(p)].y.log;
  telemetry::DecimateOptions o;
  o.x0 = r_.follow ? ext0_ : r_.x0;
  o.x1 = r_.follow ? ext1_ : r_.x1;
  o.columns = std::max(1, r_.columns);
  o.log_y = log;
  o.x_monotonic = monotonic;
  o.tree = tree;
  if (!(o.x0 <= o.x1) || x.empty() || y.size() != x.size()) return;
  telemetry::decimate_minmax(x, y, o, buf_);
  const double shift = log ? std::log10(scale) : 0;
  double& lo = ylo_[idx(p)];
  double& hi = yhi_[idx(p)];
  auto& lines = out_.panels[idx(p)].lines;
  fig::Polyline* cur = nullptr;
  for (const telemetry::XY& q : buf_) {
    if (!std::isfinite(q.y)) {  // a gap: the next finite point starts a new polyline
      cur = nullptr;
      continue;
    }
    const double ay = log ? q.y + shift : q.y * scale;  // axis units
    if (q.x >= o.x0 && q.x <= o.x1) lo = std::min(lo, ay), hi = std::max(hi, ay);
    if (!cur) {
      cur = &lines.emplace_back(style);
      cur->points.reserve(buf_.size());
    }
    cur->points.push_back({q.x, log ? std::pow(10.0, ay) : ay});
  }
}

void MonitorBuilder::add(const MonitorRun& run) {
  const telemetry::RunLog& log = *run.log;
  const telemetry::RunSeries& s = *run.series;
  const int ri = runs_++;
  const telemetry::XAxis xa = r_.view.x_axis;
  const auto x = s.x(xa);
  if (!x.empty()) out_.empty = false;
  const bool mono = s.x_monotonic(xa);
  // The smoothed columns exist once the watcher has applied the smoothing (RunsModel::update).
  const bool smoothed = r_.view.smoothing > 0 && s.smooth(Quantity::loss, 0).size() == x.size();
  const bool raw_behind = smoothed && r_.view.show_raw;
  const int k = s.num_tasks();
  const std::vector<std::string> names = task_names(log);
  if (ri == 0) out_.tasks = names;

  auto draw = [&](MonitorPlot p, Quantity q, int t, double scale, fig::Color c, bool dashed,
                  const std::string& name) {
    // A run with no rows yet has no columns to ask for (not even the scalar ones).
    if (x.empty() || k == 0) return;
    fig::Polyline style;
    style.color = c;
    style.dashed = dashed;
    if (raw_behind) {
      style.name = name + " (raw)";
      style.color.a = 0.25;
      style.width_pt = 0.8;
      add_series(p, x, mono, s.raw(q, t), s.raw_tree(q, t), scale, style);
      style.color.a = c.a;
    }
    style.name = name;
    style.width_pt = 1.2;
    if (smoothed)
      add_series(p, x, mono, s.smooth(q, t), s.smooth_tree(q, t), scale, style);
    else
      add_series(p, x, mono, s.raw(q, t), s.raw_tree(q, t), scale, style);
  };
  const std::string prefix = r_.overlay ? run.label + ": " : "";
  for (const TaskPlot& tp : kTaskPlots)
    for (int t = 0; t < k && t < static_cast<int>(names.size()); ++t) {
      if (r_.task >= 0 && t != r_.task) continue;
      // Overlaid runs: the run's colour, lighter for later tasks.
      const fig::Color c =
          r_.overlay ? mix(run.color, {1, 1, 1, 1}, k > 1 ? 0.6 * t / (k - 1) : 0.0)
                     : task_palette(t);
      draw(tp.plot, tp.q, t, 1, c, false, prefix + names[t]);
    }
  const fig::Color solo{0.15, 0.15, 0.15, 1};
  const fig::Color sc = r_.overlay ? run.color : solo;
  draw(MonitorPlot::residual, Quantity::residual, 0, 1, sc, false, prefix + "residual");
  draw(MonitorPlot::iterations, Quantity::iterations, 0, 1, sc, false, prefix + "iterations");
  draw(MonitorPlot::time, Quantity::step_time, 0, 1e3, r_.overlay ? run.color : fig::okabe_ito(3),
       false, prefix + "step");
  draw(MonitorPlot::time, Quantity::method_time, 0, 1e3,
       r_.overlay ? run.color : fig::okabe_ito(4), true, prefix + "method");
  add_status_changes(run);

  for (const telemetry::EventEntry& e : log.events()) {
    EventMark m;
    m.x = logged_x(log, s, xa, e.row, e.event.step, e.event.time);
    m.step = e.event.step;
    m.kind = e.event.kind;
    m.label = (r_.overlay ? run.label + ": " : "") + event_label(e.event);
    m.message = (r_.overlay ? run.label + ": " : "") + e.event.kind + " at step " +
                std::to_string(e.event.step) + (e.event.message.empty() ? "" : ": ") +
                e.event.message;
    m.color = event_color(e.event.kind);
    m.run = ri;
    out_.events.push_back(std::move(m));
  }
  // The legend of the losses plot names what the colours mean.
  auto& legend = out_.panels[idx(MonitorPlot::loss)].legend;
  if (r_.overlay) {
    fig::LegendEntry e;
    e.label = run.label + (r_.task >= 0 && r_.task < static_cast<int>(names.size())
                               ? ": " + names[r_.task]
                               : k > 1 ? " (tasks dark → light)" : "");
    e.color = run.color;
    legend.push_back(e);
  } else {
    for (int t = 0; t < static_cast<int>(names.size()); ++t) {
      if (r_.task >= 0 && t != r_.task) continue;
      fig::LegendEntry e;
      e.label = names[t];
      e.color = task_palette(t);
      legend.push_back(e);
    }
  }
}

void MonitorBuilder::add_status_changes(const MonitorRun& run) {
  const telemetry::StepSeries& st = run.log->steps();
  const telemetry::XAxis xa = r_.view.x_axis;
  const auto x = run.series->x(xa);
  if (x.empty() || run.series->num_tasks() == 0) return;
  const auto iters = run.series->raw(Quantity::iterations);
  const size_t n = std::min({st.status.size(), x.size(), iters.size()});
  if (n < 2) return;
  const double x0 = r_.follow ? ext0_ : r_.x0, x1 = r_.follow ? ext1_ : r_.x1;
  size_t a = 1, b = n;
  if (run.series->x_monotonic(xa)) {
    a = static_cast<size_t>(std::max<std::ptrdiff_t>(1, run.series->row_at(xa, x0)));
    b = std::min(n, static_cast<size_t>(run.series->row_at(xa, x1) + 2));
  }
  fig::Panel& pn = out_.panels[idx(MonitorPlot::iterations)];
  int marks = 0;
  for (size_t r = a; r < b && marks < kMaxStatusMarks; ++r) {
    if (st.status[r] == st.status[r - 1] || st.status[r] == 0 || x[r] < x0 || x[r] > x1) continue;
    const std::string& name = st.status_names[st.status[r]];
    auto it = std::find(statuses_seen_.begin(), statuses_seen_.end(), name);
    const int si = static_cast<int>(it - statuses_seen_.begin());
    if (it == statuses_seen_.end()) statuses_seen_.push_back(name);
    const std::string set = "status → " + name;
    auto ms = std::find_if(pn.markers.begin(), pn.markers.end(),
                           [&](const fig::MarkerSet& m) { return m.name == set; });
    if (ms == pn.markers.end()) {
      fig::MarkerSet m;
      m.name = set;
      m.shape = fig::MarkerShape::triangle;
      m.fill = name == "ok" ? fig::okabe_ito(2) : fig::okabe_ito(4 + si % 3);
      m.size_pt = 5;
      pn.markers.push_back(m);
      fig::LegendEntry e;
      e.label = set;
      e.style = fig::LegendEntry::Style::marker;
      e.shape = m.shape;
      e.color = m.fill;
      pn.legend.push_back(e);
      ms = pn.markers.end() - 1;
    }
    const double y = std::isfinite(iters[r]) ? iters[r] : 0.0;
    ms->points.push_back({x[r], y});
    ++marks;
  }
}

MonitorPlots MonitorBuilder::finish() {
  out_.data_x0 = ext0_ <= ext1_ ? ext0_ : 0;
  out_.data_x1 = ext0_ <= ext1_ ? ext1_ : 1;
  double x0 = r_.follow ? out_.data_x0 : r_.x0, x1 = r_.follow ? out_.data_x1 : r_.x1;
  // Following: a run's last event (finished, stopped, nan) comes after its last row; show it.
  if (r_.follow && !out_.empty)
    for (const EventMark& e : out_.events)
      if (e.x > x1 && e.x <= out_.data_x1 + 0.05 * (out_.data_x1 - out_.data_x0) + 1) x1 = e.x;
  if (!(x1 > x0)) x0 -= 0.5, x1 += 0.5;
  for (int p = 0; p < kMonitorPlots; ++p) {
    fig::Panel& pn = out_.panels[p];
    Range2& rg = out_.ranges[p];
    rg.x0 = x0, rg.x1 = x1;
    if (!r_.follow && r_.y_user[p] && r_.y1[p] > r_.y0[p]) {
      rg.y0 = r_.y0[p], rg.y1 = r_.y1[p];
    } else if (p == idx(MonitorPlot::share)) {
      rg.y0 = -0.03, rg.y1 = 1.03;  // shares live in [0, 1]
    } else {
      padded(ylo_[p], yhi_[p], rg.y0, rg.y1);
    }
    pn.x.min = rg.x0, pn.x.max = rg.x1;
    auto value = [&](double ay) { return pn.y.log ? std::pow(10.0, ay) : ay; };
    pn.y.min = value(rg.y0), pn.y.max = value(rg.y1);
    // Events: dashed verticals across the shown height, under the data.
    std::vector<fig::Polyline> marks;
    for (const EventMark& e : out_.events) {
      if (e.x < x0 || e.x > x1) continue;
      fig::Polyline l;
      l.name = "event: " + e.label;
      l.color = e.color;
      l.color.a = 0.85;
      l.width_pt = 1.0;
      l.dashed = true;
      l.points = {{e.x, value(rg.y0)}, {e.x, value(rg.y1)}};
      marks.push_back(std::move(l));
    }
    pn.lines.insert(pn.lines.begin(), marks.begin(), marks.end());
  }
  // The time plot tells its two lines apart by colour (one run) or by dash (runs overlaid).
  auto& time_legend = out_.panels[idx(MonitorPlot::time)].legend;
  const fig::Color grey{0.2, 0.2, 0.2, 1};
  time_legend.push_back({"whole step", fig::LegendEntry::Style::line,
                         r_.overlay ? grey : fig::okabe_ito(3)});
  fig::LegendEntry method{r_.overlay ? "weighting method (dashed)" : "weighting method",
                          fig::LegendEntry::Style::line, r_.overlay ? grey : fig::okabe_ito(4)};
  method.dashed = true;
  time_legend.push_back(method);
  out_.panels[idx(MonitorPlot::time)].legend_place = fig::LegendPlace::lower_right;
  // The tasks' (or runs') legend is long: the window shows it in a strip above the plots.
  out_.panels[idx(MonitorPlot::loss)].legend_place = fig::LegendPlace::none;
  return std::move(out_);
}

}  // namespace ps::gui
