#pragma once
// `paretoscope` as a function, so tests run every subcommand in-process.
//
// Plugging in more: a new built-in subcommand is one line in command_table.cpp. Code outside
// app/cli (the GUI) registers at startup, before run():
//   ps::cli::add_command({"export", "write a figure", &run_export});
//   ps::cli::set_default_command(&run_gui);  // `paretoscope` with no command word, or with
//                                            // leading flags such as `--screenshot out.png`
#include <iosfwd>

#include "app/cli/command.h"

namespace ps::cli {

// Runs the command line with argv (argv[0] is the program name). Returns the exit code:
// 0 success, 1 a failure that is not the input's fault, 2 for a bad flag, bad JSON or a wrong
// shape (one clear line on `err`).
int run(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err);

// Adds a subcommand after the built-in ones (a later one with the same name replaces it).
void add_command(Command command);

// What runs when argv holds no command word: no arguments at all, or a first argument that is a
// flag other than -h/--help. It gets every argument. Unset (the default, or after passing an
// empty function): print the top-level help on `err` and exit 2.
void set_default_command(CommandFn fn);

}  // namespace ps::cli
