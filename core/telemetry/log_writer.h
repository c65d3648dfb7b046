#pragma once
// Appends telemetry records to RUN_DIR/telemetry.jsonl. Each record is formatted into a reused
// buffer and handed to the kernel with one write() of a complete line (O_APPEND), so a reader
// (or a crash, kill -9 included) sees whole records only; nothing is buffered in the process.
// The writer never waits on a reader and holds no history: its memory does not grow.
#include <string>
#include <string_view>

#include "core/telemetry/records.h"

namespace ps::telemetry {

class LogWriter {
 public:
  // Creates run_dir (and parents) if needed and opens the log for appending. If an earlier job
  // died mid-line, a newline is written first so its fragment stays a line of its own.
  // Throws std::runtime_error with a clear message when the file cannot be opened.
  explicit LogWriter(const std::string& run_dir);
  ~LogWriter();
  LogWriter(const LogWriter&) = delete;
  LogWriter& operator=(const LogWriter&) = delete;

  // Each returns false when the record could not be written (disk full, I/O error); the log
  // stays readable and later records are still tried.
  bool write(const HeaderRecord& r);
  bool write(const StepRecord& r);
  bool write(const CosineRecord& r);
  bool write(const EvalRecord& r);
  bool write(const EventRecord& r);

  const std::string& path() const { return path_; }
  long failed_writes() const { return failed_; }

 private:
  bool emit();  // writes buf_ (one complete line)

  std::string path_;
  int fd_ = -1;
  std::string buf_;
  bool need_newline_ = false;  // an earlier write stopped mid-line
  long failed_ = 0;
};

// The number formats of the log (also used by tests and benchmarks that write logs):
// float precision, shortest round trip; non-finite -> null.
void append_number(std::string& out, double v);
// Seconds with microsecond resolution.
void append_seconds(std::string& out, double v);
void append_int(std::string& out, long long v);
// A JSON string literal, escaped.
void append_string(std::string& out, std::string_view s);

// Formats one step record as a complete line (with the newline) into `out` (cleared first).
void format_step(const StepRecord& r, std::string& out);

}  // namespace ps::telemetry
