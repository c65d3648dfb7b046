#include "core/registry.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "core/errors.h"
#include "core/methods/factories.h"

namespace ps {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

ParamSpec seed_param() {
  return {"seed", 0, 0, 2147483647.0, false, true, "random seed; the same seed gives the same run"};
}

std::vector<MethodInfo> build_table() {
  std::vector<MethodInfo> t;
  auto add = [&t](MethodInfo m) { t.push_back(std::move(m)); };
  add({"ls", "LS", "Linear scalarization: the sum of the task gradients, w_i = 1.", {}, false,
       false, false, false, make_ls});
  add({"si", "SI", "Scale-invariant: minimizes sum_i log(l_i - m_i), so w_i = 1 / (l_i - m_i).", {},
       false, true, false, false, make_si});
  add({"rlw", "RLW", "Random loss weighting: w = softmax of standard normal draws, new each step.",
       {seed_param()}, false, false, true, true, make_rlw});
  add({"dwa", "DWA",
       "Dynamic weight average: w_i = K softmax_i(r_i / T), r_i = l_i(t-1) / l_i(t-2).",
       {{"T", 2.0, 0, kInf, true, false, "temperature; large T gives equal weights"}}, false, true,
       true, false, make_dwa});
  add({"uw", "UW",
       "Uncertainty weighting: w_i = exp(-s_i) / 2 with learned log-variances s_i.",
       {{"lr", 1e-3, 0, kInf, true, false, "learning rate of the log-variances s_i"}}, false, true,
       true, false, make_uw});
  add({"mgda", "MGDA",
       "Multiple gradient descent: the min-norm point of the gradients' convex hull.", {}, false,
       false, false, false, make_mgda});
  add({"pcgrad", "PCGrad",
       "Projects each gradient off the normal planes of the ones it conflicts with, in random "
       "order, and sums.",
       {seed_param()}, false, false, true, true, make_pcgrad});
  add({"cagrad", "CAGrad",
       "Conflict-averse: the mean gradient, moved to raise the worst task's rate, within a ball "
       "of radius c |g0|.",
       {{"c", 0.4, 0, kInf, false, false, "radius of the ball around the mean gradient"}}, false,
       false, false, false, make_cagrad});
  add({"imtl_g", "IMTL-G", "Impartial MTL: d has equal projections on every unit task gradient.",
       {}, false, false, false, false, make_imtl_g});
  add({"nash_mtl", "Nash-MTL",
       "Nash bargaining: solves G^T G w = 1 / w (FairGrad with alpha = 1).",
       {{"update_every", 1, 1, 1e6, false, true, "recompute the weights every N steps"}}, false,
       false, true, false, make_nash_mtl});
  add({"famo", "FAMO",
       "Fast adaptive multitask optimization: learned logits that even out the log-loss "
       "decreases.",
       {{"lr", 0.025, 0, kInf, true, false, "learning rate of the task logits"},
        {"gamma", 1e-3, 0, kInf, false, false, "weight decay of the task logits"}},
       false, true, true, false, make_famo});
  add({"graddrop", "GradDrop",
       "Gradient sign dropout: per coordinate, keeps the positive or the negative parts at random.",
       {{"leak", 0, 0, 1, false, false, "fraction of every gradient kept whatever the sign"},
        seed_param()},
       true, false, true, true, make_graddrop});
  add({"moco", "MoCo",
       "Momentum-corrected MGDA: tracked gradients and simplex weights updated by small steps.",
       {{"beta", 0.5, 0, 1, false, false, "tracking rate of the gradient estimates"},
        {"gamma", 0.1, 0, kInf, true, false, "step size of the weights"},
        {"rho", 0, 0, kInf, false, false, "ridge added to the tracked Gram matrix"}},
       true, false, true, false, make_moco});
  add({"fairgrad", "FairGrad",
       "Alpha-fair allocation: solves G^T G w = w^(-1/alpha); 0 is LS, 1 Nash-MTL, large -> "
       "max-min.",
       {{"alpha", 2.0, 0, 1e6, false, false,
         "fairness: 0 linear, 1 proportional, 2 minimum potential delay, large max-min"}},
       false, false, false, false, make_fairgrad});
  return t;
}

std::string valid_names() {
  std::string s;
  for (const auto& m : methods()) s += (s.empty() ? "" : ", ") + m.name;
  return s;
}

const ParamSpec* find_spec(const std::vector<ParamSpec>& specs, std::string_view name) {
  for (const auto& s : specs)
    if (s.name == name) return &s;
  return nullptr;
}

std::string fmt(double v) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

void check_range(const ParamSpec& s, double v, std::string_view method) {
  const bool low_ok = s.min_open ? v > s.min_value : v >= s.min_value;
  if (!std::isfinite(v) || !low_ok || v > s.max_value)
    throw InputError(std::string(method) + ": " + s.name + " = " + fmt(v) + " is out of range " +
                     (s.min_open ? "(" : "[") + fmt(s.min_value) + ", " + fmt(s.max_value) + "]");
  if (s.integer && v != std::floor(v))
    throw InputError(std::string(method) + ": " + s.name + " must be a whole number, got " +
                     fmt(v));
}

}  // namespace

const std::vector<MethodInfo>& methods() {
  static const std::vector<MethodInfo> table = build_table();
  return table;
}

const std::vector<ParamSpec>& wrapper_params() {
  static const std::vector<ParamSpec> specs = {
      {"loss_alpha", 0, -10, 0.999, false, false,
       "alpha-fair loss transform l -> l^(1-a)/(1-a) wrapping the method; 0 is off"}};
  return specs;
}

const MethodInfo& find_method(std::string_view name) {
  for (const auto& m : methods())
    if (m.name == name) return m;
  throw InputError("unknown method '" + std::string(name) + "'; valid: " + valid_names());
}

ParamValues resolve_params(const MethodInfo& info, const ParamValues& given) {
  ParamValues out;
  for (const auto& s : info.params) out[s.name] = s.default_value;
  for (const auto& s : wrapper_params()) out[s.name] = s.default_value;
  for (const auto& [name, value] : given) {
    const ParamSpec* s = find_spec(info.params, name);
    if (!s) s = find_spec(wrapper_params(), name);
    if (!s) {
      std::string known;
      for (const auto& p : info.params) known += p.name + ", ";
      for (const auto& p : wrapper_params()) known += p.name + ", ";
      known.resize(known.size() - 2);
      throw InputError(info.name + " has no parameter '" + name + "'; it takes: " + known);
    }
    check_range(*s, value, info.name);
    out[name] = value;
  }
  return out;
}

std::unique_ptr<Method> make_method(std::string_view name, const ParamValues& given) {
  const MethodInfo& info = find_method(name);
  const ParamValues p = resolve_params(info, given);
  auto m = info.make(p);
  const double loss_alpha = p.at("loss_alpha");
  if (loss_alpha != 0) m = wrap_alpha_fair_loss(std::move(m), loss_alpha);
  return m;
}

double parse_number(std::string_view text, std::string_view what) {
  double v = 0;
  const char* end = text.data() + text.size();
  auto r = std::from_chars(text.data(), end, v);
  if (text.empty() || r.ec != std::errc() || r.ptr != end || !std::isfinite(v))
    throw InputError(std::string(what) + ": '" + std::string(text) + "' is not a finite number");
  return v;
}

std::pair<std::string, double> parse_assignment(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw InputError("expected name=value, got '" + std::string(text) + "'");
  std::string name(text.substr(0, eq));
  return {name, parse_number(text.substr(eq + 1), name)};
}

}  // namespace ps
