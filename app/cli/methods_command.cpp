#include "app/cli/methods_command.h"

#include <algorithm>
#include <cmath>
#include <ostream>

#include "app/cli/args.h"
#include "app/cli/number_text.h"

namespace ps::cli {
namespace {

const CommandSpec& spec() {
  static const CommandSpec s{
      "methods",
      "[--json]",
      "Lists every weighting method: its name for --method, what it needs (the task gradients\n"
      "or only their Gram matrix; the losses), and its parameters with default and range.",
      {{"json", "", "print JSON instead of a table (schema in docs/cli.md)"}},
      0,
      "Every method also takes the common parameters listed under the table (loss_alpha)."};
  return s;
}

// "[0, inf)", "(0, 1]": the range as the registry checks it.
std::string range_text(const ParamSpec& p) {
  // Appended piece by piece: `"(" + std::string` trips a GCC 12 -Wrestrict false positive.
  std::string s(p.min_open ? "(" : "[");
  s += format_number(p.min_value);
  s += ", ";
  s += format_number(p.max_value);
  s += std::isinf(p.max_value) ? ")" : "]";
  if (p.integer) s += " integer";
  return s;
}

std::string needs_text(const MethodInfo& m) {
  std::string s = m.needs_grads ? "grads" : "gram";
  if (m.needs_losses) s += "+losses";
  return s;
}

std::string kind_text(const MethodInfo& m) {
  if (m.randomized) return "random";
  return m.stateful ? "stateful" : "-";
}

std::string pad(const std::string& s, size_t width) {
  return s.size() >= width ? s + "  " : s + std::string(width - s.size() + 2, ' ');
}

// Rows of "name = default", range, help for a parameter list.
struct ParamRow {
  std::string assign, range, help;
};
std::vector<ParamRow> param_rows(const std::vector<ParamSpec>& ps) {
  std::vector<ParamRow> rows;
  for (const auto& p : ps)
    rows.push_back({p.name + " = " + format_number(p.default_value), range_text(p), p.help});
  return rows;
}

void print_table(std::ostream& os) {
  const auto& ms = methods();
  size_t wn = 4, wl = 5, wi = 5, wk = 5, wa = 0, wr = 0;
  for (const auto& m : ms) {
    wn = std::max(wn, m.name.size());
    wl = std::max(wl, m.label.size());
    wi = std::max(wi, needs_text(m).size());
    wk = std::max(wk, kind_text(m).size());
    for (const auto& r : param_rows(m.params)) {
      wa = std::max(wa, r.assign.size());
      wr = std::max(wr, r.range.size());
    }
  }
  const size_t indent = wn + 2 + wl + 2 + wi + 2 + wk + 2;
  os << pad("name", wn) << pad("label", wl) << pad("input", wi) << pad("kind", wk)
     << "parameters (default, range)\n";
  for (const auto& m : ms) {
    os << "\n" << pad(m.name, wn) << pad(m.label, wl) << pad(needs_text(m), wi)
       << pad(kind_text(m), wk);
    const auto rows = param_rows(m.params);
    if (rows.empty()) os << "-\n";
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i > 0) os << std::string(indent, ' ');
      os << pad(rows[i].assign, wa) << pad(rows[i].range, wr) << rows[i].help << "\n";
    }
    os << std::string(wn + 2, ' ') << m.description << "\n";
  }
  os << "\ncommon parameters, taken by every method:\n";
  for (const auto& r : param_rows(wrapper_params()))
    os << "  " << pad(r.assign, wa) << pad(r.range, wr) << r.help << "\n";
  os << "\ninput: grads = needs the task gradients; gram = their Gram matrix is enough;\n"
        "+losses = also reads the per-task losses. kind: stateful = keeps state across steps;\n"
        "random = draws random numbers from its seed.\n";
}

}  // namespace

nlohmann::ordered_json param_json(const ParamSpec& p) {
  return {{"name", p.name},
          {"default", p.default_value},
          {"min", p.min_value},
          {"min_open", p.min_open},
          {"max", std::isinf(p.max_value) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(p.max_value)},
          {"integer", p.integer},
          {"help", p.help}};
}

nlohmann::ordered_json methods_json() {
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const auto& m : methods()) {
    nlohmann::ordered_json params = nlohmann::ordered_json::array();
    for (const auto& p : m.params) {
      params.push_back(param_json(p));
      params.back()["common"] = false;
    }
    for (const auto& p : wrapper_params()) {
      params.push_back(param_json(p));
      params.back()["common"] = true;
    }
    all.push_back({{"name", m.name},
                   {"label", m.label},
                   {"description", m.description},
                   {"needs_grads", m.needs_grads},
                   {"needs_losses", m.needs_losses},
                   {"stateful", m.stateful},
                   {"randomized", m.randomized},
                   {"params", params}});
  }
  return all;
}

nlohmann::ordered_json params_json(const MethodInfo& info, const ParamValues& values) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [name, value] : values) {
    bool integer = false;
    for (const auto& p : info.params) integer = integer || (p.name == name && p.integer);
    if (integer)
      out[name] = static_cast<long long>(value);
    else
      out[name] = value;
  }
  return out;
}

int methods_command(const std::vector<std::string>& args, Io& io) {
  const ParsedArgs a = parse_args(spec(), args);
  if (a.help) {
    print_help(spec(), io.out);
    return kExitOk;
  }
  if (a.has("json"))
    io.out << methods_json().dump(2) << "\n";
  else
    print_table(io.out);
  return kExitOk;
}

}  // namespace ps::cli
