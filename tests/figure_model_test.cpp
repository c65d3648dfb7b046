// The figure model without Cairo: ticks, colormaps, contours, axis fitting, layout, display list.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "core/errors.h"
#include "core/figure/colormap.h"
#include "core/figure/contour.h"
#include "core/figure/display_list.h"
#include "core/figure/layout.h"
#include "core/figure/ticks.h"

using namespace ps::fig;

namespace {

bool is_125(double step) {
  const double m = step / std::pow(10.0, std::floor(std::log10(step) + 1e-12));
  return std::abs(m - 1) < 1e-9 || std::abs(m - 2) < 1e-9 || std::abs(m - 5) < 1e-9;
}

ScalarField circle_field(int n, double half) {
  ScalarField f;
  f.nx = f.ny = n;
  f.x0 = f.y0 = -half;
  f.x1 = f.y1 = half;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) f.values.push_back(f.x_at(i) * f.x_at(i) + f.y_at(j) * f.y_at(j));
  return f;
}

Polyline line(std::string name, std::vector<Vec2> pts) {
  Polyline l;
  l.name = std::move(name);
  l.points = std::move(pts);
  return l;
}

}  // namespace

TEST_CASE("nice ticks step by 1-2-5 and cover the range", "[figure][ticks]") {
  struct Case {
    double lo, hi;
  };
  for (Case c : {Case{-2.1, 0.85}, Case{-21, 8}, Case{0, 1}, Case{1e-3, 3.7e-3}, Case{-7, 7},
                 Case{123, 9876}, Case{5, -5}}) {
    const auto t = nice_ticks(c.lo, c.hi, 5);
    INFO(c.lo << " .. " << c.hi);
    REQUIRE(t.size() >= 2);
    REQUIRE(t.size() <= 11);
    const double step = t[1] - t[0];
    CHECK(is_125(step));
    for (size_t k = 1; k < t.size(); ++k) CHECK(t[k] - t[k - 1] == Approx(step));
    for (double v : t) {
      CHECK(v >= std::min(c.lo, c.hi) - 1e-9);
      CHECK(v <= std::max(c.lo, c.hi) + 1e-9);
      CHECK(std::abs(std::remainder(v, step)) < 1e-9 * std::max(1.0, std::abs(v)));
    }
    // No room for another tick of the same step at either end.
    CHECK(t.front() - step < std::min(c.lo, c.hi) - 1e-12);
    CHECK(t.back() + step > std::max(c.lo, c.hi) + 1e-12);
  }
  CHECK(nice_ticks(-2.1, 0.85, 6) == std::vector<double>{-2.0, -1.5, -1.0, -0.5, 0.0, 0.5});
  CHECK(nice_ticks(-21, 8, 5) == std::vector<double>{-20, -15, -10, -5, 0, 5});
  CHECK(nice_ticks(3, 3, 5).size() >= 2);  // a single value still gets an axis
}

TEST_CASE("tick labels use the step's decimals and a real minus", "[figure][ticks]") {
  CHECK(format_tick(-1.5, 0.5) == "\xE2\x88\x92" "1.5");
  CHECK(format_tick(-2.0, 0.5) == "\xE2\x88\x92" "2.0");
  CHECK(format_tick(0.0, 0.5) == "0.0");
  CHECK(format_tick(-1e-17, 0.5) == "0.0");  // rounding noise is not "-0.0"
  CHECK(format_tick(15, 5) == "15");
  CHECK(format_tick(0.25, 0.25) == "0.25");
  CHECK(format_tick(1e-5, 1e-5) == "1e-05");
}

TEST_CASE("log ticks are powers of ten inside the range", "[figure][ticks]") {
  CHECK(log_ticks(1e-4, 1e2) == std::vector<double>{1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100});
  const auto fine = log_ticks(0.15, 9);
  CHECK(fine == std::vector<double>{0.2, 0.5, 1, 2, 5});
  CHECK(log_ticks(-1, 10).empty());
}

