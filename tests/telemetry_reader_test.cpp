// Run-log writer and reader: round trip, number parsing, bad lines skipped and counted,
// incremental tailing at byte offsets.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "core/telemetry/json_scan.h"
#include "core/telemetry/log_reader.h"
#include "core/telemetry/log_writer.h"
#include "tests/temp_dir.h"

using namespace ps::telemetry;
namespace fs = std::filesystem;

namespace {


HeaderRecord header(int k) {
  HeaderRecord h;
  h.run = "test \"run\"\n";
  h.workload = "regression";
  h.method = "fairgrad";
  h.params = {{"alpha", 2.0}, {"loss_alpha", 0.0}};
  for (int i = 0; i < k; ++i) h.tasks.push_back("task " + std::to_string(i + 1));
  h.device = "cpu";
  h.versions = {{"paretoscope", "0.1"}};
  h.start_unix = 1700000000.25;
  h.config_json = R"({"lr":0.001,"batch_size":32})";
  return h;
}

StepRecord step(std::int64_t s, int k) {
  StepRecord r;
  r.step = s;
  r.epoch = static_cast<int>(s / 10);
  r.time = 0.5 * static_cast<double>(s);
  for (int i = 0; i < k; ++i) {
    r.losses.push_back(1.0 / (1.0 + static_cast<double>(s + i)));
    r.weights.push_back(0.1 * (i + 1) + 1e-3 * static_cast<double>(s));
    r.rates.push_back(-3.25e-7 * (i + 1));
    r.grad_norms.push_back(std::pow(10.0, i));
  }
  r.status = s % 2 ? "ok" : "max_iterations";
  r.iterations = static_cast<int>(s % 7);
  r.residual = 1e-9;
  r.step_time = 0.01;
  r.method_time = 2e-5;
  return r;
}

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Same columns, NaN matching NaN (a record without a field reads as NaN).
bool same(const std::vector<std::vector<float>>& a, const std::vector<std::vector<float>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t t = 0; t < a.size(); ++t) {
    if (a[t].size() != b[t].size()) return false;
    for (std::size_t i = 0; i < a[t].size(); ++i)
      if (!(a[t][i] == b[t][i] || (std::isnan(a[t][i]) && std::isnan(b[t][i])))) return false;
  }
  return true;
}

void append(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::app);
  f << bytes;
}

}  // namespace

TEST_CASE("every field written comes back, column by column") {
  TempDir dir;
  const int k = 3;
  {
    LogWriter w(dir.path.string());
    REQUIRE(w.write(header(k)));
    for (int s = 0; s < 50; ++s) REQUIRE(w.write(step(s, k)));
    REQUIRE(w.write(CosineRecord{10, 5.0, 2, {1, -0.5, -0.5, 1}}));
    REQUIRE(w.write(EvalRecord{49, 4, 24.5, "test", {{"accuracy", {0.5, 0.75, 1.0}}}}));
    REQUIRE(w.write(
        EventRecord{20, 10.0, "params_changed", "alpha 2 -> 10", "fairgrad", {{"alpha", 10.0}}}));
  }
  RunLog log;
  const PollResult r = read_log(dir.path.string(), log);  // a run directory works as a path
  REQUIRE(r.ok);
  CHECK(log.stats().skipped() == 0);
  CHECK(log.stats().records == 54);
  REQUIRE(log.headers().size() == 1);
  const HeaderRecord& h = log.headers()[0].header;
  CHECK(h.run == "test \"run\"\n");
  CHECK(h.tasks == std::vector<std::string>{"task 1", "task 2", "task 3"});
  CHECK(h.params == header(k).params);
  CHECK(h.start_unix == 1700000000.25);
  CHECK(h.config_json.find("\"batch_size\":32") != std::string::npos);

  const StepSeries& st = log.steps();
  REQUIRE(st.size() == 50);
  REQUIRE(st.num_tasks == k);
  for (int s = 0; s < 50; ++s) {
    const StepRecord e = step(s, k);
    CHECK(st.step[s] == s);
    CHECK(st.epoch[s] == e.epoch);
    CHECK(st.time[s] == e.time);
    CHECK(st.iterations[s] == e.iterations);
    CHECK(st.status_names[st.status[s]] == e.status);
    CHECK(st.residual[s] == static_cast<float>(e.residual));
    for (int i = 0; i < k; ++i) {
      // Floats are written shortest-round-trip: they come back bit for bit.
      CHECK(st.losses[i][s] == static_cast<float>(e.losses[i]));
      CHECK(st.weights[i][s] == static_cast<float>(e.weights[i]));
      CHECK(st.rates[i][s] == static_cast<float>(e.rates[i]));
      CHECK(st.grad_norms[i][s] == static_cast<float>(e.grad_norms[i]));
    }
  }
  REQUIRE(log.cosines().size() == 1);
  CHECK(log.cosines()[0].cosine.matrix == std::vector<double>{1, -0.5, -0.5, 1});
  CHECK(log.cosines()[0].row == 50);
  REQUIRE(log.evals().size() == 1);
  CHECK(log.evals()[0].eval.metrics[0].second == std::vector<double>{0.5, 0.75, 1.0});
  REQUIRE(log.events().size() == 1);
  CHECK(log.events()[0].event.kind == "params_changed");
  CHECK(log.events()[0].event.params.at(0).second == 10.0);
}

