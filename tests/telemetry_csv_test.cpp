// CSV export of a run log: numbers round-trip exactly, text cells are quoted as CSV needs,
// files appear whole (temporary file renamed into place) and failures name the file.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "core/telemetry/log_reader.h"
#include "core/telemetry/log_writer.h"
#include "core/telemetry/run_csv.h"
#include "core/telemetry/run_series.h"
#include "tests/temp_dir.h"

using namespace ps::telemetry;
namespace fs = std::filesystem;

namespace {


// RFC 4180 records: quoted cells may hold commas, doubled quotes and line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, in_quotes = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        cell += c;
      }
    } else if (c == '"' && cell.empty() && !quoted) {
      in_quotes = quoted = true;
    } else if (c == ',') {
      row.push_back(cell), cell.clear(), quoted = false;
    } else if (c == '\n') {
      row.push_back(cell), cell.clear(), quoted = false;
      rows.push_back(row), row.clear();
    } else {
      cell += c;
    }
  }
  REQUIRE_FALSE(in_quotes);
  REQUIRE(cell.empty());  // every record ends with a newline
  return rows;
}

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

template <class T>
T parse_number(const std::string& s) {
  T v{};
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  REQUIRE(r.ec == std::errc());
  REQUIRE(r.ptr == s.data() + s.size());
  return v;
}

// A log with awkward numbers (tiny, huge, many digits, missing) and awkward text.
RunLog awkward_log(const fs::path& dir) {
  {
    LogWriter w(dir.string());
    HeaderRecord h;
    h.run = "csv";
    h.tasks = {"top,left", "bottom \"right\""};
    h.start_unix = 1700000000.5;
    w.write(h);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> e(-30, 30);
    for (int s = 0; s < 300; ++s) {
      StepRecord r;
      r.step = s;
      r.epoch = s / 100;
      r.time = 0.001 * s + 1e-6 * (s % 7);
      for (int t = 0; t < 2; ++t) {
        r.losses.push_back(std::pow(10.0, e(rng)) * (rng() % 2 ? 1 : -1));
        r.weights.push_back(s % 50 == 0 ? NAN : std::pow(10.0, e(rng) / 10));
        r.rates.push_back(s % 3 == 0 ? NAN : 1.0 / (s + t + 3));
      }
      if (s % 5) r.grad_norms = {0.1 * s, 1e-40};  // a float denormal
      r.status = s % 4 ? "ok" : "max_iterations";
      r.iterations = s;
      r.residual = 3e-17 * s;
      r.step_time = 0.1 + 1e-6 * s;
      r.method_time = 2.5e-5;
      w.write(r);
    }
    EventRecord ev;
    ev.step = 12;
    ev.time = 1.25;
    ev.kind = "params_changed";
    ev.message = "alpha 2 -> 10, said \"the user\"\nsecond line";
    ev.method = "fairgrad";
    ev.params = {{"alpha", 10}, {"loss_alpha", 0.1}};
    w.write(ev);
    EvalRecord eval;
    eval.step = 100;
    eval.epoch = 1;
    eval.metrics = {{"accuracy", {0.7445, 0.1 + 0.2}}};
    w.write(eval);
    CosineRecord c;
    c.step = 100;
    c.k = 2;
    c.matrix = {1, -0.12345678, -0.12345678, 1};
    w.write(c);
  }
  RunLog log;
  REQUIRE(read_log(dir.string(), log).ok);
  return log;
}

}  // namespace

TEST_CASE("csv: every step row and column, numbers parse back exactly") {
  TempDir dir;
  const RunLog log = awkward_log(dir.path);
  std::ostringstream out;
  write_steps_csv(log, out);
  const auto rows = parse_csv(out.str());
  REQUIRE(rows.size() == 301);
  const auto& head = rows[0];
  REQUIRE(head.size() == 4 + 5 * 2 + 5);
  REQUIRE(head[4] == "loss_top,left");  // quoted in the file, whole when parsed
  REQUIRE(head[5] == "loss_bottom \"right\"");
  REQUIRE(head[8] == "share_top,left");
  REQUIRE(head.back() == "method_time");
  const StepSeries& s = log.steps();
  for (std::size_t r = 0; r < s.size(); ++r) {
    const auto& row = rows[r + 1];
    REQUIRE(row.size() == head.size());
    REQUIRE(parse_number<std::int64_t>(row[0]) == s.step[r]);
    REQUIRE(parse_number<int>(row[1]) == s.epoch[r]);
    REQUIRE(parse_number<double>(row[2]) == s.time[r]);
    REQUIRE(parse_number<double>(row[3]) == s.time[r]);  // one segment: wall time = time
    const std::vector<std::vector<float>>* cols[5] = {&s.losses, &s.weights, nullptr, &s.rates,
                                                      &s.grad_norms};
    for (int c = 0; c < 5; ++c)
      for (int t = 0; t < 2; ++t) {
        const std::string& cell = row[4 + c * 2 + t];
        if (!cols[c]) {  // share
          const float w0 = s.weights[0][r], w1 = s.weights[1][r];
          if (std::isnan(w0)) {
            REQUIRE(cell.empty());
          } else {
            REQUIRE(parse_number<float>(cell) ==
                    static_cast<float>((t ? w1 : w0) / (double{w0} + double{w1})));
          }
          continue;
        }
        const float v = (*cols[c])[t][r];
        if (std::isnan(v))
          REQUIRE(cell.empty());  // missing: an empty cell
        else
          REQUIRE(parse_number<float>(cell) == v);
      }
    REQUIRE(row[14] == s.status_names[s.status[r]]);
    REQUIRE(parse_number<int>(row[15]) == s.iterations[r]);
    REQUIRE(parse_number<float>(row[16]) == s.residual[r]);
    REQUIRE(parse_number<float>(row[17]) == s.step_time[r]);
    REQUIRE(parse_number<float>(row[18]) == s.method_time[r]);
  }
}

