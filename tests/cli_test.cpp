// paretoscope dispatch, help, the argv parser, number text and `methods`.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "app/cli/args.h"
#include "app/cli/command_table.h"
#include "app/cli/number_text.h"
#include "cli_run.h"
#include "core/errors.h"
#include "core/registry.h"

using namespace ps::cli;
using ps::cli::testing::run_cli;
using nlohmann::json;

TEST_CASE("top-level help lists every command and exits 0", "[cli][help]") {
  for (const char* flag : {"--help", "-h", "help"}) {
    auto r = run_cli({flag});
    INFO(flag);
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    for (const auto& c : builtin_commands()) CHECK(r.out.find("\n  " + c.name + " ") != std::string::npos);
  }
}

TEST_CASE("no arguments: top-level help on stderr and exit 2 while no default command is set",
          "[cli][help]") {
  auto r = run_cli({});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("usage: paretoscope COMMAND") != std::string::npos);
}

TEST_CASE("every command's --help and -h exit 0 with its usage on stdout", "[cli][help]") {
  for (const auto& c : builtin_commands()) {
    for (const char* flag : {"--help", "-h"}) {
      INFO(c.name << " " << flag);
      auto r = run_cli({c.name, flag});
      CHECK(r.code == 0);
      CHECK(r.err.empty());
      CHECK(r.out.rfind("usage: paretoscope " + c.name, 0) == 0);
    }
    // `help CMD` is `CMD --help`; help wins over a bad flag next to it.
    CHECK(run_cli({"help", c.name}).out == run_cli({c.name, "--help"}).out);
    CHECK(run_cli({c.name, "--bogus", "--help"}).code == 0);
  }
}

TEST_CASE("unknown commands and top-level flags: exit 2 and one line", "[cli][errors]") {
  for (auto args : std::vector<std::vector<std::string>>{{"wieghts"}, {"--frobnicate"}, {"help", "nope"}}) {
    auto r = run_cli(args);
    INFO(args[0]);
    CHECK(r.code == 2);
    CHECK(r.err_lines() == 1);
    CHECK(r.out.empty());
  }
  CHECK(run_cli({"wieghts"}).err.find("methods, weights, toy") != std::string::npos);
}

TEST_CASE("bad flags of every command: exit 2, one line naming the command", "[cli][errors]") {
  const std::vector<std::vector<std::string>> cases = {
      {"methods", "--jsn"},       {"methods", "extra"},          {"methods", "--json=1"},
      {"methods", "-x"},          {"weights", "--method"},       {"toy", "--steps"},
      {"toy", "--steps", "abc"},  {"toy", "--steps", "-3"},      {"toy", "--lr", "1e999"},
      {"toy", "--lr", "nan"},     {"toy", "--start", "1,2,3"},   {"toy", "--start", "1;2"},
      {"toy", "--format", "xml"}, {"toy", "--optimizer", "lbfgs"}, {"toy", "--every", "0"},
      {"toy", "--lr", "1", "--lr", "2"}, {"toy", "--method", "nope"}, {"toy", "--set", "alpha"},
      {"toy", "--set", "alpha=-1"}, {"toy", "--set", "bogus=1"}, {"toy", "--scale", "0"}};
  for (const auto& args : cases) {
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    INFO(joined);
    auto r = run_cli(args);
    CHECK(r.code == 2);
    CHECK(r.err_lines() == 1);
    CHECK(r.err.rfind("paretoscope " + args[0] + ": ", 0) == 0);
    CHECK(r.out.empty());
  }
}

TEST_CASE("add_command and set_default_command plug in new entry points", "[cli][dispatch]") {
  std::vector<std::string> seen;
  set_default_command([&](const std::vector<std::string>& args, Io& io) {
    seen = args;
    io.out << "gui\n";
    return 0;
  });
  auto r = run_cli({});
  CHECK(r.code == 0);
  CHECK(r.out == "gui\n");
  CHECK(seen.empty());
  r = run_cli({"--screenshot", "a.png"});
  CHECK(r.code == 0);
  CHECK(seen == std::vector<std::string>{"--screenshot", "a.png"});
  // Commands and help still go to the table, not to the default.
  CHECK(run_cli({"--help"}).out.find("commands:") != std::string::npos);
  CHECK(run_cli({"methods"}).out.find("fairgrad") != std::string::npos);
  set_default_command(nullptr);
  CHECK(run_cli({}).code == 2);

  add_command({"zz-fail", "test: throws", [](const std::vector<std::string>& args, Io&) -> int {
                 if (args.empty()) throw std::logic_error("broken\ninside");
                 throw UsageError("bad " + args[0]);
               }});
  CHECK(run_cli({"--help"}).out.find("zz-fail") != std::string::npos);
  r = run_cli({"zz-fail"});
  CHECK(r.code == 1);  // not the user's fault
  CHECK(r.err == "paretoscope zz-fail: broken inside\n");
  r = run_cli({"zz-fail", "x"});
  CHECK(r.code == 2);
  CHECK(r.err == "paretoscope zz-fail: bad x\n");
}

