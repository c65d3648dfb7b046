#pragma once
// `paretoscope weights --method M [--set NAME=VALUE ...] [FILE]`: one step of a method on task
// gradients (or their Gram matrix) read as JSON; prints the weights, rates and diagnostics as
// JSON. Input and output schemas: docs/cli.md.
#include <nlohmann/json.hpp>

#include "app/cli/command.h"
#include "core/method.h"
#include "core/registry.h"

namespace ps::cli {

int weights_command(const std::vector<std::string>& args, Io& io);

// The output object: method, params, weights, rates, direction (when known), status,
// iterations, residual, note.
nlohmann::ordered_json weights_json(const MethodInfo& info, const ParamValues& params,
                                    const MethodResult& r);

}  // namespace ps::cli
