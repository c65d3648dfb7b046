#include "app/gui/gui_options.h"

#include <climits>
#include <filesystem>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "app/cli/number_text.h"
#include "core/errors.h"
#include "core/figure/toy_figures.h"

namespace ps::gui {
namespace {

namespace fs = std::filesystem;

const cli::CommandSpec& spec() {
  static const cli::CommandSpec s{
      "gui",
      "[--method M] [--set NAME=VALUE ...] [--view V,...] [--screenshot FILE --frames N] "
      "[options]",
      "Opens the Paretoscope window on the FairGrad paper's toy problem: the loss space, the\n"
      "parameter space and per-step plots, all live. `paretoscope` with no command does the\n"
      "same. --attach opens the training-runs page instead: the run monitor of one or more\n"
      "runs of paretoscope-train (live or finished), and steering of a live one.\n"
      "Needs a display (under no display: xvfb-run -a -s \"-screen 0 1600x1000x24\").",
      {{"method", "M", "the method (default: the last one used, else fairgrad)"},
       {"set", "NAME=VALUE", "a method parameter, e.g. --set alpha=2", true},
       {"optimizer", "adam|sgd", "the optimizer"},
       {"lr", "X", "learning rate"},
       {"steps", "N", "at most N steps from each start"},
       {"start", "X1,X2", "a start point (repeat; replaces the remembered ones)", true},
       {"landscape", "l1|l2|mean|max", "the parameter-space heatmap"},
       {"palette", "paper|viridis|okabe-ito", "trajectory colours"},
       {"view", "V,...",
        "open windows: controls, loss, landscape, steps, compare, help, all (default all but "
        "compare and help)"},
       {"compare", "figure1|alpha|methods", "fill the Compare window with a preset and open it"},
       {"attach", "RUN_DIR",
        "follow a training run's telemetry (repeat to overlay runs; it may not exist yet)", true},
       {"runs", "ROOT", "the folder of run directories the runs list shows (default runs)"},
       {"play", "", "start playing the trajectories"},
       {"at", "STEP", "put the playback cursor at STEP"},
       {"screenshot", "FILE", "run the app, save the window as PNG to FILE and exit"},
       {"frames", "N", "with --screenshot: frames to run first (default 5; runs are awaited)"},
       {"size", "WxH", "window size in pixels (default 1600x1000)"},
       {"config", "DIR", "read and write settings and layout in DIR"},
       {"no-config", "", "read and write no settings or layout (for tests)"},
       {"no-vsync", "", "draw frames as fast as possible"}},
      0,
      "Keys: space play/pause, R reset (rewind, refit), E export, F1 help.\n\n"
      "example:\n"
      "  xvfb-run -a -s \"-screen 0 1600x1000x24\" paretoscope --no-config --set alpha=2 \\\n"
      "      --screenshot fairgrad.png --frames 10\n"
      "  paretoscope --attach runs/mf-fairgrad --attach runs/mf-mgda   # two runs overlaid"};
  return s;
}

}  // namespace

void print_gui_help(std::ostream& os) { cli::print_help(spec(), os); }

GuiOptions parse_gui_options(const std::vector<std::string>& args) {
  const cli::ParsedArgs a = cli::parse_args(spec(), args);
  GuiOptions o;
  o.show_help = a.help;
  if (a.help) return o;
  if (const auto* v = a.value("screenshot")) o.screenshot = *v;
  if (const auto* v = a.value("frames")) o.frames = cli::parse_count(*v, "--frames", 1, 100000);
  if (const auto* v = a.value("size")) {
    const auto x = v->find('x');
    if (x == std::string::npos) throw cli::UsageError("--size: expected WxH, got '" + *v + "'");
    o.width = cli::parse_count(v->substr(0, x), "--size width", 200, 8192);
    o.height = cli::parse_count(v->substr(x + 1), "--size height", 200, 8192);
  }
  if (const auto* v = a.value("config")) o.config_dir = *v;
  o.no_config = a.has("no-config");
  o.vsync = !a.has("no-vsync");
  if (o.no_config && !o.config_dir.empty())
    throw cli::UsageError("--config and --no-config exclude each other");

  if (const auto* v = a.value("method")) {
    find_method(*v);  // InputError listing the valid names
    o.method = *v;
  }
  o.params = cli::parse_assignments(a.values("set"));
  if (const auto* v = a.value("optimizer")) {
    if (*v != "adam" && *v != "sgd") throw cli::UsageError("--optimizer: expected adam or sgd");
    o.optimizer = *v == "adam" ? toy::OptimizerKind::adam : toy::OptimizerKind::sgd;
  }
  if (const auto* v = a.value("lr")) {
    o.lr = parse_number(*v, "--lr");
    if (!(*o.lr > 0)) throw InputError("--lr must be > 0");
  }
  if (const auto* v = a.value("steps")) o.steps = cli::parse_count(*v, "--steps", 1, INT_MAX);
  for (const auto& t : a.values("start")) o.starts.push_back(cli::parse_point(t, "--start"));
  if (const auto* v = a.value("landscape")) {
    fig::parse_landscape(*v);
    o.landscape = *v;
  }
  if (const auto* v = a.value("palette")) {
    fig::parse_palette(*v);
    o.palette = *v;
  }
  if (const auto* v = a.value("view")) {
    size_t b = 0;
    while (b <= v->size()) {
      const size_t e = std::min(v->find(',', b), v->size());
      const std::string w = v->substr(b, e - b);
      static const char* known[] = {"controls", "loss", "landscape", "steps",
                                    "compare",  "help", "all"};
      if (std::find(std::begin(known), std::end(known), w) == std::end(known))
        throw cli::UsageError("--view: unknown window '" + w +
                              "' (controls, loss, landscape, steps, compare, help, all)");
      o.views.push_back(w);
      b = e + 1;
    }
  }
  if (const auto* v = a.value("compare")) {
    if (*v != "figure1" && *v != "alpha" && *v != "methods")
      throw cli::UsageError("--compare: expected figure1, alpha or methods, got '" + *v + "'");
    o.compare = *v;
  }
  for (const auto& d : a.values("attach")) {
    // A directory that does not exist yet is fine (the job may be about to start); a file that
    // is not a log, or an empty path, is a mistake.
    if (d.empty()) throw cli::UsageError("--attach: expected a run directory, got ''");
    std::error_code ec;
    if (fs::is_regular_file(d, ec) && fs::path(d).extension() != ".jsonl")
      throw cli::UsageError("--attach: '" + d +
                            "' is a file; expected a run directory or its telemetry.jsonl");
    o.attach.push_back(d);
  }
  if (const auto* v = a.value("runs")) {
    std::error_code ec;
    if (v->empty()) throw cli::UsageError("--runs: expected a folder, got ''");
    if (fs::exists(*v, ec) && !fs::is_directory(*v, ec))
      throw cli::UsageError("--runs: '" + *v + "' is not a folder");
    o.runs_root = *v;
  }
  o.play = a.has("play");
  if (const auto* v = a.value("at")) o.at_step = parse_number(*v, "--at");
  return o;
}

}  // namespace ps::gui
