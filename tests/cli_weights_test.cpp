// paretoscope weights: every registry method answers JSON; Gram input matches grads input;
// each class of bad input is one line and exit 2.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_run.h"
#include "core/registry.h"

using ps::cli::testing::CliResult;
using ps::cli::testing::run_cli;
using nlohmann::json;

namespace {

// Three tasks in four dimensions, with conflicts (g1 . g3 < 0), so no method is trivial.
const std::vector<std::vector<double>> kGrads = {
    {1.0, 0.5, -0.2, 0.3}, {0.2, 1.5, 0.4, -0.1}, {-0.6, 0.1, 0.9, 0.5}};
const std::vector<double> kLosses = {1.5, 0.7, 2.0};
const std::vector<double> kFloor = {-0.5, 0.0, 0.2};

std::vector<std::vector<double>> gram_of(const std::vector<std::vector<double>>& g) {
  std::vector<std::vector<double>> out(g.size(), std::vector<double>(g.size()));
  for (size_t i = 0; i < g.size(); ++i)
    for (size_t j = 0; j < g.size(); ++j)
      for (size_t k = 0; k < g[i].size(); ++k) out[i][j] += g[i][k] * g[j][k];
  return out;
}

std::string grads_input() {
  return json{{"grads", kGrads}, {"losses", kLosses}, {"loss_floor", kFloor}}.dump();
}
std::string gram_input() {
  return json{{"gram", gram_of(kGrads)}, {"losses", kLosses}, {"loss_floor", kFloor}}.dump();
}

bool not_written(const CliResult& r) {
  return r.code == 1 && r.err.find("not written") != std::string::npos;
}

}  // namespace

TEST_CASE("weights answers valid JSON for every registry method", "[cli][weights]") {
  for (const auto& m : ps::methods()) {
    INFO(m.name);
    const CliResult r = run_cli({"weights", "--method", m.name}, grads_input());
    if (not_written(r)) {
      WARN(m.name << " skipped: " << r.err);
      continue;
    }
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    const json j = json::parse(r.out);
    CHECK(j.at("method") == m.name);
    for (const auto& p : m.params) CHECK(j.at("params").at(p.name).get<double>() == p.default_value);
    CHECK(j.at("params").at("loss_alpha").get<double>() == 0.0);
    const auto w = j.at("weights").get<std::vector<double>>();
    const auto rates = j.at("rates").get<std::vector<double>>();
    const auto d = j.at("direction").get<std::vector<double>>();
    REQUIRE(w.size() == 3);
    REQUIRE(rates.size() == 3);
    REQUIRE(d.size() == 4);
    // rates are each task's g_i . d, whatever the method.
    for (size_t i = 0; i < 3; ++i) {
      double dot = 0;
      for (size_t k = 0; k < 4; ++k) dot += kGrads[i][k] * d[k];
      CHECK(rates[i] == Approx(dot).margin(1e-9));
    }
    const std::string status = j.at("status");
    CHECK((status == "ok" || status == "max_iterations" || status == "near_stationary"));
    CHECK(j.at("iterations").is_number_integer());
    CHECK(j.at("residual").is_number());
    CHECK(j.at("note").is_string());
  }
}

TEST_CASE("weights from the Gram matrix match weights from the gradients", "[cli][weights]") {
  for (const auto& m : ps::methods()) {
    if (m.needs_grads) continue;
    INFO(m.name);
    const CliResult a = run_cli({"weights", "--method", m.name}, grads_input());
    if (not_written(a)) {
      WARN(m.name << " skipped: " << a.err);
      continue;
    }
    const CliResult b = run_cli({"weights", "--method", m.name}, gram_input());
    REQUIRE(a.code == 0);
    REQUIRE(b.code == 0);
    const json ja = json::parse(a.out), jb = json::parse(b.out);
    CHECK_FALSE(jb.contains("direction"));
    const auto wa = ja.at("weights").get<std::vector<double>>();
    const auto wb = jb.at("weights").get<std::vector<double>>();
    const auto ra = ja.at("rates").get<std::vector<double>>();
    const auto rb = jb.at("rates").get<std::vector<double>>();
    REQUIRE(wa.size() == wb.size());
    for (size_t i = 0; i < wa.size(); ++i) {
      CHECK(wb[i] == Approx(wa[i]).epsilon(1e-6).margin(1e-9));
      CHECK(rb[i] == Approx(ra[i]).epsilon(1e-6).margin(1e-9));
    }
  }
}

TEST_CASE("methods that need gradients refuse a Gram matrix alone", "[cli][weights][errors]") {
  for (const auto& m : ps::methods()) {
    if (!m.needs_grads) continue;
    INFO(m.name);
    const CliResult r = run_cli({"weights", "--method", m.name}, gram_input());
    CHECK(r.code == 2);
    CHECK(r.err_lines() == 1);
    CHECK(r.err.find("\"grads\"") != std::string::npos);
    CHECK(r.out.empty());
  }
}

