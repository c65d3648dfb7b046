#pragma once
// `paretoscope` as a function, so tests run every subcommand in-process.
#include <iosfwd>

namespace ps::cli {

// Runs the command line with argv (argv[0] is the program name). Returns the exit code:
// 0 success, 2 for a bad flag, bad JSON or a wrong shape (one clear line on `err`).
int run(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace ps::cli