TEST_CASE("magma_r runs from light orange-yellow to dark purple, as matplotlib's", "[figure][colormap]") {
  const Color start = sample(ColormapId::magma_r, 0), end = sample(ColormapId::magma_r, 1);
  // matplotlib: magma(1.0) = (0.987053, 0.991438, 0.749504), magma(0.0) = (0.001462, ...).
  CHECK(start.r == Approx(0.987053).margin(1e-6));
  CHECK(start.b == Approx(0.749504).margin(1e-6));
  CHECK(end.r == Approx(0.001462).margin(1e-6));
  CHECK(end.b == Approx(0.013866).margin(1e-6));
  // The reference figures' range [0.1, 0.6]: orange early (red high, blue low) ...
  const Color early = sample(ColormapId::magma_r, 0.1), late = sample(ColormapId::magma_r, 0.6);
  CHECK(early.r > 0.95);
  CHECK(early.g > 0.5);
  CHECK(early.b < early.g);
  // ... purple late (blue above green, darker).
  CHECK(late.b > late.g);
  CHECK(late.r + late.g + late.b < early.r + early.g + early.b - 0.8);
  // magma(0.5) in matplotlib's table is entry 127/128: about (0.716, 0.215, 0.475).
  const Color mid = sample(ColormapId::magma, 0.5);
  CHECK(mid.r == Approx(0.7164).margin(0.005));
  CHECK(mid.g == Approx(0.2150).margin(0.005));
  CHECK(mid.b == Approx(0.4753).margin(0.005));
  // Lightness falls monotonically along magma_r.
  double prev = 10;
  for (int k = 0; k <= 32; ++k) {
    const Color c = sample(ColormapId::magma_r, k / 32.0);
    const double y = 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
    CHECK(y < prev);
    prev = y;
  }
}

TEST_CASE("viridis endpoints and Okabe-Ito colours", "[figure][colormap]") {
  CHECK(to_hex(sample(ColormapId::viridis, 0)) == "#440154");
  CHECK(to_hex(sample(ColormapId::viridis, 1)) == "#fde725");
  CHECK(to_hex(sample(ColormapId::viridis_r, 0)) == "#fde725");
  CHECK(to_hex(okabe_ito(0)) == "#e69f00");
  CHECK(to_hex(okabe_ito(3)) == "#0072b2");
  CHECK(to_hex(okabe_ito(6)) == "#f0e442");  // yellow last: weakest on white
  CHECK(to_hex(okabe_ito(7)) == to_hex(okabe_ito(0)));  // cycles
  std::set<std::string> distinct;
  for (int i = 0; i < 7; ++i) distinct.insert(to_hex(okabe_ito(i)));
  CHECK(distinct.size() == 7);
  CHECK(parse_colormap("viridis_r") == ColormapId::viridis_r);
  CHECK_THROWS_AS(parse_colormap("jet"), ps::InputError);
}

TEST_CASE("contours of x^2 + y^2 are circles of the level's radius", "[figure][contour]") {
  const ScalarField f = circle_field(81, 2.0);  // cell 0.05
  const double h = 0.05;
  for (double r : {0.5, 1.0, 1.7}) {
    const auto lines = contour_lines(f, r * r);
    INFO("r = " << r);
    REQUIRE(lines.size() == 1);  // one closed loop, joined end to end
    const auto& l = lines.front();
    CHECK(l.size() > 20);
    CHECK(l.front().x == l.back().x);  // closed: the first point repeated
    CHECK(l.front().y == l.back().y);
    double length = 0;
    for (size_t k = 0; k < l.size(); ++k) {
      // Linear interpolation of r^2 along an edge errs by at most h^2 / 4 in r^2.
      CHECK(std::hypot(l[k].x, l[k].y) == Approx(r).margin(h * h / (4 * r) + 1e-9));
      if (k) length += std::hypot(l[k].x - l[k - 1].x, l[k].y - l[k - 1].y);
    }
    CHECK(length == Approx(2 * M_PI * r).epsilon(0.01));
  }
  // A circle cut by the window's edge is one open line with both ends on the border.
  const auto cut = contour_lines(f, 2.5 * 2.5);
  REQUIRE(cut.size() == 4);  // the four corner arcs
  for (const auto& l : cut) {
    auto on_border = [](Vec2 v) { return std::abs(std::abs(v.x) - 2) < 1e-12 || std::abs(std::abs(v.y) - 2) < 1e-12; };
    CHECK(on_border(l.front()));
    CHECK(on_border(l.back()));
  }
  CHECK(contour_lines(f, -1).empty());
  CHECK(contour_lines(f, 100).empty());
}

