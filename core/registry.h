#pragma once
// The one table of weighting methods: names, parameters with defaults and ranges, descriptions.
// The CLI's --method, the GUI's combo box and the training job's flag all read it.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/method.h"

namespace ps {

using ParamValues = std::map<std::string, double, std::less<>>;

struct ParamSpec {
  std::string name;
  double default_value = 0;
  double min_value = 0;  // inclusive unless min_open
  double max_value = 0;  // inclusive; +infinity allowed
  bool min_open = false;
  bool integer = false;
  std::string help;
};

struct MethodInfo {
  std::string name;         // key used on the command line: "fairgrad"
  std::string label;        // for people: "FairGrad"
  std::string description;  // one line
  std::vector<ParamSpec> params;
  bool needs_grads = false;   // false: works from the Gram matrix alone
  bool needs_losses = false;  // true: reads TaskInput::losses
  bool stateful = false;      // keeps state across steps
  bool randomized = false;    // seeded by the "seed" parameter
  // Builds the method; `params` is complete (every spec present) and already range-checked.
  std::function<std::unique_ptr<Method>(const ParamValues& params)> make;
};

// Every method, in a fixed order.
const std::vector<MethodInfo>& methods();
// Parameters every method accepts: the alpha-fair loss transform (paper section 6), which wraps
// the method when loss_alpha != 0.
const std::vector<ParamSpec>& wrapper_params();

// Throws InputError listing the valid names.
const MethodInfo& find_method(std::string_view name);
// Defaults filled in; throws InputError for an unknown name or a value out of range.
ParamValues resolve_params(const MethodInfo& info, const ParamValues& given);
// find_method + resolve_params + make, wrapped in the loss transform when asked.
std::unique_ptr<Method> make_method(std::string_view name, const ParamValues& given = {});

// "1e-3", "2" -> number; throws InputError naming `what` otherwise.
double parse_number(std::string_view text, std::string_view what);
// "alpha=2" -> {"alpha", 2}; throws InputError otherwise.
std::pair<std::string, double> parse_assignment(std::string_view text);

}  // namespace ps
