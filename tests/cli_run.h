#pragma once
// Test helper: runs `paretoscope ARGS...` in-process with string streams.
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/cli.h"

namespace ps::cli::testing {

struct CliResult {
  int code = -1;
  std::string out, err;
  // Lines on stderr (a final newline does not start another).
  int err_lines() const {
    int n = 0;
    for (char c : err) n += c == '\n';
    if (!err.empty() && err.back() != '\n') ++n;
    return n;
  }
};

inline CliResult run_cli(const std::vector<std::string>& args, const std::string& input = "") {
  std::vector<const char*> argv{"paretoscope"};
  for (const auto& a : args) argv.push_back(a.c_str());
  std::istringstream in(input);
  std::ostringstream out, err;
  CliResult r;
  r.code = run(static_cast<int>(argv.size()), argv.data(), in, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace ps::cli::testing