TEST_CASE("contours skip NaN holes and levels are nice values inside the range", "[figure][contour]") {
  ScalarField f = circle_field(41, 1.0);
  for (int j = 15; j <= 25; ++j)
    for (int i = 15; i <= 25; ++i) f.values[static_cast<size_t>(j) * 41 + i] = NAN;
  for (const auto& l : contour_lines(f, 0.2 * 0.2))  // inside the hole: nothing
    for (const Vec2& v : l) CHECK(std::hypot(v.x, v.y) > 0.24);
  const auto levels = contour_levels(circle_field(41, 1.0), 5);
  REQUIRE(levels.size() >= 3);
  for (double v : levels) {
    CHECK(v > 0);
    CHECK(v < 2);
  }
  const auto q = contour_levels(circle_field(41, 1.0), 4, true);
  REQUIRE(q.size() == 4);
  CHECK(std::is_sorted(q.begin(), q.end()));
}

TEST_CASE("fit_axes pads the data, shares ranges and fills ticks", "[figure][layout]") {
  FigureSpec f;
  f.cols = 2;
  f.width_in = 6;
  f.height_in = 3;
  f.panels.resize(2);
  f.panels[0].lines.push_back(line("a", {{0, 0}, {1, 10}}));
  f.panels[1].lines.push_back(line("b", {{-1, 5}, {3, 6}}));
  FigureSpec own = f;
  fit_axes(own);
  CHECK(own.panels[0].x.min == Approx(-0.05));
  CHECK(own.panels[0].x.max == Approx(1.05));
  CHECK(own.panels[1].y.min == Approx(4.95));
  REQUIRE_FALSE(own.panels[0].x.ticks.empty());
  f.share_x = f.share_y = true;
  fit_axes(f);
  for (const Panel& p : f.panels) {
    CHECK(p.x.min == Approx(-1.2));
    CHECK(p.x.max == Approx(3.2));
    CHECK(p.y.min == Approx(-0.5));
    CHECK(p.y.max == Approx(10.5));
  }
  CHECK(f.panels[0].x.ticks == f.panels[1].x.ticks);
}

TEST_CASE("layout keeps panels on the page and honours equal aspect", "[figure][layout]") {
  FigureSpec f;
  f.cols = 2;
  f.width_in = 7;
  f.height_in = 3;
  f.panels.resize(2);
  for (Panel& p : f.panels) {
    p.x.label = "x";
    p.y.label = "y";
    p.title = "t";
    p.x.auto_range = p.y.auto_range = false;
    p.x.min = 0, p.x.max = 4, p.y.min = 0, p.y.max = 1;
  }
  f.panels[1].equal_aspect = true;
  fit_axes(f);
  const FigureLayout lay = layout_figure(f);
  CHECK(lay.width_pt == Approx(504));
  CHECK(lay.height_pt == Approx(216));
  REQUIRE(lay.panels.size() == 2);
  for (const PanelLayout& pl : lay.panels) {
    CHECK(pl.plot.x >= pl.cell.x);
    CHECK(pl.plot.y >= pl.cell.y);
    CHECK(pl.plot.x + pl.plot.w <= pl.cell.x + pl.cell.w + 1e-9);
    CHECK(pl.plot.y + pl.plot.h <= pl.cell.y + pl.cell.h + 1e-9);
  }
  CHECK(lay.panels[0].plot.x + lay.panels[0].plot.w <= lay.panels[1].plot.x);
  const Rect& eq = lay.panels[1].plot;
  CHECK(eq.w / eq.h == Approx(4.0));
  const PlotTransform tf(eq, f.panels[1].x, f.panels[1].y);
  CHECK(tf.page_x(0) == Approx(eq.x));
  CHECK(tf.page_y(0) == Approx(eq.y + eq.h));  // y grows up in data, down on the page
  CHECK(tf.page_y(1) == Approx(eq.y));
}

