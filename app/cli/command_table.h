#pragma once
// The built-in subcommands, in the order `paretoscope --help` lists them.
#include <vector>

#include "app/cli/command.h"

namespace ps::cli {

const std::vector<Command>& builtin_commands();

}  // namespace ps::cli
