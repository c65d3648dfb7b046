#include "core/telemetry/steer_apply.h"

#include <charconv>
#include <cmath>

#include "core/errors.h"

namespace ps::telemetry {
namespace {

std::string fmt(double v) {
  if (!std::isfinite(v)) return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

bool takes(const MethodInfo& info, const std::string& name) {
  for (const auto& s : info.params)
    if (s.name == name) return true;
  for (const auto& s : wrapper_params())
    if (s.name == name) return true;
  return false;
}

}  // namespace

MethodConfig resolve_config(const std::string& method, const ParamValues& given) {
  const MethodInfo& info = find_method(method);
  return {info.name, resolve_params(info, given)};
}

MethodConfig apply_assignments(const MethodConfig& current, const std::vector<Assignment>& sets) {
  std::string method = current.method;
  for (const auto& a : sets)
    if (a.name == "method") method = a.text;
  const MethodInfo& info = find_method(method);  // throws, listing the valid names
  ParamValues given;
  for (const auto& [name, value] : current.params)
    if (takes(info, name)) given[name] = value;
  for (const auto& a : sets) {
    if (a.name == "method") continue;
    if (!a.is_number) throw InputError(a.name + ": '" + a.text + "' is not a number");
    if (!takes(info, a.name)) {
      // resolve_params would say so too, but name the method the user is steering.
      std::string known;
      for (const auto& s : info.params) known += s.name + ", ";
      for (const auto& s : wrapper_params()) known += s.name + ", ";
      if (known.size() >= 2) known.resize(known.size() - 2);
      throw InputError(info.name + " has no parameter '" + a.name + "'; it takes: " + known);
    }
    given[a.name] = a.number;
  }
  return {info.name, resolve_params(info, given)};
}

std::string describe(const MethodConfig& c) {
  std::string s = "method=" + c.method;
  for (const auto& [name, value] : c.params) s += " " + name + "=" + fmt(value);
  return s;
}

std::string describe_change(const MethodConfig& a, const MethodConfig& b) {
  std::string s;
  auto add = [&s](const std::string& part) { s += (s.empty() ? "" : ", ") + part; };
  if (a.method != b.method) add("method " + a.method + " -> " + b.method);
  for (const auto& [name, value] : b.params) {
    auto it = a.params.find(name);
    if (it == a.params.end()) {
      if (a.method != b.method) continue;  // a new method's parameters are listed in full
      add(name + " = " + fmt(value));
    } else if (it->second != value) {
      add(name + " " + fmt(it->second) + " -> " + fmt(value));
    }
  }
  return s.empty() ? "no change" : s;
}

}  // namespace ps::telemetry
