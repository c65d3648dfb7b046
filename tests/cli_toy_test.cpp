// paretoscope toy: the JSON shape, the last point is the stop state, CSV matches JSON.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli_run.h"
#include "toy/simulator.h"

using ps::cli::testing::CliResult;
using ps::cli::testing::run_cli;
using nlohmann::json;

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

std::vector<std::string> lines(const std::string& s) {
  auto v = split(s, '\n');
  if (!v.empty() && v.back().empty()) v.pop_back();
  return v;
}

// Our CSV quotes only the last column (stop_detail); split the rest on commas.
std::vector<std::string> csv_fields(const std::string& line) {
  const auto quote = line.find('"');
  auto f = split(line.substr(0, quote == std::string::npos ? line.size() : quote), ',');
  if (quote != std::string::npos) f.back() = line.substr(quote);
  return f;
}

double num(const std::string& s) { return std::strtod(s.c_str(), nullptr); }

const std::vector<std::string> kArgs = {"toy",   "--method", "ls",      "--steps",
                                        "3000",  "--every",  "700",     "--start",
                                        "-8.5,7.5", "--start", "9,-1", "--start=0,0"};

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& extra) {
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

bool not_written(const CliResult& r) {
  return r.code == 1 && r.err.find("not written") != std::string::npos;
}

}  // namespace

TEST_CASE("toy JSON has the documented shape and ends each run in its stop state", "[cli][toy]") {
  const CliResult r = run_cli(kArgs);
  if (not_written(r)) {
    WARN("ls skipped: " << r.err);
    return;
  }
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());
  const json j = json::parse(r.out);
  const json& s = j.at("settings");
  CHECK(s.at("method") == "ls");
  CHECK(s.at("steps") == 3000);
  CHECK(s.at("record_every") == 700);
  CHECK(s.at("optimizer") == "adam");
  CHECK(s.at("lr").get<double>() == 1e-3);
  CHECK(s.at("scale").get<double>() == 0.1);
  CHECK(s.at("stop_at_front") == true);
  CHECK(s.at("reference_scaling") == true);
  CHECK(s.at("params").at("loss_alpha").get<double>() == 0);
  const std::vector<std::vector<double>> starts = {{-8.5, 7.5}, {9, -1}, {0, 0}};
  CHECK(s.at("starts").get<std::vector<std::vector<double>>>() == starts);

  const json& runs = j.at("runs");
  REQUIRE(runs.size() == 3);
  const std::set<std::string> reasons = {"front", "steps", "non_finite", "cancelled"};
  for (size_t i = 0; i < runs.size(); ++i) {
    INFO("run " << i);
    const json& run = runs[i];
    CHECK(run.at("start").get<std::vector<double>>() == starts[i]);
    const json& stop = run.at("stop");
    CHECK(reasons.count(stop.at("reason").get<std::string>()) == 1);
    CHECK_FALSE(stop.at("detail").get<std::string>().empty());
    const json& pts = run.at("points");
    REQUIRE(pts.size() >= 2);
    CHECK(pts.front().at("step") == 0);
    CHECK(pts.front().at("x").get<std::vector<double>>() == starts[i]);
    CHECK(pts.back().at("step") == stop.at("step"));
    CHECK(stop.at("step").get<int>() <= 3000);
    if (stop.at("reason") == "steps") CHECK(stop.at("step") == 3000);
    for (size_t k = 0; k < pts.size(); ++k) {
      const int step = pts[k].at("step");
      if (k + 1 < pts.size()) CHECK(step % 700 == 0);
      if (k > 0) CHECK(step > pts[k - 1].at("step").get<int>());
      for (const char* key : {"x", "losses", "weights", "rates"})
        CHECK(pts[k].at(key).size() == 2);
    }
  }
}

TEST_CASE("toy's last point is the simulator's final state, digit for digit", "[cli][toy]") {
  ps::toy::SimSettings s;
  s.method = "ls";
  s.steps = 3000;
  s.record_every = 700;
  s.starts = {{-8.5, 7.5}, {9, -1}, {0, 0}};
  ps::toy::SimResult direct;
  try {
    direct = ps::toy::simulate(s);
  } catch (const std::logic_error& e) {
    WARN("ls skipped: " << e.what());
    return;
  }
  const json j = json::parse(run_cli(kArgs).out);
  for (size_t i = 0; i < direct.runs.size(); ++i) {
    const auto& want = direct.runs[i].points.back();
    const json& got = j.at("runs")[i].at("points").back();
    CHECK(got.at("step") == want.step);
    CHECK(got.at("x")[0].get<double>() == want.x[0]);
    CHECK(got.at("x")[1].get<double>() == want.x[1]);
    CHECK(got.at("losses")[1].get<double>() == want.losses[1]);
    CHECK(got.at("rates")[0].get<double>() == want.rates[0]);
    CHECK(j.at("runs")[i].at("stop").at("step") == direct.runs[i].stop.step);
  }
}

