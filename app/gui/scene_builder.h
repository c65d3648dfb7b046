#pragma once
// Builds what the views draw from a finished simulation, on the worker thread: the loss-space
// and parameter-space panels of core/figure's toy builders. The landscape (heatmap and contour
// lines) and the Pareto curve depend only on the scale and the landscape choice, so they are
// computed once per choice and reused for every run.
#include <map>
#include <tuple>
#include <vector>

#include "app/gui/snapshot.h"
#include "toy/pareto.h"

namespace ps::gui {

class SceneBuilder {
 public:
  // Fills snap.loss, snap.landscape and their vertex steps from snap.result (a failed run gets
  // the Pareto front and the landscape alone).
  void operator()(Snapshot& snap);

  static constexpr int kLandscapeSamples = 161;

 private:
  const toy::ParetoCurve& pareto(double scale);
  const fig::Panel& landscape_base(double scale, fig::Landscape which, fig::Palette palette);

  std::map<double, toy::ParetoCurve> pareto_;
  std::map<std::tuple<double, fig::Landscape, fig::Palette>, fig::Panel> landscape_;
};

// The simulation step of each vertex of `line`, whose vertices are a thinned subsequence of the
// trajectory's points (in loss space or, with in_x, parameter space). Unmatched vertices take
// the step of the last match.
std::vector<int> vertex_steps(const fig::Polyline& line, const toy::Trajectory& tr, bool in_x);

}  // namespace ps::gui
