#pragma once
// Figures of the toy problem built from simulator results: loss-space and parameter-space
// panels, the FairGrad paper's Figure 1, and small multiples of any settings.
#include <string>
#include <vector>

#include "core/figure/figure_spec.h"
#include "toy/pareto.h"
#include "toy/simulator.h"

namespace ps::fig {

// Which scalar the parameter-space heatmap shows.
enum class Landscape { l1, l2, mean, max };
const char* to_string(Landscape l);
Landscape parse_landscape(const std::string& name);  // throws ps::InputError

enum class View { loss, landscape, both };
const char* to_string(View v);
View parse_view(const std::string& name);  // "loss", "landscape", "both"; throws ps::InputError

// Size, font and colours of a built figure; 0 for width_in / height_in picks a size that suits
// the figure's grid.
struct FigureOptions {
  double width_in = 0, height_in = 0;
  double dpi = 200;
  double font_pt = 8;
  std::string font_family = "DejaVu Sans";
  Palette palette = Palette::paper;
  Landscape landscape = Landscape::mean;
  int landscape_samples = 161;  // grid nodes per side of the heatmap
};

// The toy landscape on [-10, 10] x [-10, 10] (the reference plots' window), n x n nodes.
ScalarField toy_landscape(double scale, Landscape which, int n = 161);

// A short title of a run's settings: "FairGrad (alpha = 2)", "PCGrad".
std::string settings_title(const toy::SimSettings& s);

// l1 across, l2 up: the Pareto front as a thick grey curve, trajectories coloured by time,
// start points as black dots, end points as distinct markers. Open axes, labels at the ends.
Panel loss_panel(const toy::SimResult& r, const toy::ParetoCurve& pareto,
                 Palette palette = Palette::paper);

// x1 across, x2 up, equal aspect: the landscape heatmap with contour lines and a colour bar,
// the Pareto set, trajectories on top, start and end markers.
Panel landscape_panel(const toy::SimResult& r, const toy::ParetoCurve& pareto,
                      Landscape which = Landscape::mean, Palette palette = Palette::paper,
                      int samples = 161);

// One run as a figure: `view` loss, landscape, or both side by side.
FigureSpec single_figure(const toy::SimResult& r, View view, const FigureOptions& o = {});

// The settings of the paper's Figure 1: FairGrad with alpha 0, 1, 2 and a large alpha for
// max-min fairness, every other setting from `base` (steps, scale, starts...).
std::vector<toy::SimSettings> figure1_settings(const toy::SimSettings& base = {});
// Panel captions of Figure 1, in order: "(a) FairGrad (without fairness)", ...
std::vector<std::string> figure1_captions();

// The paper's Figure 1 from four results (in figure1_settings() order): four loss-space panels
// side by side with shared axes. Throws ps::InputError unless given exactly four.
FigureSpec figure1(const std::vector<toy::SimResult>& results, const FigureOptions& o = {});
// Runs figure1_settings(base) and builds the figure.
FigureSpec figure1(const toy::SimSettings& base, const FigureOptions& o = {});

// Small multiples, one panel per result (titled by settings_title), shared axes. `view` loss or
// landscape (both: two rows). Throws ps::InputError for an empty list.
FigureSpec compare(const std::vector<toy::SimResult>& results, View view = View::loss,
                   const FigureOptions& o = {});
// Simulates each settings then builds the comparison.
FigureSpec compare(const std::vector<toy::SimSettings>& settings, View view = View::loss,
                   const FigureOptions& o = {});

}  // namespace ps::fig
