// The steering language: parse_steer_command (pure) and apply_assignments (registry checks).
#include <catch2/catch.hpp>

#include "core/errors.h"
#include "core/telemetry/steer_apply.h"
#include "core/telemetry/steer_command.h"

using namespace ps::telemetry;
using Verb = SteerCommand::Verb;

TEST_CASE("plain verbs parse, with spaces, tabs and a CRLF ending") {
  CHECK(parse_steer_command("ping").command.verb == Verb::ping);
  CHECK(parse_steer_command("  status\t").command.verb == Verb::status);
  auto p = parse_steer_command("stop\r\n");
  REQUIRE(p.ok);
  CHECK(p.command.verb == Verb::stop);
  CHECK(p.command.sets.empty());
}

TEST_CASE("set reads numbers and a method name, in order") {
  auto p = parse_steer_command("set method=fairgrad alpha=1e1 loss_alpha=-0.5");
  REQUIRE(p.ok);
  REQUIRE(p.command.sets.size() == 3);
  CHECK(p.command.sets[0].name == "method");
  CHECK_FALSE(p.command.sets[0].is_number);
  CHECK(p.command.sets[0].text == "fairgrad");
  CHECK(p.command.sets[1].is_number);
  CHECK(p.command.sets[1].number == 10.0);
  CHECK(p.command.sets[2].number == -0.5);
  CHECK(parse_steer_command("set alpha=+2").command.sets.at(0).number == 2.0);
}

TEST_CASE("malformed commands get a one-line reason, never an exception") {
  const char* bad[] = {"",
                       "   ",
                       "fly",
                       "SET alpha=1",
                       "ping now",
                       "set",
                       "set alpha",
                       "set alpha=",
                       "set =3",
                       "set 1x=3",
                       "set alpha=abc",
                       "set alpha=nan",
                       "set alpha=inf",
                       "set alpha=1e999",
                       "set alpha=1 alpha=2",
                       "set alpha=0x10",
                       "set alpha=++1",
                       "set method=Fair!",
                       "set al\x01pha=1",
                       "set alpha=\xc3\xa9"};
  for (const char* line : bad) {
    INFO("line: " << line);
    const auto p = parse_steer_command(line);
    CHECK_FALSE(p.ok);
    CHECK_FALSE(p.error.empty());
    CHECK(p.error.find('\n') == std::string::npos);
  }
  CHECK(parse_steer_command("set alpha=abc").error.find("alpha") != std::string::npos);
  CHECK_FALSE(parse_steer_command(std::string(kMaxCommandLength + 1, 'x')).ok);
  std::string many = "set";
  for (std::size_t i = 0; i <= kMaxAssignments; ++i) many += " p" + std::to_string(i) + "=1";
  CHECK_FALSE(parse_steer_command(many).ok);
}

TEST_CASE("format_steer_command gives back what parses to the same command") {
  for (const char* line : {"ping", "status", "stop", "set  alpha=2   method=mgda", "set c=0.25"}) {
    const auto a = parse_steer_command(line);
    REQUIRE(a.ok);
    const auto b = parse_steer_command(format_steer_command(a.command));
    REQUIRE(b.ok);
    CHECK(b.command.verb == a.command.verb);
    REQUIRE(b.command.sets.size() == a.command.sets.size());
    for (std::size_t i = 0; i < a.command.sets.size(); ++i) {
      CHECK(b.command.sets[i].name == a.command.sets[i].name);
      CHECK(b.command.sets[i].text == a.command.sets[i].text);
    }
  }
}

TEST_CASE("apply_assignments checks names and ranges against the registry") {
  const MethodConfig fg = resolve_config("fairgrad", {{"alpha", 2.0}});
  CHECK(fg.params.at("alpha") == 2.0);
  CHECK(fg.params.count("loss_alpha") == 1);

  auto set = [](const char* line) { return parse_steer_command(line).command.sets; };
  const MethodConfig a10 = apply_assignments(fg, set("set alpha=10"));
  CHECK(a10.method == "fairgrad");
  CHECK(a10.params.at("alpha") == 10.0);
  CHECK(describe_change(fg, a10) == "alpha 2 -> 10");

  // Switching method keeps the shared loss transform, drops alpha, takes the new defaults.
  const MethodConfig withloss = apply_assignments(fg, set("set loss_alpha=0.5"));
  const MethodConfig dwa = apply_assignments(withloss, set("set method=dwa"));
  CHECK(dwa.method == "dwa");
  CHECK(dwa.params.count("alpha") == 0);
  CHECK(dwa.params.at("loss_alpha") == 0.5);
  CHECK(dwa.params.at("T") == 2.0);
  CHECK(describe_change(withloss, dwa).find("method fairgrad -> dwa") == 0);

  // Assignments in the same command as the switch apply to the new method.
  const MethodConfig back = apply_assignments(dwa, set("set method=fairgrad alpha=5"));
  CHECK(back.params.at("alpha") == 5.0);

  CHECK_THROWS_AS(apply_assignments(fg, set("set alpha=-1")), ps::InputError);
  CHECK_THROWS_AS(apply_assignments(fg, set("set T=3")), ps::InputError);
  CHECK_THROWS_AS(apply_assignments(fg, set("set method=nosuch")), ps::InputError);
  CHECK_THROWS_WITH(apply_assignments(fg, set("set beta=1")), Catch::Contains("alpha"));
}
