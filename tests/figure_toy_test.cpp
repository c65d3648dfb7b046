// The toy figure builders: Figure 1's four panels with shared axes, the loss and parameter-space
// panels' content, small multiples. Runs are short (a few thousand steps) to stay fast.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "core/errors.h"
#include "core/figure/cairo_export.h"
#include "core/figure/layout.h"
#include "core/figure/toy_figures.h"
#include "toy/toy_problem.h"

using namespace ps::fig;

namespace {

ps::toy::SimSettings short_run(const std::string& method = "fairgrad") {
  ps::toy::SimSettings s;
  s.method = method;
  s.steps = 3000;
  return s;
}

const Polyline* find_kind(const Panel& p, SeriesKind k) {
  for (const Polyline& l : p.lines)
    if (l.kind == k) return &l;
  return nullptr;
}

// Where the export cases write when nobody asked to keep the files (one folder per process).
std::filesystem::path scratch_dir() {
  return std::filesystem::temp_directory_path() / ("ps_figure_toy_test_" + std::to_string(::getpid()));
}

int count_kind(const Panel& p, SeriesKind k) {
  int n = 0;
  for (const Polyline& l : p.lines) n += l.kind == k;
  return n;
}

}  // namespace

TEST_CASE("figure1 has four loss panels with shared axes and the paper's captions", "[figure][toy]") {
  FigureSpec f = figure1(short_run());
  REQUIRE(f.panels.size() == 4);
  CHECK(f.cols == 4);
  CHECK(f.rows == 1);
  CHECK(f.panels[0].caption == "(a) FairGrad (without fairness)");
  CHECK(f.panels[3].caption == "(d) FairGrad (max-min fair)");
  fit_axes(f);
  for (const Panel& p : f.panels) {
    CHECK(p.x.min == f.panels[0].x.min);
    CHECK(p.x.max == f.panels[0].x.max);
    CHECK(p.y.min == f.panels[0].y.min);
    CHECK(p.y.max == f.panels[0].y.max);
    CHECK(p.open_axes);
    CHECK(count_kind(p, SeriesKind::front) == 1);
    CHECK(count_kind(p, SeriesKind::trajectory) == 5);
  }
  // The paper's window: l1 about -2 .. 0.8, l2 about -20 .. 8 (the front reaches l2 ~ -20).
  CHECK(f.panels[0].x.min < -1.9);
  CHECK(f.panels[0].x.max > 0.6);
  CHECK(f.panels[0].y.min < -20);
  CHECK(f.panels[0].y.max > 7);
  // The four alphas differ, so the trajectories do too.
  const Polyline* a0 = find_kind(f.panels[0], SeriesKind::trajectory);
  const Polyline* a1 = find_kind(f.panels[1], SeriesKind::trajectory);
  REQUIRE(a0);
  REQUIRE(a1);
  CHECK((a0->points.size() != a1->points.size() || a0->points.back().x != a1->points.back().x));
  CHECK_THROWS_AS(figure1(std::vector<ps::toy::SimResult>{}), ps::InputError);
}

TEST_CASE("figure1 settings are FairGrad with alpha 0, 1, 2 and a large alpha", "[figure][toy]") {
  ps::toy::SimSettings base;
  base.steps = 123;
  const auto s = figure1_settings(base);
  REQUIRE(s.size() == 4);
  CHECK(s[0].params.at("alpha") == 0);
  CHECK(s[1].params.at("alpha") == 1);
  CHECK(s[2].params.at("alpha") == 2);
  CHECK(s[3].params.at("alpha") >= 100);
  for (const auto& x : s) {
    CHECK(x.method == "fairgrad");
    CHECK(x.steps == 123);
  }
}

TEST_CASE("a loss panel draws the front, time-coloured runs from their starts", "[figure][toy]") {
  const ps::toy::SimResult r = ps::toy::simulate(short_run());
  const Panel p = loss_panel(r, ps::toy::pareto_curve(0.1));
  const Polyline* front = find_kind(p, SeriesKind::front);
  REQUIRE(front);
  CHECK(front->width_pt >= 2.5);  // thick grey curve
  CHECK(front->color.r == Approx(front->color.g).margin(0.05));
  // Each trajectory: t from 0 to 1, non-decreasing, first point the start's losses.
  const ps::toy::ToyProblem problem(0.1);
  int k = 0;
  for (const Polyline& l : p.lines) {
    if (l.kind != SeriesKind::trajectory) continue;
    REQUIRE(l.t.size() == l.points.size());
    CHECK(l.t.front() == 0);
    CHECK(l.t.back() == 1);
    CHECK(std::is_sorted(l.t.begin(), l.t.end()));
    const Eigen::Vector2d L = problem.losses(r.runs[static_cast<size_t>(k)].start);
    CHECK(l.points.front().x == Approx(L.x()));
    CHECK(l.points.front().y == Approx(L.y()));
    CHECK(l.colormap == ColormapId::magma_r);
    ++k;
  }
  CHECK(k == 5);
  REQUIRE(p.markers.size() == 2);
  CHECK(p.markers[1].points.size() == 5);  // black start dots
  CHECK(p.markers[1].fill.r == 0);
  // Okabe-Ito: solid, distinct colours per run.
  const Panel q = loss_panel(r, ps::toy::pareto_curve(0.1), Palette::okabe_ito);
  const Polyline* t0 = find_kind(q, SeriesKind::trajectory);
  REQUIRE(t0);
  CHECK(t0->t.empty());
  CHECK(to_hex(t0->color) == to_hex(okabe_ito(0)));
}

