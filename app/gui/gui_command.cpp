#include "app/gui/gui_command.h"

#include <ostream>

#include "app/cli/cli.h"
#include "app/gui/gui_app.h"
#include "app/gui/gui_options.h"

namespace ps::gui {

int gui_command(const std::vector<std::string>& args, cli::Io& io) {
  const GuiOptions o = parse_gui_options(args);
  if (o.show_help) {
    print_gui_help(io.out);
    return cli::kExitOk;
  }
  try {
    GuiApp app(o);
    return app.run(io.out, io.err);
  } catch (const std::runtime_error& e) {
    throw cli::RunError(e.what());  // no display, no OpenGL 3.3, an unwritable screenshot
  }
}

void register_gui_commands() {
  cli::add_command(
      {"gui", "open the window: loss space, parameter space, per-step plots", &gui_command});
  cli::set_default_command(&gui_command);
}

}  // namespace ps::gui