TEST_CASE("non-finite values are written as null and read as NaN") {
  TempDir dir;
  StepRecord s = step(0, 2);
  s.losses[1] = NAN;
  s.weights[0] = INFINITY;
  {
    LogWriter w(dir.path.string());
    w.write(s);
  }
  CHECK(slurp(dir.log()).find("null") != std::string::npos);
  RunLog log;
  read_log(dir.log(), log);
  REQUIRE(log.steps().size() == 1);
  CHECK(log.steps().num_tasks == 2);  // K from the first step when no header came
  CHECK(std::isnan(log.steps().losses[1][0]));
  CHECK(std::isnan(log.steps().weights[0][0]));
  CHECK(log.steps().losses[0][0] == 1.0f);
}

TEST_CASE("JSON numbers parse exactly and bad ones are refused") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> mant(-10, 10);
  std::uniform_int_distribution<int> ex(-300, 300);
  for (int i = 0; i < 20000; ++i) {
    char buf[64];
    const double v = mant(rng) * std::pow(10.0, ex(rng) / 10);
    std::snprintf(buf, sizeof buf, i % 2 ? "%.17g" : "%.9g", v);
    double got = 0;
    const char* end = buf + std::strlen(buf);
    REQUIRE(parse_json_number(buf, end, got) == end);
    REQUIRE(got == std::strtod(buf, nullptr));
  }
  for (const char* s : {"0", "-0", "0.5", "1e5", "1E+5", "12345678901234567890123", "4.9e-324",
                        "1.7976931348623157e308", "0.000000000000000000000000000001"}) {
    double got = 0;
    const char* end = s + std::strlen(s);
    REQUIRE(parse_json_number(s, end, got) == end);
    CHECK(got == std::strtod(s, nullptr));
  }
  for (const char* s : {"", "-", "01", "1.", ".5", "1e", "1e+", "+1", "NaN", "inf", "0x1", "--1"}) {
    double got = 0;
    const char* end = s + std::strlen(s);
    const char* stop = parse_json_number(s, end, got);
    CHECK((stop == nullptr || stop != end));
  }
  // Beyond double range JSON numbers saturate as strtod does: by magnitude, whatever the form.
  const std::string huge = "1" + std::string(400, '0');
  const std::string tiny = "-0." + std::string(400, '0') + "1";
  for (const std::string& t :
       {std::string("1e400"), huge, huge + ".5e-10", std::string("1e-400"), tiny,
        std::string("0.001e-330"), "12" + std::string(20, '3') + "e320"}) {
    INFO(t);
    double got = 0;
    REQUIRE(parse_json_number(t.data(), t.data() + t.size(), got) == t.data() + t.size());
    const double ref = std::strtod(t.c_str(), nullptr);
    CHECK(got == ref);
    CHECK(std::signbit(got) == std::signbit(ref));
  }
}