TEST_CASE("toy CSV has the documented header and the same rows as the JSON", "[cli][toy]") {
  const CliResult rj = run_cli(kArgs);
  const CliResult rc = run_cli(with(kArgs, {"--format", "csv"}));
  if (not_written(rj)) {
    WARN("ls skipped: " << rj.err);
    return;
  }
  REQUIRE(rc.code == 0);
  const json j = json::parse(rj.out);
  const auto ls = lines(rc.out);
  REQUIRE_FALSE(ls.empty());
  CHECK(ls[0] == "run,start_x1,start_x2,step,x1,x2,l1,l2,w1,w2,r1,r2,stop,stop_detail");

  size_t row = 1;
  for (size_t i = 0; i < j.at("runs").size(); ++i) {
    const json& run = j.at("runs")[i];
    const json& pts = run.at("points");
    for (size_t k = 0; k < pts.size(); ++k, ++row) {
      INFO("run " << i << " point " << k);
      REQUIRE(row < ls.size());
      const auto f = csv_fields(ls[row]);
      REQUIRE(f.size() == 14);
      CHECK(f[0] == std::to_string(i));
      CHECK(num(f[1]) == run.at("start")[0].get<double>());
      CHECK(num(f[2]) == run.at("start")[1].get<double>());
      CHECK(f[3] == std::to_string(pts[k].at("step").get<int>()));
      // Exact equality: both print numbers so that they read back exactly.
      CHECK(num(f[4]) == pts[k].at("x")[0].get<double>());
      CHECK(num(f[5]) == pts[k].at("x")[1].get<double>());
      CHECK(num(f[6]) == pts[k].at("losses")[0].get<double>());
      CHECK(num(f[7]) == pts[k].at("losses")[1].get<double>());
      CHECK(num(f[8]) == pts[k].at("weights")[0].get<double>());
      CHECK(num(f[9]) == pts[k].at("weights")[1].get<double>());
      CHECK(num(f[10]) == pts[k].at("rates")[0].get<double>());
      CHECK(num(f[11]) == pts[k].at("rates")[1].get<double>());
      if (k + 1 == pts.size()) {
        CHECK(f[12] == run.at("stop").at("reason").get<std::string>());
        CHECK(f[13] == "\"" + run.at("stop").at("detail").get<std::string>() + "\"");
      } else {
        CHECK(f[12].empty());
        CHECK(f[13].empty());
      }
    }
  }
  CHECK(row == ls.size());
}

TEST_CASE("toy --out writes the file, and a .csv name picks CSV", "[cli][toy]") {
  const std::string path = "cli_toy_test_out.csv";
  const CliResult r = run_cli(with(kArgs, {"--out", path}));
  if (not_written(r)) {
    WARN("ls skipped: " << r.err);
    return;
  }
  REQUIRE(r.code == 0);
  CHECK(r.out.empty());
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  std::remove(path.c_str());
  CHECK(ss.str() == run_cli(with(kArgs, {"--format", "csv"})).out);

  const CliResult bad = run_cli(with(kArgs, {"--out", "no/such/dir/x.json"}));
  CHECK(bad.code == 1);
  CHECK(bad.err_lines() == 1);
}

TEST_CASE("toy settings reach the simulator", "[cli][toy]") {
  const CliResult r = run_cli({"toy", "--method", "ls", "--steps", "50", "--optimizer", "sgd",
                               "--lr", "0.01", "--scale", "1", "--no-stop",
                               "--no-reference-scaling", "--start", "1,-1"});
  if (not_written(r)) {
    WARN("ls skipped: " << r.err);
    return;
  }
  REQUIRE(r.code == 0);
  const json j = json::parse(r.out);
  const json& s = j.at("settings");
  CHECK(s.at("optimizer") == "sgd");
  CHECK(s.at("lr").get<double>() == 0.01);
  CHECK(s.at("scale").get<double>() == 1.0);
  CHECK(s.at("stop_at_front") == false);
  CHECK(s.at("reference_scaling") == false);
  const json& pts = j.at("runs")[0].at("points");
  CHECK(pts.size() == 51);  // every step recorded, all 50 run
  // Plain SGD on LS without scaling: x1 - x0 = -lr (g1 + g2) at the start.
  const auto x0 = pts[0].at("x").get<std::vector<double>>();
  const auto x1 = pts[1].at("x").get<std::vector<double>>();
  const auto r0 = pts[0].at("rates").get<std::vector<double>>();
  // With w = (1, 1), d = g1 + g2 and r1 + r2 = |d|^2 = |x1 - x0|^2 / lr^2.
  const double dx = x1[0] - x0[0], dy = x1[1] - x0[1];
  CHECK((dx * dx + dy * dy) / (0.01 * 0.01) == Approx(r0[0] + r0[1]).epsilon(1e-9));
  // The default is every paper start.
  const CliResult all = run_cli({"toy", "--method", "ls", "--steps", "10"});
  REQUIRE(all.code == 0);
  CHECK(json::parse(all.out).at("runs").size() == 5);
}