TEST_CASE("weights --set reaches the method: FairGrad's rates solve G^T G w = w^(-1/alpha)",
          "[cli][weights]") {
  for (double alpha : {0.5, 1.0, 2.0, 5.0}) {
    const std::string a = "alpha=" + std::to_string(alpha);
    const CliResult r =
        run_cli({"weights", "--method", "fairgrad", "--set", a}, json{{"grads", kGrads}}.dump());
    if (not_written(r)) {
      WARN("fairgrad skipped: " << r.err);
      return;
    }
    REQUIRE(r.code == 0);
    const json j = json::parse(r.out);
    CHECK(j.at("params").at("alpha").get<double>() == alpha);
    const auto w = j.at("weights").get<std::vector<double>>();
    const auto rates = j.at("rates").get<std::vector<double>>();
    for (size_t i = 0; i < w.size(); ++i) CHECK(rates[i] == Approx(std::pow(w[i], -1 / alpha)).epsilon(1e-6));
  }
}

TEST_CASE("weights reads FILE, '-' and stdin alike", "[cli][weights]") {
  const std::string path = "cli_weights_test_input.json";
  {
    std::ofstream f(path);
    f << json{{"grads", kGrads}}.dump();
  }
  const CliResult from_file = run_cli({"weights", "--method", "ls", path});
  const CliResult from_dash = run_cli({"weights", "--method", "ls", "-"}, json{{"grads", kGrads}}.dump());
  const CliResult from_stdin = run_cli({"weights", "--method=ls"}, json{{"grads", kGrads}}.dump());
  std::remove(path.c_str());
  if (not_written(from_file)) {
    WARN("ls skipped");
    return;
  }
  REQUIRE(from_file.code == 0);
  CHECK(from_file.out == from_dash.out);
  CHECK(from_file.out == from_stdin.out);
  const auto w = json::parse(from_file.out).at("weights").get<std::vector<double>>();
  CHECK(w == std::vector<double>{1, 1, 1});
}

TEST_CASE("each class of bad weights input: exit 2 and exactly one line", "[cli][weights][errors]") {
  struct Case {
    std::vector<std::string> args;
    std::string input;
    std::string says;  // a piece the message must hold
  };
  const std::vector<std::string> fg = {"weights", "--method", "ls"};
  auto with = [&](std::vector<std::string> extra) {
    auto a = fg;
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  };
  const std::vector<Case> cases = {
      {fg, R"({"grads": [[1, 2], [3, 4])", "at byte 26"},  // 1-based: just past the end
      {fg, R"({"grads": [[1, 2] [3, 4]]})", "at byte 19 (line 1, column 19)"},
      {fg, "{\n \"grads\": [[1, 2],\n [3, x]]}", "(line 3, column 6)"},
      {fg, "", "byte"},
      {fg, R"({"grads": [[1, 2], [3, NaN]]})", "byte"},
      {fg, R"({"grads": [[1, 2], [3, 4, 5]]})", "ragged"},
      {fg, R"({"gram": [[1, 0], [0, 1], [1, 1]]})", "square"},
      {fg, R"({"gram": [[1, 0.5], [0.2, 1]]})", "symmetric"},
      {fg, R"({"gram": [[-1, 0], [0, 1]]})", "negative"},
      {fg, R"({"grads": []})", "non-empty"},
      {fg, R"({"grads": [[]]})", "empty row"},
      {fg, R"({"grads": [1, 2]})", "grads[0]"},
      {fg, R"({"grads": [[1, "2"]]})", "grads[0][1] is a string"},
      {fg, R"({"grads": [[1, true]]})", "boolean"},
      {fg, R"({"grads": [[1, null]]})", "null"},
      {fg, R"({"grads": [[1, 1e999]]})", "1e999"},
      {fg, R"({"grads": [[1, 2]], "losses": [1, 2]})", "losses"},
      {fg, R"({"grads": [[1, 2]], "loss_floor": "0"})", "loss_floor"},
      {fg, R"({"grads": [[1, 2]], "gram": [[5]]})", "not both"},
      {fg, R"({"losses": [1]})", "\"grads\""},
      {fg, R"({"grads": [[1, 2]], "grad": 1})", "unknown key \"grad\""},
      {fg, R"([[1, 2]])", "object"},
      {{"weights"}, R"({"grads": [[1]]})", "--method"},
      {{"weights", "--method", "nope"}, R"({"grads": [[1]]})", "unknown method"},
      {with({"--set", "x=1"}), R"({"grads": [[1]]})", "no parameter 'x'"},
      {with({"--set", "loss_alpha=5"}), R"({"grads": [[1]]})", "out of range"},
      {with({"--set", "loss_alpha"}), R"({"grads": [[1]]})", "name=value"},
      {with({"--set", "loss_alpha=abc"}), R"({"grads": [[1]]})", "not a finite number"},
      {with({"--set", "loss_alpha=0.5"}), R"({"grads": [[1]]})", "losses"},
      {with({"no/such/file.json"}), "", "cannot read"},
      {with({"a.json", "b.json"}), "", "unexpected argument"},
      {{"weights", "--method", "si"}, R"({"grads": [[1]]})", "losses"},
  };
  for (const auto& c : cases) {
    std::string joined;
    for (const auto& a : c.args) joined += a + " ";
    INFO(joined << "<<< " << c.input);
    const CliResult r = run_cli(c.args, c.input);
    CHECK(r.code == 2);
    CHECK(r.err_lines() == 1);
    CHECK(r.err.rfind("paretoscope weights: ", 0) == 0);
    CHECK(r.err.find(c.says) != std::string::npos);
    CHECK(r.out.empty());
  }
}