TEST_CASE("garbled, invalid, unknown and torn lines are skipped and counted, never fatal") {
  TempDir dir;
  {
    LogWriter w(dir.path.string());
    w.write(header(2));
    w.write(step(0, 2));
  }
  std::string junk;
  junk += "this is not json\n";                                     // garbled
  junk += "{\n";                                                    // garbled
  junk += "{\"type\":\"step\",\"step\":1,\"losses\":[1,2\n";        // garbled (cut)
  junk += "[1,2,3]\n";                                              // garbled (no object)
  junk += "{\"step\":3}\n";                                         // garbled (no type)
  junk += "{\"type\":\"step\",\"losses\":[1,2]}\n";                 // invalid (no step)
  junk += "{\"type\":\"step\",\"step\":2,\"losses\":[1,2,3]}\n";    // invalid (K = 3)
  junk += "{\"type\":\"step\",\"step\":-1}\n";                      // invalid
  junk += "{\"type\":\"step\",\"step\":1.5}\n";                     // invalid
  junk += "{\"type\":\"step\",\"step\":2,\"losses\":\"x\"}\n";      // invalid (wrong kind)
  junk += "{\"type\":\"event\",\"step\":2}\n";                      // invalid (no kind)
  junk += "{\"type\":\"header\",\"tasks\":[\"a\",\"b\",\"c\"]}\n";  // invalid (K = 3)
  junk += "{\"type\":\"future\",\"step\":2}\n";                     // unknown
  junk += "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}\n";  // garbled (deep)
  junk += "{\"type\":\"event\",\"kind\":\"x\",\"message\":\"\xff\"}\n";       // garbled (bad UTF-8)
  junk += "\n   \n";                                                          // blank: harmless
  junk += std::string("{\"type\":\"st\0ep\"}\n", 17);  // garbled (control char)
  append(dir.log(), junk);
  {
    LogWriter w(dir.path.string());
    w.write(step(1, 2));
  }
  append(dir.log(), "{\"type\":\"step\",\"step\":2,\"losses\":[0.5,");  // torn last record

  LogReader reader(dir.log());
  REQUIRE(reader.poll().ok);
  const LogStats& st = reader.log().stats();
  CHECK(st.garbled == 8);
  CHECK(st.invalid == 7);
  CHECK(st.unknown == 1);
  CHECK(st.truncated == 0);  // the torn line may still be completed by a live writer
  CHECK(reader.log().steps().size() == 2);
  CHECK(reader.log().headers().size() == 1);

  reader.finish();  // now the writer is gone: the torn line counts
  CHECK(reader.log().stats().truncated == 1);
  CHECK(reader.log().steps().size() == 2);
  CHECK(reader.log().steps().step == std::vector<std::int64_t>{0, 1});
}

TEST_CASE("a writer after a crash mid-line starts on a fresh line") {
  TempDir dir;
  {
    LogWriter w(dir.path.string());
    w.write(step(0, 2));
  }
  append(dir.log(), "{\"type\":\"step\",\"st");  // what a torn write leaves
  {
    LogWriter w(dir.path.string());
    w.write(step(1, 2));
  }
  RunLog log;
  read_log(dir.log(), log);
  CHECK(log.steps().step == std::vector<std::int64_t>{0, 1});
  CHECK(log.stats().garbled == 1);
  CHECK(log.stats().truncated == 0);
}

TEST_CASE("tailing: partial lines wait, offsets resume, a shrunk file is read again") {
  TempDir dir;
  std::string all;
  for (int s = 0; s < 20; ++s) {
    std::string line;
    format_step(step(s, 2), line);
    all += line;
  }
  LogReader reader(dir.log());
  CHECK_FALSE(reader.poll().ok);  // no file yet: reported, not thrown
  std::mt19937 rng(3);
  std::size_t at = 0;
  std::int64_t seen = 0;
  while (at < all.size()) {
    // Arbitrary cuts, mid-line and mid-number included.
    const std::size_t n = std::min<std::size_t>(all.size() - at, 1 + rng() % 90);
    append(dir.log(), all.substr(at, n));
    at += n;
    const PollResult r = reader.poll();
    REQUIRE(r.ok);
    seen += r.new_records;
    // The offset is always a line start: everything before it is whole lines.
    const auto off = static_cast<std::size_t>(reader.offset());
    REQUIRE(off <= at);
    REQUIRE((off == 0 || all[off - 1] == '\n'));
    REQUIRE(reader.log().steps().size() == static_cast<std::size_t>(seen));
  }
  CHECK(seen == 20);
  CHECK(reader.log().stats().skipped() == 0);

  // A second reader resuming at a middle line start sees only the rest.
  const std::size_t mid = all.find('\n', all.size() / 2) + 1;
  LogReader resumed(dir.log(), static_cast<std::int64_t>(mid));
  resumed.poll();
  CHECK(resumed.log().steps().size() + std::count(all.begin(), all.begin() + mid, '\n') == 20);
  CHECK(resumed.log().stats().skipped() == 0);

  // The file replaced by a shorter one: the reader starts over rather than mixing runs.
  fs::remove(dir.log());
  append(dir.log(), all.substr(0, all.find('\n') + 1));
  const PollResult r = reader.poll();
  CHECK(r.restarted);
  CHECK(reader.log().steps().size() == 1);
}

TEST_CASE("how bytes are split into feeds does not change what is read") {
  std::string all;
  for (int s = 0; s < 30; ++s) {
    std::string line;
    format_step(step(s, 4), line);
    all += line;
    if (s % 7 == 0) all += "garbage line\r\n{\"type\":\"event\",\"step\":1,\"kind\":\"k\"}\r\n";
  }
  RunLog whole;
  LogParser p1(whole);
  p1.feed(all);
  p1.finish();
  RunLog bytewise;
  LogParser p2(bytewise);
  for (char c : all) p2.feed(std::string_view(&c, 1));
  p2.finish();
  CHECK(whole.stats().records == bytewise.stats().records);
  CHECK(whole.stats().garbled == 5);
  CHECK(bytewise.stats().garbled == 5);
  CHECK(whole.events().size() == 5);
  CHECK(same(whole.steps().losses, bytewise.steps().losses));
  CHECK(whole.steps().step == bytewise.steps().step);
  CHECK(p1.consumed() == static_cast<std::int64_t>(all.size()));
}