TEST_CASE("the display list draws the ticks fit_axes chose, time colours and markers", "[figure][display]") {
  FigureSpec f;
  f.width_in = 4;
  f.height_in = 3;
  Panel p;
  p.x.label = "l1";
  Polyline traj = line("run", {});
  traj.kind = SeriesKind::trajectory;
  for (int k = 0; k <= 1000; ++k) {
    traj.points.push_back({k / 1000.0, std::sin(k / 100.0)});
    traj.t.push_back(k / 1000.0);
  }
  traj.colormap = ColormapId::magma_r;
  traj.cmap_lo = 0.1;
  traj.cmap_hi = 0.6;
  p.lines.push_back(traj);
  MarkerSet starts;
  starts.points = {{0, 0}, {1, 0.5}};
  p.markers.push_back(starts);
  f.panels.push_back(p);
  const DisplayList dl = build_display_list(f);
  CHECK(dl.width_pt == Approx(288));
  FigureSpec fitted = f;
  fit_axes(fitted);
  std::set<std::string> texts;
  int markers = 0, coloured = 0;
  Color first{}, last{};
  for (const DrawItem& it : dl.items) {
    if (auto* t = std::get_if<DrawText>(&it)) texts.insert(t->text);
    if (std::holds_alternative<DrawMarker>(it)) ++markers;
    if (auto* pth = std::get_if<DrawPath>(&it); pth && pth->round && pth->clip.w > 0) {
      if (!coloured++) first = pth->stroke;
      last = pth->stroke;
    }
  }
  for (double t : fitted.panels[0].x.ticks)
    CHECK(texts.count(format_tick(t, fitted.panels[0].x.ticks[1] - fitted.panels[0].x.ticks[0])));
  CHECK(texts.count("l1"));
  CHECK(markers == 2);
  // Colour runs, not one path per step, and the first run is the early (orange) end.
  CHECK(coloured > 10);
  CHECK(coloured <= 128);
  CHECK(first.r > 0.9);
  CHECK(last.b > last.g);
}

TEST_CASE("text width estimates follow DejaVu Sans' wide digits and narrow punctuation", "[figure][layout]") {
  CHECK(text_width_estimate("", 10) == 0);
  CHECK(text_width_estimate("0", 10) == Approx(6.4));
  CHECK(text_width_estimate("\xE2\x88\x92" "1", 10) == Approx(14.8));  // minus sign + digit
  CHECK(text_width_estimate("i.i", 10) < text_width_estimate("mwm", 10) / 2);
  CHECK(text_width_estimate("ab", 16) == Approx(2 * text_width_estimate("ab", 8)));
}

TEST_CASE("log axes fit positive data and map decades evenly", "[figure][layout]") {
  FigureSpec f;
  Panel p;
  p.y.log = true;
  p.lines.push_back(line("loss", {{0, 1e-3}, {1, 10}, {2, -5}, {3, 0}}));  // <= 0 is ignored
  f.panels.push_back(p);
  fit_axes(f);
  const AxisSpec& y = f.panels[0].y;
  CHECK(y.min > 0);
  CHECK(y.min < 1e-3);
  CHECK(y.max > 10);
  CHECK(y.ticks == std::vector<double>{1e-3, 1e-2, 1e-1, 1, 10});
  const PlotTransform tf({0, 0, 100, 100}, f.panels[0].x, y);
  CHECK(tf.page_y(1e-2) - tf.page_y(1e-1) == Approx(tf.page_y(1) - tf.page_y(10)));
  CHECK(tf.page_y(1) < tf.page_y(1e-2));  // larger values sit higher on the page
}
