#pragma once
// A fresh directory under /tmp for one test, removed with all it holds when the test ends.
#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <string>

#include "core/telemetry/records.h"

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char tmpl[] = "/tmp/ps_test_XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string str() const { return path.string(); }
  std::string log() const { return (path / ps::telemetry::kLogFileName).string(); }
  std::string run() const { return (path / "run").string(); }  // a run directory inside it
};
