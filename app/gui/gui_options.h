#pragma once
// The GUI's command line: `paretoscope [gui] [--attach RUN_DIR ...] [--runs ROOT]
// [--screenshot out.png --frames N] [settings]`. Settings given here override the remembered
// ones for this session.
#include <Eigen/Dense>
#include <optional>
#include <string>
#include <vector>

#include "core/registry.h"
#include "toy/simulator.h"

namespace ps::gui {

struct GuiOptions {
  std::string screenshot;  // non-empty: run `frames` frames, wait for the runs, save, exit
  int frames = 5;
  int width = 1600, height = 1000;
  std::string config_dir;      // empty: the default ($XDG_CONFIG_HOME/paretoscope)
  bool no_config = false;      // read and write no settings or layout (hermetic runs)
  bool vsync = true;           // off: frames as fast as they render (benchmarks, screenshots)
  bool no_plot_cache = false;  // draw every plot every frame (to compare, and to test the cache)

  std::optional<std::string> method;
  ParamValues params;  // --set NAME=VALUE for the method
  std::optional<toy::OptimizerKind> optimizer;
  std::optional<double> lr;
  std::optional<int> steps;
  std::vector<Eigen::Vector2d> starts;
  std::optional<std::string> landscape, palette;
  std::vector<std::string> views;      // --view: which windows are open
  std::optional<std::string> compare;  // --compare figure1|alpha|methods
  bool play = false;
  std::optional<double> at_step;  // --at STEP: the playback cursor
  bool show_help = false;         // -h / --help was given

  std::vector<std::string> attach;       // --attach RUN_DIR (repeat: overlaid); opens the runs page
  std::optional<std::string> runs_root;  // --runs ROOT: the runs list's folder
};

// Throws ps::cli::UsageError for a bad flag or ps::InputError for a bad value.
GuiOptions parse_gui_options(const std::vector<std::string>& args);
void print_gui_help(std::ostream& os);

}  // namespace ps::gui
