#pragma once
// `paretoscope export`: builds a figure of toy runs (the FairGrad paper's Figure 1, or one
// method's loss-space / parameter-space view) and writes it as PDF, SVG or PNG plus a CSV.
#include "app/cli/command.h"

namespace ps::cli {

int export_command(const std::vector<std::string>& args, Io& io);

}  // namespace ps::cli