TEST_CASE("csv: events, evaluations and cosines, text quoted as CSV needs") {
  TempDir dir;
  const RunLog log = awkward_log(dir.path);
  std::ostringstream ev, evals, cos;
  write_events_csv(log, ev);
  write_evals_csv(log, evals);
  write_cosines_csv(log, cos);
  auto rows = parse_csv(ev.str());
  REQUIRE(rows.size() == 2);
  REQUIRE(rows[0] == std::vector<std::string>{"step", "time", "kind", "method", "params",
                                              "message"});
  REQUIRE(rows[1] == std::vector<std::string>{"12", "1.25", "params_changed", "fairgrad",
                                              "alpha=10 loss_alpha=0.1",
                                              "alpha 2 -> 10, said \"the user\"\nsecond line"});
  rows = parse_csv(evals.str());
  REQUIRE(rows.size() == 3);
  REQUIRE(rows[1][3] == "accuracy");
  REQUIRE(rows[1][4] == "top,left");
  REQUIRE(parse_number<double>(rows[1][5]) == log.evals()[0].eval.metrics[0].second[0]);
  REQUIRE(parse_number<double>(rows[2][5]) == log.evals()[0].eval.metrics[0].second[1]);
  rows = parse_csv(cos.str());
  REQUIRE(rows.size() == 5);
  REQUIRE(rows[2][2] == "1");
  REQUIRE(rows[2][3] == "2");
  REQUIRE(parse_number<double>(rows[2][4]) == log.cosines()[0].cosine.matrix[1]);
}

TEST_CASE("csv: export writes four whole files, or throws naming the one that failed") {
  TempDir dir;
  const RunLog log = awkward_log(dir.path);
  const std::string prefix = (dir.path / "out" / "run").string();
  REQUIRE_THROWS_WITH(export_run_csv(log, prefix),
                      Catch::Contains(prefix + "-steps.csv") && Catch::Contains("cannot write"));
  fs::create_directories(dir.path / "out");
  const auto files = export_run_csv(log, prefix);
  REQUIRE(files.size() == 4);
  std::ostringstream steps;
  write_steps_csv(log, steps);
  REQUIRE(slurp(files[0]) == steps.str());
  int entries = 0;
  for (const auto& e : fs::directory_iterator(dir.path / "out")) {
    REQUIRE(e.path().extension() == ".csv");  // no temporary file left behind
    ++entries;
  }
  REQUIRE(entries == 4);
}

TEST_CASE("csv: a resumed run's wall time continues from the first start") {
  TempDir dir;
  {
    LogWriter w(dir.path.string());
    HeaderRecord h;
    h.tasks = {"a"};
    h.start_unix = 1000;
    w.write(h);
    StepRecord r;
    r.step = 0;
    r.time = 2;
    w.write(r);
    h.start_unix = 1050;
    w.write(h);
    r.step = 1;
    r.time = 0.5;
    w.write(r);
    h.start_unix = NAN;  // no clock: continues where the last segment ended
    w.write(h);
    r.step = 2;
    r.time = 1;
    w.write(r);
  }
  RunLog log;
  read_log(dir.path.string(), log);
  std::ostringstream out;
  write_steps_csv(log, out);
  const auto rows = parse_csv(out.str());
  REQUIRE(rows.size() == 4);
  REQUIRE(rows[1][3] == "2");
  REQUIRE(rows[2][3] == "50.5");
  REQUIRE(rows[3][3] == "51.5");
  RunSeries series;  // the monitor's x axis says the same
  series.update(log);
  for (std::size_t r = 0; r < 3; ++r)
    REQUIRE(parse_number<double>(rows[r + 1][3]) == series.x(XAxis::wall_time)[r]);
}
