// libFuzzer harness of the steering-command parser: any line parses without crashing or
// throwing; an accepted command formats back to text that parses to the same command; a
// rejection is one printable line.
// Build and run: fuzz/run.sh steer_command [seconds]
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/telemetry/steer_command.h"

using namespace ps::telemetry;

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  const ParsedCommand p = parse_steer_command(line);
  if (!p.ok) {
    check(!p.error.empty());
    for (char c : p.error) check(c >= 0x20 && c < 0x7f);
    return 0;
  }
  check(p.command.verb == SteerCommand::Verb::set || p.command.sets.empty());
  check(p.command.sets.size() <= kMaxAssignments);
  const ParsedCommand q = parse_steer_command(format_steer_command(p.command));
  check(q.ok && q.command.verb == p.command.verb && q.command.sets.size() == p.command.sets.size());
  for (std::size_t i = 0; i < p.command.sets.size(); ++i) {
    const Assignment &a = p.command.sets[i], &b = q.command.sets[i];
    check(a.name == b.name && a.text == b.text && a.is_number == b.is_number);
    check(!a.is_number || a.number == b.number);
  }
  return 0;
}
