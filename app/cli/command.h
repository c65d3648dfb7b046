#pragma once
// What a subcommand is: a name, a one-line summary and a function over the words after its name.
// The dispatcher (cli.cpp) maps exceptions to exit codes, so commands simply throw.
#include <functional>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

namespace ps::cli {

// The streams a command reads and writes; tests pass string streams.
struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

// `args` are the words after the command name (for the default command: every word after argv[0]).
// Returns the exit code.
using CommandFn = std::function<int(const std::vector<std::string>& args, Io& io)>;

struct Command {
  std::string name;     // the word on the command line: "weights"
  std::string summary;  // one line for `paretoscope --help`
  CommandFn run;
};

// A bad flag, a missing value, a malformed number: the dispatcher prints
// "paretoscope CMD: <message>" and exits 2. (ps::InputError is treated the same way.)
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Something went wrong that is not the user's input (a method not built yet, a file that cannot be
// written): one line and exit 1.
struct RunError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Exit codes, documented in docs/cli.md.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

}  // namespace ps::cli
