// Entry point of `paretoscope`: forwards to ps::cli::run.
#include <iostream>

#include "app/cli/cli.h"
#ifdef PS_WITH_GUI
#include "app/gui/gui_command.h"  // `paretoscope` alone, or `paretoscope gui`, opens the window
#endif

int main(int argc, char** argv) {
#ifdef PS_WITH_GUI
  ps::gui::register_gui_commands();
#endif
  return ps::cli::run(argc, argv, std::cin, std::cout, std::cerr);
}
