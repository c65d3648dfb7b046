#include "app/cli/cmd_export.h"

#include <climits>
#include <ostream>

#include "app/cli/args.h"
#include "app/cli/method_maker.h"
#include "app/cli/number_text.h"
#include "core/errors.h"
#include "core/figure/cairo_export.h"
#include "core/figure/toy_figures.h"
#include "toy/simulator.h"

namespace ps::cli {
namespace {

const CommandSpec& spec() {
  static const CommandSpec s{
      "export",
      "(--figure1 | --method M [--set NAME=VALUE ...] [--view V]) --out FILE [options]",
      "Runs the toy problem and draws it as a figure: the FairGrad paper's Figure 1 (FairGrad\n"
      "with alpha 0, 1, 2 and max-min, four loss-space panels with shared axes), or one method\n"
      "in loss space (l1 across, l2 up), parameter space (the landscape with its contours), or\n"
      "both. Writes FILE (PDF, SVG or PNG, vector curves and embedded TrueType text) and the\n"
      "plotted data as CSV beside it (fig.pdf -> fig.csv).",
      {{"figure1", "", "the paper's Figure 1"},
       {"method", "M", "one method's figure ('paretoscope methods' lists them)"},
       {"set", "NAME=VALUE", "set a method parameter, e.g. --set alpha=2", true},
       {"view", "loss|landscape|both", "what to draw for --method (default loss)"},
       {"out", "FILE", "the figure to write: .pdf, .svg or .png"},
       {"format", "pdf|svg|png", "the format when FILE's extension does not say it"},
       {"width-in", "W", "width in inches (default: per figure, 7.2 for --figure1)"},
       {"height-in", "H", "height in inches (default: per figure, 2 for --figure1)"},
       {"dpi", "N", "PNG pixels per inch (default 200)"},
       {"font-pt", "PT", "tick label size in points; labels and titles scale from it (default 8)"},
       {"font", "FAMILY", "TrueType font family (default DejaVu Sans)"},
       {"palette", "paper|viridis|okabe-ito",
        "trajectory colours: by time (paper: orange -> purple), or one per start (default paper)"},
       {"landscape", "l1|l2|mean|max", "the parameter-space heatmap (default mean)"},
       {"steps", "N", "at most N steps from each start (default 50000)"},
       {"scale", "S", "factor on L1 (default 0.1)"},
       {"lr", "X", "learning rate (default 0.001)"},
       {"optimizer", "adam|sgd", "the optimizer (default adam)"},
       {"start", "X1,X2", "a start point (default: the paper's five)", true},
       {"no-csv", "", "do not write the CSV"}},
      0,
      "CSV columns: panel,series,kind,index,x,y,t (kind trajectory, front, pareto_set, contour\n"
      "or marker; t is the run's time from 0 to 1 for trajectories).\n\n"
      "examples:\n"
      "  paretoscope export --figure1 --out fig1.pdf\n"
      "  paretoscope export --method pcgrad --view both --landscape max --out pcgrad.svg"};
  return s;
}

double number_flag(const ParsedArgs& a, const std::string& name, double fallback, double lo,
                   double hi) {
  const std::string* v = a.value(name);
  if (!v) return fallback;
  const double x = parse_number(*v, "--" + name);
  if (!(x > lo && x <= hi))
    throw InputError("--" + name + " must be in (" + format_number(lo) + ", " +
                     format_number(hi) + "], got " + *v);
  return x;
}

toy::SimSettings base_settings(const ParsedArgs& a) {
  toy::SimSettings s;
  if (const auto* v = a.value("steps")) s.steps = parse_count(*v, "--steps", 1, INT_MAX);
  s.scale = number_flag(a, "scale", s.scale, 0, 1e6);
  s.lr = number_flag(a, "lr", s.lr, 0, 1e6);
  if (const auto* v = a.value("optimizer")) {
    if (*v == "adam") s.optimizer = toy::OptimizerKind::adam;
    else if (*v == "sgd") s.optimizer = toy::OptimizerKind::sgd;
    else throw UsageError("--optimizer: expected adam or sgd, got '" + *v + "'");
  }
  for (const auto& text : a.values("start")) s.starts.push_back(parse_point(text, "--start"));
  return s;
}

fig::FigureOptions figure_options(const ParsedArgs& a) {
  fig::FigureOptions o;
  o.width_in = number_flag(a, "width-in", 0, 0, 100);
  o.height_in = number_flag(a, "height-in", 0, 0, 100);
  o.dpi = number_flag(a, "dpi", o.dpi, 0, 2400);
  o.font_pt = number_flag(a, "font-pt", o.font_pt, 0, 200);
  if (const auto* v = a.value("font")) o.font_family = *v;
  if (const auto* v = a.value("palette")) o.palette = fig::parse_palette(*v);
  if (const auto* v = a.value("landscape")) o.landscape = fig::parse_landscape(*v);
  return o;
}

}  // namespace

int export_command(const std::vector<std::string>& args, Io& io) {
  const ParsedArgs a = parse_args(spec(), args);
  if (a.help) {
    print_help(spec(), io.out);
    return kExitOk;
  }
  const bool fig1 = a.has("figure1");
  const std::string* method = a.value("method");
  if (fig1 == (method != nullptr))
    throw UsageError("give exactly one of --figure1 and --method (see --help)");
  if (fig1 && (a.has("set") || a.has("view")))
    throw UsageError("--set and --view go with --method, not --figure1");
  const std::string& out = require(a, "out");
  std::optional<fig::Format> format;
  if (const auto* v = a.value("format")) format = fig::format_from_path("." + *v);
  else fig::format_from_path(out);  // a bad extension fails now, not after the runs

  toy::SimSettings base = base_settings(a);
  const fig::FigureOptions o = figure_options(a);
  const fig::View view = a.value("view") ? fig::parse_view(*a.value("view")) : fig::View::loss;

  fig::FigureSpec figure;
  if (fig1) {
    make_method_for_cli("fairgrad", {{"alpha", 1}});
    figure = fig::figure1(base, o);
  } else {
    base.method = *method;
    base.params = parse_assignments(a.values("set"));
    resolve_params(find_method(base.method), base.params);  // bad names fail before the run
    make_method_for_cli(base.method, base.params);
    figure = fig::single_figure(toy::simulate(base), view, o);
  }
  const fig::ExportResult r = fig::export_figure(figure, out, format, !a.has("no-csv"));
  io.out << "wrote " << r.figure_path << " (" << format_number(figure.width_in) << " x "
         << format_number(figure.height_in) << " in";
  if (r.width_px > 0) io.out << ", " << r.width_px << " x " << r.height_px << " px";
  io.out << ")";
  if (!r.csv_path.empty()) io.out << " and " << r.csv_path;
  io.out << "\n";
  return kExitOk;
}

}  // namespace ps::cli
