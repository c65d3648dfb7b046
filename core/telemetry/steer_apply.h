#pragma once
// What a `set` command does to a job's method configuration, checked against the registry
// before anything changes, so a bad command leaves the run as it was.
#include <string>
#include <vector>

#include "core/registry.h"
#include "core/telemetry/steer_command.h"

namespace ps::telemetry {

struct MethodConfig {
  std::string method;  // registry name
  ParamValues params;  // complete: every parameter of the method and the loss transform
};

// The configuration after `sets` (assignments of a parsed `set`). `method=NAME` switches method;
// parameters of the old method that the new one also takes (loss_alpha, say) carry over, the
// others go back to their defaults; assignments in the same command win. Throws InputError
// with a one-line reason for an unknown method or parameter or a value out of range.
MethodConfig apply_assignments(const MethodConfig& current, const std::vector<Assignment>& sets);

// The defaults of `method` with `given` on top (same checks as above).
MethodConfig resolve_config(const std::string& method, const ParamValues& given);

// "method=fairgrad alpha=2 loss_alpha=0"
std::string describe(const MethodConfig& c);
// What changed from `a` to `b`: "alpha 2 -> 10", "method fairgrad -> mgda".
std::string describe_change(const MethodConfig& a, const MethodConfig& b);

}  // namespace ps::telemetry
