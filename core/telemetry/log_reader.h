#pragma once
// Reading a run log, whole or as it grows. LogParser splits bytes into lines and feeds a RunLog;
// LogReader tails a file with it: each poll() reads what was appended since the last one. A
// partial last line is kept for the next poll (the writer may be mid-record), so records are
// never torn. Nothing here throws on bad data; I/O trouble is reported in the poll's result.
// A poll costs about 1.5 us per new record (a finished million-step run: over a second), so a
// GUI polls on a worker thread and hands the store to its views; a LogReader is not shared
// between threads while it polls.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/telemetry/run_log.h"

namespace ps::telemetry {

class LogParser {
 public:
  // Lines longer than this are dropped unread and counted as overlong (bounded memory).
  static constexpr std::size_t kMaxLine = 16u << 20;

  explicit LogParser(RunLog& log) : log_(&log) {}
  // Feeds the next bytes of the log. Complete lines are ingested; the tail is kept.
  void feed(std::string_view bytes);
  // The stream ended (the writer is gone): a kept unterminated line is ingested if it parses as
  // a whole record, else counted as truncated.
  void finish();
  // Bytes fed that belong to complete lines: where a new reader would resume.
  std::int64_t consumed() const { return consumed_; }
  // Counts `n` bytes of whole lines as consumed without feeding them (they were parsed
  // elsewhere). Only between lines: pending() must be 0.
  void skip(std::int64_t n) { consumed_ += n; }
  std::size_t pending() const { return pending_.size(); }

 private:
  void line(std::string_view l);

  RunLog* log_;
  std::string pending_;      // the unterminated tail
  bool discarding_ = false;  // inside an overlong line: drop bytes up to the next newline
  std::size_t dropped_ = 0;  // bytes of it dropped so far
  std::int64_t consumed_ = 0;
};

struct PollResult {
  bool ok = true;  // false: the file could not be opened or read (see error)
  std::string error;
  std::int64_t new_records = 0;
  bool restarted = false;  // the file shrank or was replaced: the log was read again from 0
};

class LogReader {
 public:
  // Tails `path` (a telemetry.jsonl or a run directory holding one; neither need exist yet),
  // from byte `offset`.
  // Resuming at an offset needs it to be a line start, e.g. an earlier reader's offset().
  explicit LogReader(std::string path, std::int64_t offset = 0);
  LogReader(const LogReader&) = delete;  // the parser points at log_
  LogReader& operator=(const LogReader&) = delete;

  PollResult poll();
  // poll(), then treat the end of the file as the end of the log (see LogParser::finish).
  PollResult finish();

  const RunLog& log() const { return log_; }
  RunLog& log() { return log_; }
  const std::string& path() const { return path_; }
  // Byte offset just past the last complete line read.
  std::int64_t offset() const { return base_ + parser_.consumed(); }

 private:
  void read_parallel(int fd, std::int64_t size);

  std::string path_;
  RunLog log_;
  LogParser parser_;
  std::int64_t base_ = 0;      // offset at which the parser started
  std::int64_t read_pos_ = 0;  // bytes of the file read so far
  std::uint64_t inode_ = 0;
  std::string buf_;
};

// Reads a whole log at once (the writer is assumed gone). Never throws on bad data.
PollResult read_log(const std::string& path, RunLog& out);

}  // namespace ps::telemetry