TEST_CASE("argv parser: value forms, switches, repeats, positionals", "[cli][args]") {
  CommandSpec spec{"t", "", "", {{"a", "X", ""}, {"s", "", ""}, {"r", "V", "", true}}, 1, ""};
  auto p = parse_args(spec, {"--a=1", "--r", "-2", "--s", "--r=x=y", "file"});
  CHECK(*p.value("a") == "1");
  CHECK(p.has("s"));
  CHECK(p.values("r") == std::vector<std::string>{"-2", "x=y"});
  CHECK(p.positionals == std::vector<std::string>{"file"});
  CHECK_FALSE(p.help);
  CHECK(p.value("missing") == nullptr);

  CHECK(parse_args(spec, {"-"}).positionals == std::vector<std::string>{"-"});
  CHECK(parse_args(spec, {"--", "--a"}).positionals == std::vector<std::string>{"--a"});
  CHECK(parse_args(spec, {"--a", "-h"}).help == false);  // -h is the value of --a here
  CHECK(parse_args(spec, {"--zz", "-h"}).help);

  CHECK_THROWS_AS(parse_args(spec, {"--a"}), UsageError);
  CHECK_THROWS_AS(parse_args(spec, {"--s=1"}), UsageError);
  CHECK_THROWS_AS(parse_args(spec, {"--a", "1", "--a", "2"}), UsageError);
  CHECK_THROWS_AS(parse_args(spec, {"f1", "f2"}), UsageError);
  CHECK_THROWS_AS(parse_args(spec, {"--b"}), UsageError);
  CHECK_THROWS_AS(parse_args(spec, {"-a"}), UsageError);
}

TEST_CASE("numbers print shortest and read back exactly", "[cli][numbers]") {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::uint64_t> bits;
  for (int i = 0; i < 2000; ++i) {
    std::uint64_t b = bits(rng);
    double v;
    std::memcpy(&v, &b, sizeof v);
    if (!std::isfinite(v)) continue;
    CHECK(std::strtod(format_number(v).c_str(), nullptr) == v);
  }
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(1e-3) == "0.001");
  CHECK(format_number(std::numeric_limits<double>::infinity()) == "inf");
  CHECK(parse_count("5e4", "--steps", 1, 100000) == 50000);
  CHECK_THROWS_AS(parse_count("2.5", "--steps", 1, 10), ps::InputError);
  CHECK_THROWS_AS(parse_count("0", "--steps", 1, 10), ps::InputError);
  CHECK(parse_point("-8.5,7.5", "--start") == Eigen::Vector2d(-8.5, 7.5));
  CHECK_THROWS_AS(parse_point("1,", "--start"), ps::InputError);
  CHECK(parse_assignments({"a=1", "b=2", "a=3"}) == ps::ParamValues{{"a", 3}, {"b", 2}});
}

TEST_CASE("methods --json lists every registry method with its parameters", "[cli][methods]") {
  auto r = run_cli({"methods", "--json"});
  REQUIRE(r.code == 0);
  const json j = json::parse(r.out);
  REQUIRE(j.is_array());
  REQUIRE(j.size() == ps::methods().size());
  CHECK(j.size() == 14);
  for (size_t i = 0; i < j.size(); ++i) {
    const auto& info = ps::methods()[i];
    const json& m = j[i];
    INFO(info.name);
    CHECK(m.at("name") == info.name);
    CHECK(m.at("label") == info.label);
    CHECK(m.at("description") == info.description);
    CHECK(m.at("needs_grads") == info.needs_grads);
    CHECK(m.at("needs_losses") == info.needs_losses);
    CHECK(m.at("stateful") == info.stateful);
    CHECK(m.at("randomized") == info.randomized);
    const json& ps = m.at("params");
    REQUIRE(ps.size() == info.params.size() + ps::wrapper_params().size());
    for (size_t k = 0; k < ps.size(); ++k) {
      const bool common = k >= info.params.size();
      const auto& spec = common ? ps::wrapper_params()[k - info.params.size()] : info.params[k];
      CHECK(ps[k].at("name") == spec.name);
      CHECK(ps[k].at("common") == common);
      CHECK(ps[k].at("default").get<double>() == spec.default_value);
      CHECK(ps[k].at("min").get<double>() == spec.min_value);
      if (std::isinf(spec.max_value))
        CHECK(ps[k].at("max").is_null());
      else
        CHECK(ps[k].at("max").get<double>() == spec.max_value);
      CHECK(ps[k].at("integer") == spec.integer);
      CHECK(ps[k].at("help") == spec.help);
    }
  }
}

TEST_CASE("methods table: one row per method, each parameter with its default", "[cli][methods]") {
  auto r = run_cli({"methods"});
  REQUIRE(r.code == 0);
  for (const auto& m : ps::methods()) {
    INFO(m.name);
    const auto row = r.out.find("\n" + m.name + " ");
    REQUIRE(row != std::string::npos);
    const auto end = r.out.find("\n\n", row + 1);
    const std::string block = r.out.substr(row, end - row);
    CHECK(block.find(m.label) != std::string::npos);
    CHECK(block.find(m.description) != std::string::npos);
    CHECK(block.find(m.needs_grads ? "grads" : "gram") != std::string::npos);
    for (const auto& p : m.params)
      CHECK(block.find(p.name + " = " + format_number(p.default_value)) != std::string::npos);
  }
  CHECK(r.out.find("loss_alpha = 0") != std::string::npos);
}
