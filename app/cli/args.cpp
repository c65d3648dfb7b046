#include "app/cli/args.h"

#include <algorithm>
#include <ostream>

#include "app/cli/command.h"

namespace ps::cli {
namespace {

bool is_help(const std::string& a) { return a == "-h" || a == "--help"; }

const FlagSpec* find_flag(const CommandSpec& spec, const std::string& name) {
  for (const auto& f : spec.flags)
    if (f.name == name) return &f;
  return nullptr;
}

std::string see_help(const CommandSpec& spec) {
  return " (see 'paretoscope " + spec.name + " --help')";
}

}  // namespace

bool ParsedArgs::has(const std::string& name) const {
  return std::any_of(given_.begin(), given_.end(), [&](const auto& g) { return g.first == name; });
}

const std::string* ParsedArgs::value(const std::string& name) const {
  for (auto it = given_.rbegin(); it != given_.rend(); ++it)
    if (it->first == name) return &it->second;
  return nullptr;
}

std::vector<std::string> ParsedArgs::values(const std::string& name) const {
  std::vector<std::string> v;
  for (const auto& g : given_)
    if (g.first == name) v.push_back(g.second);
  return v;
}

void ParsedArgs::add(const std::string& name, std::string value) {
  given_.emplace_back(name, std::move(value));
}

ParsedArgs parse_args(const CommandSpec& spec, const std::vector<std::string>& args) {
  ParsedArgs out;
  // Help first, so `--help` works even next to a mistake. Only words in flag position count:
  // skip the values of flags that take one.
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;
    if (is_help(a)) {
      out.help = true;
      return out;
    }
    if (a.rfind("--", 0) == 0 && a.find('=') == std::string::npos) {
      const FlagSpec* f = find_flag(spec, a.substr(2));
      if (f && !f->value_name.empty()) ++i;
    }
  }

  bool flags_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool looks_like_flag = a.size() > 1 && a[0] == '-';
    if (flags_done || !looks_like_flag) {
      if (static_cast<int>(out.positionals.size()) >= spec.max_positionals)
        throw UsageError("unexpected argument '" + a + "'" + see_help(spec));
      out.positionals.push_back(a);
      continue;
    }
    if (a == "--") {
      flags_done = true;
      continue;
    }
    if (a.rfind("--", 0) != 0)
      throw UsageError("unknown option '" + a + "'" + see_help(spec));

    const auto eq = a.find('=');
    const std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    const FlagSpec* f = find_flag(spec, name);
    if (!f) throw UsageError("unknown option '--" + name + "'" + see_help(spec));
    if (!f->repeatable && out.has(name))
      throw UsageError("--" + name + " given more than once");

    if (f->value_name.empty()) {
      if (eq != std::string::npos) throw UsageError("--" + name + " takes no value");
      out.add(name, "");
    } else if (eq != std::string::npos) {
      out.add(name, a.substr(eq + 1));
    } else {
      // The next word is the value even when it starts with '-' (`--lr -1`, `--start -8.5,7.5`).
      if (i + 1 >= args.size())
        throw UsageError("--" + name + " needs a value (" + f->value_name + ")");
      out.add(name, args[++i]);
    }
  }
  return out;
}

void print_help(const CommandSpec& spec, std::ostream& os) {
  os << "usage: paretoscope " << spec.name << " " << spec.synopsis << "\n\n"
     << spec.description << "\n";
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& f : spec.flags) {
    std::string left = "--" + f.name;
    if (!f.value_name.empty()) left += " " + f.value_name;
    rows.emplace_back(left, f.help + (f.repeatable ? " (repeatable)" : ""));
  }
  rows.emplace_back("-h, --help", "print this help and exit");
  size_t width = 0;
  for (const auto& r : rows) width = std::max(width, r.first.size());
  os << "\noptions:\n";
  for (const auto& [left, help] : rows)
    os << "  " << left << std::string(width - left.size() + 2, ' ') << help << "\n";
  if (!spec.epilog.empty()) os << "\n" << spec.epilog << "\n";
}

const std::string& require(const ParsedArgs& a, const std::string& name) {
  const std::string* v = a.value(name);
  if (!v) throw UsageError("--" + name + " is required");
  return *v;
}

}  // namespace ps::cli
