#pragma once
// `paretoscope methods [--json]`: the method registry as an aligned table or as JSON.
#include <nlohmann/json.hpp>

#include "app/cli/command.h"
#include "core/registry.h"

namespace ps::cli {

int methods_command(const std::vector<std::string>& args, Io& io);

// One parameter as JSON: {name, default, min, min_open, max (null when unbounded), integer, help}.
nlohmann::ordered_json param_json(const ParamSpec& p);
// The registry as JSON (see docs/cli.md): an array with one object per method; each method's
// "params" lists its own parameters and then the common ones (loss_alpha) with "common": true.
nlohmann::ordered_json methods_json();
// Resolved parameter values as a JSON object; integer parameters as JSON integers.
nlohmann::ordered_json params_json(const MethodInfo& info, const ParamValues& values);

}  // namespace ps::cli
