#pragma once
// A small argv parser shared by the subcommands: `--name value`, `--name=value`, switches
// (`--no-stop`), repeatable flags (`--set a=1 --set b=2`), positionals, `--` to end the flags,
// `-` as a positional (stdin), and -h/--help anywhere. Also prints the help it was built from.
#include <iosfwd>
#include <string>
#include <vector>

namespace ps::cli {

struct FlagSpec {
  std::string name;        // without the leading "--"
  std::string value_name;  // shown in help ("X"); empty: a switch that takes no value
  std::string help;        // one line
  bool repeatable = false;
};

struct CommandSpec {
  std::string name;         // "weights"
  std::string synopsis;     // "--method M [--set NAME=VALUE ...] [FILE]"
  std::string description;  // what it does, a few lines
  std::vector<FlagSpec> flags;
  int max_positionals = 0;
  std::string epilog;  // after the flag list: formats, examples
};

class ParsedArgs {
 public:
  bool help = false;  // -h or --help was given: print help, ignore the rest
  std::vector<std::string> positionals;

  bool has(const std::string& name) const;
  // The value of a flag given once, or nullptr when absent.
  const std::string* value(const std::string& name) const;
  // Every value of a repeatable flag, in order.
  std::vector<std::string> values(const std::string& name) const;

  void add(const std::string& name, std::string value);

 private:
  std::vector<std::pair<std::string, std::string>> given_;
};

// Throws UsageError: unknown flag, missing value, a value given to a switch, a non-repeatable
// flag given twice, too many positionals. A -h/--help before `--` wins over every error.
ParsedArgs parse_args(const CommandSpec& spec, const std::vector<std::string>& args);

// "usage: paretoscope NAME SYNOPSIS", the description, the aligned flag list, the epilog.
void print_help(const CommandSpec& spec, std::ostream& os);

// The value of a flag that must be present; throws UsageError naming it.
const std::string& require(const ParsedArgs& a, const std::string& name);

}  // namespace ps::cli
