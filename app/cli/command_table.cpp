#include "app/cli/command_table.h"

#include "app/cli/cmd_export.h"
#include "app/cli/methods_command.h"
#include "app/cli/toy_command.h"
#include "app/cli/weights_command.h"

namespace ps::cli {

// One line per subcommand; `export` and friends go here.
const std::vector<Command>& builtin_commands() {
  static const std::vector<Command> table = {
      {"methods", "list the weighting methods and their parameters", &methods_command},
      {"weights", "one step of a method on gradients read as JSON", &weights_command},
      {"toy", "run a method on the two-task toy problem; trajectories as JSON or CSV",
       &toy_command},
      {"export", "draw toy runs (the paper's Figure 1, or one method) to PDF, SVG or PNG + CSV",
       &export_command},
  };
  return table;
}

}  // namespace ps::cli
