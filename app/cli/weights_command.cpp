#include "app/cli/weights_command.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <ostream>

#include "app/cli/args.h"
#include "app/cli/method_maker.h"
#include "app/cli/methods_command.h"
#include "app/cli/number_text.h"
#include "app/cli/weights_input.h"
#include "core/errors.h"

namespace ps::cli {
namespace {

const CommandSpec& spec() {
  static const CommandSpec s{
      "weights",
      "--method M [--set NAME=VALUE ...] [FILE]",
      "Runs one step of a weighting method on task gradients read as JSON from FILE (or stdin\n"
      "when FILE is absent or '-') and prints its weights, rates and diagnostics as JSON.",
      {{"method", "M", "the method ('paretoscope methods' lists them)"},
       {"set", "NAME=VALUE", "set a method parameter, e.g. --set alpha=2", true}},
      1,
      "input (one of grads or gram; losses and loss_floor optional, K numbers each):\n"
      "  {\"grads\": [[g11, g12, ...], [g21, g22, ...]], \"losses\": [l1, l2], \"loss_floor\": [m1, m2]}\n"
      "  {\"gram\": [[G11, G12], [G21, G22]]}\n"
      "grads holds one row per task (K rows of m numbers). Methods marked 'grads' in\n"
      "'paretoscope methods' refuse a Gram matrix alone.\n\n"
      "output:\n"
      "  {\"method\", \"params\", \"weights\", \"rates\", \"direction\" (with grads), \"status\",\n"
      "   \"iterations\", \"residual\", \"note\"}\n\n"
      "example:\n"
      "  echo '{\"grads\": [[1, 0], [-0.5, 1]]}' | paretoscope weights --method fairgrad --set alpha=1"};
  return s;
}

std::string read_all(std::istream& is) {
  return std::string(std::istreambuf_iterator<char>(is), std::istreambuf_iterator<char>());
}

nlohmann::ordered_json vec(const Eigen::VectorXd& v) {
  return nlohmann::ordered_json(std::vector<double>(v.data(), v.data() + v.size()));
}

// One key per line, each value compact: readable, and short arrays stay on one line.
void write_object_lines(std::ostream& os, const nlohmann::ordered_json& obj) {
  os << "{";
  bool first = true;
  for (const auto& [key, value] : obj.items()) {
    os << (first ? "\n  " : ",\n  ") << nlohmann::ordered_json(key).dump() << ": " << value.dump();
    first = false;
  }
  os << "\n}\n";
}

}  // namespace

nlohmann::ordered_json weights_json(const MethodInfo& info, const ParamValues& params,
                                    const MethodResult& r) {
  nlohmann::ordered_json out{{"method", info.name}, {"params", params_json(info, params)},
                             {"weights", vec(r.weights)},
                             {"rates", vec(r.rates)}};
  if (r.direction.size() > 0) out["direction"] = vec(r.direction);
  out["status"] = to_string(r.status);
  out["iterations"] = r.iterations;
  out["residual"] = r.residual;
  out["note"] = r.note;
  return out;
}

int weights_command(const std::vector<std::string>& args, Io& io) {
  const ParsedArgs a = parse_args(spec(), args);
  if (a.help) {
    print_help(spec(), io.out);
    return kExitOk;
  }
  if (!a.has("method"))
    throw UsageError("--method is required ('paretoscope methods' lists them)");
  const std::string& name = *a.value("method");
  const MethodInfo& info = find_method(name);
  const ParamValues given = parse_assignments(a.values("set"));
  const ParamValues params = resolve_params(info, given);

  std::string text, source = "stdin";
  if (a.positionals.empty() || a.positionals[0] == "-") {
    text = read_all(io.in);
  } else {
    source = "'" + a.positionals[0] + "'";
    std::ifstream f(a.positionals[0], std::ios::binary);
    if (!f) throw InputError("cannot read " + source + ": " + std::strerror(errno));
    text = read_all(f);
  }
  const TaskInput in = parse_task_input(text, source);

  if (info.needs_grads && !in.has_grads())
    throw InputError(name + " needs the task gradients (\"grads\"), not only their Gram matrix");
  if ((info.needs_losses || params.at("loss_alpha") != 0) && !in.has_losses())
    throw InputError(name + (info.needs_losses ? "" : " with loss_alpha") +
                     " needs the per-task losses (\"losses\")");

  auto method = make_method_for_cli(name, given);
  const MethodResult r = method->update(in);
  write_object_lines(io.out, weights_json(info, params, r));
  return kExitOk;
}

}  // namespace ps::cli