TEST_CASE("an overlong line is dropped with bounded memory and counted") {
  RunLog log;
  LogParser p(log);
  const std::string chunk(1 << 20, 'x');
  for (std::size_t i = 0; i <= LogParser::kMaxLine / chunk.size(); ++i) p.feed(chunk);
  CHECK(p.pending() < LogParser::kMaxLine);
  std::string line;
  format_step(step(5, 2), line);
  p.feed("\n" + line);
  CHECK(log.stats().overlong == 1);
  CHECK(log.steps().step == std::vector<std::int64_t>{5});
}

TEST_CASE("a big backlog read in parallel gives what reading line by line gives") {
  // Over 32 MiB: LogReader splits it across threads. The later records have another task
  // count, which only the order of the lines can judge (they are invalid): starting after the
  // middle, a part holds both; starting before, a whole part disagrees and is read again.
  const int switch_at = GENERATE(20000, 60000);
  TempDir dir;
  std::string text;
  {
    std::string line;
    for (int s = 0; s < 100000; ++s) {
      format_step(step(s, s < switch_at ? 10 : 3), line);
      text += line;
      if (s % 5000 == 1) text += "{\"type\":\"event\",\"step\":1,\"kind\":\"k\"}\nnot json\n\n";
      if (s % 9000 == 2)
        text += "{\"type\":\"step\",\"step\":3,\"status\":\"s" + std::to_string(s) + "\"}\n";
    }
    text += "{\"type\":\"step\",\"step\":1,\"los";  // torn tail
    append(dir.log(), text);
  }
  REQUIRE(text.size() > (32u << 20));
  RunLog parallel;
  read_log(dir.log(), parallel);
  RunLog serial;
  LogParser p(serial);
  p.feed(text);
  p.finish();
  CHECK(parallel.stats().records == serial.stats().records);
  CHECK(parallel.stats().garbled == serial.stats().garbled);
  CHECK(parallel.stats().invalid == serial.stats().invalid);
  CHECK(parallel.stats().invalid == 100000 - switch_at);
  CHECK(parallel.stats().truncated == 1);
  CHECK(parallel.stats().lines == serial.stats().lines);
  CHECK(parallel.stats().bytes == static_cast<std::int64_t>(text.size()));
  CHECK((parallel.steps().step == serial.steps().step));
  CHECK(same(parallel.steps().losses, serial.steps().losses));
  CHECK(same(parallel.steps().grad_norms, serial.steps().grad_norms));
  CHECK(parallel.steps().status_names == serial.steps().status_names);
  CHECK((parallel.steps().status == serial.steps().status));
  REQUIRE(parallel.events().size() == serial.events().size());
  for (std::size_t i = 0; i < serial.events().size(); ++i)
    CHECK(parallel.events()[i].row == serial.events()[i].row);
}

TEST_CASE("the writer's exact layout and any other spelling of a step read the same") {
  // LogWriter's lines take a fast path; spaces, another key order or escapes take the general
  // one. Both must store the same values.
  std::string fast, general;
  for (int s = 0; s < 40; ++s) {
    StepRecord r = step(s, 3);
    if (s % 3 == 0) r.status.clear();  // written without a status
    if (s % 5 == 0) r.losses[1] = NAN;
    std::string line;
    format_step(r, line);
    fast += line;
    std::string spaced;
    for (char c : line) {
      spaced += c;
      if (c == ':' || c == ',') spaced += ' ';
    }
    general += spaced;
  }
  RunLog a, b;
  LogParser pa(a), pb(b);
  pa.feed(fast);
  pb.feed(general);
  REQUIRE(a.stats().records == 40);
  REQUIRE(b.stats().records == 40);
  CHECK((a.steps().step == b.steps().step));
  CHECK((a.steps().epoch == b.steps().epoch));
  CHECK((a.steps().time == b.steps().time));
  CHECK((a.steps().iterations == b.steps().iterations));
  CHECK((a.steps().status == b.steps().status));
  CHECK(a.steps().status_names == b.steps().status_names);
  CHECK(same(a.steps().losses, b.steps().losses));
  CHECK(same(a.steps().weights, b.steps().weights));
  CHECK(same(a.steps().rates, b.steps().rates));
  CHECK(same(a.steps().grad_norms, b.steps().grad_norms));
  CHECK(same({a.steps().residual, a.steps().step_time, a.steps().method_time},
             {b.steps().residual, b.steps().step_time, b.steps().method_time}));
}
