#include "app/cli/toy_command.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>
#include <ostream>

#include "app/cli/args.h"
#include "app/cli/method_maker.h"
#include "app/cli/number_text.h"
#include "app/cli/toy_output.h"
#include "core/errors.h"
#include "toy/simulator.h"

namespace ps::cli {
namespace {

const CommandSpec& spec() {
  static const CommandSpec s{
      "toy",
      "[--method M] [--set NAME=VALUE ...] [--start X1,X2 ...] [options]",
      "Runs a weighting method on the two-task toy problem of the FairGrad paper (Figure 1)\n"
      "from each start point and prints every recorded step: x, the losses, the method's\n"
      "weights and the rates g_i^T d.",
      {{"method", "M", "the method (default fairgrad; 'paretoscope methods' lists them)"},
       {"set", "NAME=VALUE", "set a method parameter, e.g. --set alpha=2", true},
       {"optimizer", "adam|sgd", "the optimizer (default adam, PyTorch's defaults)"},
       {"lr", "X", "learning rate (default 0.001)"},
       {"steps", "N", "at most N steps from each start (default 50000)"},
       {"start", "X1,X2", "a start point (default: the paper's five)", true},
       {"every", "N", "record every N-th step; the final state is always recorded (default 1)"},
       {"format", "csv|json", "output format (default json, or csv when --out ends in .csv)"},
       {"scale", "S", "factor on L1 (default 0.1 as in the FairGrad figures; 1 for CAGrad's)"},
       {"stop-tol", "X", "front tolerance of the stopping rule (default: the simulator's)"},
       {"no-stop", "", "run all steps instead of stopping at the Pareto front"},
       {"no-reference-scaling", "",
        "feed the optimizer d itself, not the reference code's scaled and clipped d"},
       {"out", "FILE", "write to FILE instead of stdout"}},
      0,
      "JSON output:\n"
      "  {\"settings\": {method, params, optimizer, lr, steps, stop_at_front, stop_tol,\n"
      "                reference_scaling, scale, starts, record_every},\n"
      "   \"runs\": [{\"start\": [x1, x2],\n"
      "             \"stop\": {\"reason\": front|steps|non_finite|cancelled, \"step\", \"detail\"},\n"
      "             \"points\": [{\"step\", \"x\", \"losses\", \"weights\", \"rates\"}, ...]}, ...]}\n"
      "CSV output, one row per recorded point:\n"
      "  run,start_x1,start_x2,step,x1,x2,l1,l2,w1,w2,r1,r2,stop,stop_detail\n"
      "  stop (the reason) and stop_detail are empty except on each run's last row, which is\n"
      "  the state it stopped in. Numbers are printed so that they read back exactly.\n\n"
      "example:\n"
      "  paretoscope toy --method fairgrad --set alpha=2 --start -8.5,7.5 --every 100 --format csv"};
  return s;
}

template <class T>
T pick(const std::string& flag, const std::string& text,
       std::initializer_list<std::pair<const char*, T>> choices) {
  std::string names;
  for (const auto& [name, value] : choices) {
    if (text == name) return value;
    names += (names.empty() ? "" : " or ") + std::string(name);
  }
  throw UsageError("--" + flag + ": expected " + names + ", got '" + text + "'");
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

toy::SimSettings settings_from(const ParsedArgs& a) {
  toy::SimSettings s;
  if (const auto* v = a.value("method")) s.method = *v;
  s.params = parse_assignments(a.values("set"));
  if (const auto* v = a.value("optimizer"))
    s.optimizer = pick<toy::OptimizerKind>(
        "optimizer", *v, {{"adam", toy::OptimizerKind::adam}, {"sgd", toy::OptimizerKind::sgd}});
  if (const auto* v = a.value("lr")) s.lr = parse_number(*v, "--lr");
  if (!(s.lr > 0)) throw InputError("--lr must be > 0");
  if (const auto* v = a.value("steps")) s.steps = parse_count(*v, "--steps", 1, INT_MAX);
  if (const auto* v = a.value("every")) s.record_every = parse_count(*v, "--every", 1, INT_MAX);
  if (const auto* v = a.value("scale")) s.scale = parse_number(*v, "--scale");
  if (!(s.scale > 0)) throw InputError("--scale must be > 0");
  if (const auto* v = a.value("stop-tol")) s.stop_tol = parse_number(*v, "--stop-tol");
  s.stop_at_front = !a.has("no-stop");
  s.reference_scaling = !a.has("no-reference-scaling");
  for (const auto& text : a.values("start")) s.starts.push_back(parse_point(text, "--start"));
  return s;
}

}  // namespace

int toy_command(const std::vector<std::string>& args, Io& io) {
  const ParsedArgs a = parse_args(spec(), args);
  if (a.help) {
    print_help(spec(), io.out);
    return kExitOk;
  }
  toy::SimSettings s = settings_from(a);
  const std::string* out_path = a.value("out");
  const bool csv = a.value("format")
                       ? pick<bool>("format", *a.value("format"), {{"csv", true}, {"json", false}})
                       : (out_path && ends_with(*out_path, ".csv"));

  // Check the method and parameters before the run, so mistakes come back at once.
  const ParamValues resolved = resolve_params(find_method(s.method), s.params);
  make_method_for_cli(s.method, s.params);

  std::ofstream file;
  if (out_path) {
    file.open(*out_path, std::ios::binary | std::ios::trunc);
    if (!file) throw RunError("cannot write '" + *out_path + "': " + std::strerror(errno));
  }
  const toy::SimResult r = toy::simulate(s);
  std::ostream& os = out_path ? static_cast<std::ostream&>(file) : io.out;
  if (csv)
    write_toy_csv(os, r);
  else
    write_toy_json(os, r, toy_settings_json(r.settings, resolved));
  os.flush();
  if (!os) throw RunError("writing " + (out_path ? "'" + *out_path + "'" : std::string("stdout")) + " failed");
  return kExitOk;
}

}  // namespace ps::cli
