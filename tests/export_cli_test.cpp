// `paretoscope export` run in-process: the files it writes and its error conventions.
#include <catch2/catch.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "app/cli/cli.h"

namespace fs = std::filesystem;

namespace {

struct Outcome {
  int rc;
  std::string out, err;
};

Outcome run(std::vector<std::string> words) {
  words.insert(words.begin(), {"paretoscope", "export"});
  std::vector<const char*> argv;
  for (const auto& w : words) argv.push_back(w.c_str());
  std::istringstream in;
  std::ostringstream out, err;
  const int rc = ps::cli::run(static_cast<int>(argv.size()), argv.data(), in, out, err);
  return {rc, out.str(), err.str()};
}

fs::path dir() {
  static const fs::path d = [] {
    fs::path p = fs::temp_directory_path() / ("ps_export_cli_" + std::to_string(::getpid()));
    fs::create_directories(p);
    return p;
  }();
  return d;
}

size_t lines_in(const fs::path& p) {
  std::ifstream in(p);
  size_t n = 0;
  for (std::string l; std::getline(in, l);) ++n;
  return n;
}

}  // namespace

TEST_CASE("export --figure1 writes the figure and its CSV", "[export][cli]") {
  const fs::path out = dir() / "fig1.svg";
  const Outcome o = run({"--figure1", "--steps", "2000", "--width-in", "8", "--out", out.string()});
  INFO(o.err);
  REQUIRE(o.rc == 0);
  CHECK(o.out.find("fig1.svg") != std::string::npos);
  std::ifstream svg(out);
  std::string text((std::istreambuf_iterator<char>(svg)), std::istreambuf_iterator<char>());
  CHECK(text.find("width=\"576pt\"") != std::string::npos);  // 8 in
  REQUIRE(fs::exists(dir() / "fig1.csv"));
  CHECK(lines_in(dir() / "fig1.csv") > 4 * 200);  // four fronts of 200 points, and the runs
}

TEST_CASE("export --method draws one view, PNG size follows --dpi", "[export][cli]") {
  const fs::path out = dir() / "ls.png";
  const Outcome o = run({"--method", "ls", "--steps", "500", "--view", "both", "--width-in", "6",
                         "--height-in", "3", "--dpi", "50", "--no-csv", "--out", out.string()});
  INFO(o.err);
  REQUIRE(o.rc == 0);
  CHECK(o.out.find("300 x 150 px") != std::string::npos);
  CHECK(fs::exists(out));
  CHECK_FALSE(fs::exists(dir() / "ls.csv"));
}

TEST_CASE("export refuses bad input with one line and exit 2", "[export][cli]") {
  const std::string out = (dir() / "bad.pdf").string();
  for (const auto& words : std::vector<std::vector<std::string>>{
           {"--out", out},                                      // neither --figure1 nor --method
           {"--figure1", "--method", "ls", "--out", out},       // both
           {"--figure1"},                                       // no --out
           {"--figure1", "--out", (dir() / "x.jpg").string()},  // unknown format
           {"--method", "nope", "--out", out},
           {"--method", "fairgrad", "--set", "alpha=-1", "--out", out},
           {"--figure1", "--palette", "pink", "--out", out},
           {"--figure1", "--landscape", "min", "--out", out},
           {"--method", "ls", "--view", "side", "--out", out},
           {"--figure1", "--dpi", "0", "--out", out},
           {"--figure1", "--font", "No Such Font 42", "--out", out}}) {
    const Outcome o = run(words);
    INFO(words.front() << " ... -> " << o.err);
    CHECK(o.rc == 2);
    CHECK(o.err.find("paretoscope export: ") == 0);
    CHECK(std::count(o.err.begin(), o.err.end(), '\n') == 1);
  }
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("export --help describes the command", "[export][cli]") {
  const Outcome o = run({"--help"});
  CHECK(o.rc == 0);
  CHECK(o.out.find("--figure1") != std::string::npos);
  CHECK(o.out.find("--landscape") != std::string::npos);
}