TEST_CASE("a landscape panel has the field, contours, the Pareto set and equal aspect", "[figure][toy]") {
  const ps::toy::SimResult r = ps::toy::simulate(short_run());
  const ps::toy::ParetoCurve pc = ps::toy::pareto_curve(0.1);
  const Panel p = landscape_panel(r, pc, Landscape::max, Palette::viridis, 41);
  CHECK(p.equal_aspect);
  REQUIRE(p.heatmap.size() == 1);
  const ScalarField& f = p.heatmap.front().field;
  CHECK(f.nx == 41);
  // The max landscape really is max(L1, L2).
  const Eigen::Vector2d L = ps::toy::ToyProblem(0.1).losses({f.x_at(7), f.y_at(30)});
  CHECK(f.at(7, 30) == Approx(std::max(L.x(), L.y())));
  CHECK(count_kind(p, SeriesKind::contour) >= 3);
  const Polyline* set = find_kind(p, SeriesKind::pareto_set);
  REQUIRE(set);
  CHECK(set->points.size() == pc.set.size());
  CHECK(count_kind(p, SeriesKind::trajectory) == 5);
  CHECK(p.heatmap.front().colorbar);
}

TEST_CASE("compare lays out small multiples with shared ranges per view", "[figure][toy]") {
  std::vector<ps::toy::SimResult> rs;
  for (const char* m : {"ls", "mgda", "fairgrad"}) rs.push_back(ps::toy::simulate(short_run(m)));
  FigureSpec f = compare(rs, View::both);
  CHECK(f.cols == 3);
  CHECK(f.rows == 2);
  REQUIRE(f.panels.size() == 6);
  fit_axes(f);
  for (int c = 0; c < 3; ++c) {
    CHECK(f.panels[static_cast<size_t>(c)].x.max == f.panels[0].x.max);  // loss row shares
    CHECK(f.panels[static_cast<size_t>(c)].y.min == f.panels[0].y.min);
    CHECK_FALSE(f.panels[static_cast<size_t>(c)].heatmap.size());
    CHECK(f.panels[static_cast<size_t>(3 + c)].heatmap.size() == 1);
    CHECK(f.panels[static_cast<size_t>(3 + c)].x.max == Approx(10));
  }
  CHECK(f.panels[0].title == "LS");
  CHECK(f.panels[2].title == "FairGrad (\xCE\xB1 = 2)");
  CHECK_THROWS_AS(compare(std::vector<ps::toy::SimResult>{}), ps::InputError);
}

TEST_CASE("the paper's Figure 1 exports with its data", "[figure][toy][export]") {
  namespace fs = std::filesystem;
  const char* keep = std::getenv("PS_KEEP_FIGURES");
  const fs::path dir = keep ? fs::path(keep) : scratch_dir();
  fs::create_directories(dir);
  ps::toy::SimSettings base;
  base.steps = keep ? 50000 : 3000;  // the real run when a person wants to look
  const FigureSpec f = figure1(base);
  for (const char* name : {"figure1.png", "figure1.pdf"}) {
    const ExportResult r = export_figure(f, (dir / name).string());
    CHECK(fs::file_size(r.figure_path) > 1000);
    CHECK(fs::file_size(r.csv_path) > 1000);
  }
}

TEST_CASE("single-run views export, the landscape with its contours in the CSV", "[figure][toy][export]") {
  namespace fs = std::filesystem;
  const char* keep = std::getenv("PS_KEEP_FIGURES");
  const fs::path dir = keep ? fs::path(keep) : scratch_dir();
  fs::create_directories(dir);
  ps::toy::SimSettings s = short_run("fairgrad");
  if (keep) s.steps = 50000;
  const ps::toy::SimResult r = ps::toy::simulate(s);
  FigureOptions o;
  o.landscape_samples = 81;
  for (View v : {View::loss, View::landscape, View::both}) {
    for (Palette pal : {Palette::paper, Palette::okabe_ito}) {
      o.palette = pal;
      const FigureSpec f = single_figure(r, v, o);
      CHECK(f.panels.size() == (v == View::both ? 2u : 1u));
      const std::string name = std::string("single_") + to_string(v) + "_" + to_string(pal) + ".png";
      const ExportResult res = export_figure(f, (dir / name).string());
      std::ifstream csv(res.csv_path);
      std::string all((std::istreambuf_iterator<char>(csv)), std::istreambuf_iterator<char>());
      CHECK((all.find(",contour,") != std::string::npos) == (v != View::loss));
      CHECK((all.find(",front,") != std::string::npos) == (v != View::landscape));
      CHECK(all.find(",trajectory,") != std::string::npos);
    }
  }
}
