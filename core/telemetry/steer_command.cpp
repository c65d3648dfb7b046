#include "core/telemetry/steer_command.h"

#include <charconv>
#include <cmath>

namespace ps::telemetry {
namespace {

constexpr std::size_t kMaxName = 64;
constexpr std::size_t kMaxValue = 64;

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool valid_name(std::string_view s) {
  if (s.empty() || s.size() > kMaxName || !is_alpha(s[0])) return false;
  for (char c : s)
    if (!is_alpha(c) && !is_digit(c)) return false;
  return true;
}

bool valid_method_name(std::string_view s) {
  if (s.empty() || s.size() > kMaxValue) return false;
  for (char c : s)
    if (!(c >= 'a' && c <= 'z') && !is_digit(c) && c != '_' && c != '-') return false;
  return true;
}

ParsedCommand fail(std::string message) {
  ParsedCommand p;
  p.error = std::move(message);
  return p;
}

}  // namespace

ParsedCommand parse_steer_command(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.size() > kMaxCommandLength)
    return fail("command longer than " + std::to_string(kMaxCommandLength) + " bytes");
  for (std::size_t i = 0; i < line.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(line[i]);
    if (!(c == '\t' || (c >= 0x20 && c < 0x7f)))
      return fail("command has a non-printable byte at position " + std::to_string(i + 1));
  }
  std::vector<std::string_view> tokens;
  for (std::size_t i = 0; i < line.size();) {
    while (i < line.size() && is_space(line[i])) ++i;
    const std::size_t b = i;
    while (i < line.size() && !is_space(line[i])) ++i;
    if (i > b) tokens.push_back(line.substr(b, i - b));
  }
  if (tokens.empty()) return fail("empty command; try ping, status, stop or set NAME=VALUE");

  ParsedCommand p;
  const std::string_view verb = tokens[0];
  using Verb = SteerCommand::Verb;
  if (verb == "ping")
    p.command.verb = Verb::ping;
  else if (verb == "status")
    p.command.verb = Verb::status;
  else if (verb == "stop")
    p.command.verb = Verb::stop;
  else if (verb == "set")
    p.command.verb = Verb::set;
  else
    return fail("unknown command '" + std::string(verb.substr(0, kMaxName)) +
                "'; valid: ping, status, stop, set NAME=VALUE");

  if (p.command.verb != Verb::set) {
    if (tokens.size() > 1) return fail(std::string(verb).append(" takes no arguments"));
    p.ok = true;
    return p;
  }
  if (tokens.size() < 2) return fail("set needs NAME=VALUE, e.g. set alpha=2");
  if (tokens.size() - 1 > kMaxAssignments)
    return fail("set takes at most " + std::to_string(kMaxAssignments) + " assignments");
  for (std::size_t t = 1; t < tokens.size(); ++t) {
    const std::string_view tok = tokens[t];
    const auto eq = tok.find('=');
    if (eq == std::string_view::npos)
      return fail("expected NAME=VALUE, got '" + std::string(tok.substr(0, kMaxValue)) + "'");
    const std::string_view name = tok.substr(0, eq);
    const std::string_view value = tok.substr(eq + 1);
    if (!valid_name(name))
      return fail("bad parameter name '" + std::string(name.substr(0, kMaxName)) +
                  "' (letters, digits and _, at most 64)");
    if (value.empty()) return fail(std::string(name) + " has no value");
    if (value.size() > kMaxValue)
      return fail(std::string(name) + ": value longer than " + std::to_string(kMaxValue));
    for (const auto& a : p.command.sets)
      if (a.name == name) return fail(std::string(name) + " is given twice");
    Assignment a;
    a.name = std::string(name);
    a.text = std::string(value);
    if (name == "method") {
      if (!valid_method_name(value)) return fail("method: '" + a.text + "' is not a method name");
    } else {
      std::string_view digits = value;
      if (digits.size() > 1 && digits[0] == '+') digits.remove_prefix(1);
      double v = 0;
      const char* end = digits.data() + digits.size();
      const auto r = std::from_chars(digits.data(), end, v);
      if (r.ec != std::errc() || r.ptr != end || !std::isfinite(v) || digits[0] == '+')
        return fail(a.name + ": '" + a.text + "' is not a finite number");
      a.number = v;
      a.is_number = true;
    }
    p.command.sets.push_back(std::move(a));
  }
  p.ok = true;
  return p;
}

std::string format_steer_command(const SteerCommand& c) {
  using Verb = SteerCommand::Verb;
  switch (c.verb) {
    case Verb::ping:
      return "ping";
    case Verb::status:
      return "status";
    case Verb::stop:
      return "stop";
    case Verb::set:
      break;
  }
  std::string s = "set";
  for (const auto& a : c.sets) s += " " + a.name + "=" + a.text;
  return s;
}

}  // namespace ps::telemetry
