#pragma once
// Builds a registry method for a command, turning "not built yet" into a clear RunError (exit 1)
// while the method implementations land one by one; bad names and parameters stay InputError.
#include <memory>
#include <string>

#include "core/method.h"
#include "core/registry.h"

namespace ps::cli {

std::unique_ptr<Method> make_method_for_cli(const std::string& name, const ParamValues& given);

}  // namespace ps::cli
