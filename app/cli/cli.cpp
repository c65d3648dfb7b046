#include "app/cli/cli.h"

#include <algorithm>
#include <exception>
#include <ostream>
#include <string>
#include <vector>

#include "app/cli/command_table.h"
#include "core/errors.h"

namespace ps::cli {
namespace {

std::vector<Command>& extra_commands() {
  static std::vector<Command> extra;
  return extra;
}

CommandFn& default_command() {
  static CommandFn fn;
  return fn;
}

// Built-ins first, then the added ones; an added command replaces a built-in of the same name.
std::vector<Command> all_commands() {
  std::vector<Command> all = builtin_commands();
  for (const auto& c : extra_commands()) {
    auto it = std::find_if(all.begin(), all.end(), [&](const Command& b) { return b.name == c.name; });
    if (it != all.end())
      *it = c;
    else
      all.push_back(c);
  }
  return all;
}

void print_top_help(const std::vector<Command>& commands, std::ostream& os) {
  os << "usage: paretoscope COMMAND [OPTIONS]\n\n"
        "Paretoscope: see how multi-task weighting methods (FairGrad, MGDA, Nash-MTL, ...) pick\n"
        "their directions.\n\ncommands:\n";
  size_t width = 0;
  for (const auto& c : commands) width = std::max(width, c.name.size());
  for (const auto& c : commands)
    os << "  " << c.name << std::string(width - c.name.size() + 2, ' ') << c.summary << "\n";
  os << "\n'paretoscope COMMAND --help' or 'paretoscope help COMMAND' describes a command.\n"
        "Exit codes: 0 success, 1 failure, 2 bad usage or bad input (one line on stderr).\n";
}

// Messages go out as exactly one line, whatever the exception text holds.
std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  return s;
}

// Runs a command and turns what it throws into one line on err and an exit code.
int guarded(const std::string& who, const CommandFn& fn, const std::vector<std::string>& args,
            Io& io) {
  try {
    return fn(args, io);
  } catch (const UsageError& e) {
    io.err << who << ": " << one_line(e.what()) << "\n";
    return kExitUsage;
  } catch (const InputError& e) {  // before logic_error, which it derives from
    io.err << who << ": " << one_line(e.what()) << "\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    io.err << who << ": " << one_line(e.what()) << "\n";
    return kExitFailure;
  }
}

}  // namespace

void add_command(Command command) { extra_commands().push_back(std::move(command)); }

void set_default_command(CommandFn fn) { default_command() = std::move(fn); }

int run(int argc, const char* const* argv, std::istream& in, std::ostream& out,
        std::ostream& err) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  Io io{in, out, err};
  const std::vector<Command> commands = all_commands();

  const bool no_command_word =
      args.empty() || (args[0].size() > 1 && args[0][0] == '-' && args[0] != "-h" &&
                       args[0] != "--help");
  if (no_command_word) {
    if (default_command()) return guarded("paretoscope", default_command(), args, io);
    if (args.empty()) {
      print_top_help(commands, err);
      return kExitUsage;
    }
    err << "paretoscope: unknown option '" << args[0] << "' (see 'paretoscope --help')\n";
    return kExitUsage;
  }

  if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    // `paretoscope help CMD` is `paretoscope CMD --help`.
    if (args[0] == "help" && args.size() > 1) {
      args = {args[1], "--help"};
    } else {
      print_top_help(commands, out);
      return kExitOk;
    }
  }

  auto it = std::find_if(commands.begin(), commands.end(),
                         [&](const Command& c) { return c.name == args[0]; });
  if (it == commands.end()) {
    std::string names;
    for (const auto& c : commands) names += (names.empty() ? "" : ", ") + c.name;
    err << "paretoscope: unknown command '" << one_line(args[0]) << "'; commands: " << names
        << "\n";
    return kExitUsage;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  return guarded("paretoscope " + it->name, it->run, rest, io);
}

}  // namespace ps::cli
