#pragma once
// Plugs the GUI into the command line (app/cli): `paretoscope gui ...`, and `paretoscope` with
// no command word or with leading flags (`paretoscope --screenshot out.png`) opens the window.
#include <string>
#include <vector>

#include "app/cli/command.h"

namespace ps::gui {

int gui_command(const std::vector<std::string>& args, cli::Io& io);
// Call once before ps::cli::run().
void register_gui_commands();

}  // namespace ps::gui
