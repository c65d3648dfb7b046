#pragma once
// `paretoscope toy --method M [...]`: runs a method on the two-task toy problem
// (ps::toy::simulate) and prints every recorded step as JSON or CSV.
#include "app/cli/command.h"

namespace ps::cli {

int toy_command(const std::vector<std::string>& args, Io& io);

}  // namespace ps::cli
