#pragma once
// What a reader makes of a run log: the header(s), a columnar store of every step (one vector per
// field and task; every point kept, drawing decides how to decimate), evaluations, cosine
// matrices, events, and counts of the lines it skipped. Ingesting never throws on bad data.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/telemetry/records.h"

namespace ps::telemetry {

// Step records, column by column. Row r of every column is the same record. Per-task columns
// are indexed [task][row]; a value the record did not carry is NaN.
struct StepSeries {
  int num_tasks = 0;  // K, fixed by the first header (or the first step record)
  std::vector<std::int64_t> step;
  std::vector<std::int32_t> epoch;
  std::vector<double> time;  // seconds since the segment's start_unix
  std::vector<float> step_time, method_time, residual;
  std::vector<std::int32_t> iterations;
  std::vector<std::uint8_t> status;       // index into status_names
  std::vector<std::string> status_names;  // "" (none), then as first seen
  std::vector<std::vector<float>> losses, weights, rates, grad_norms;

  std::size_t size() const { return step.size(); }
  void clear();
};

struct LogStats {
  std::int64_t bytes = 0;      // bytes consumed (complete lines only)
  std::int64_t lines = 0;      // complete lines seen, blank ones included
  std::int64_t records = 0;    // lines accepted
  std::int64_t garbled = 0;    // not a JSON object, or no "type"
  std::int64_t invalid = 0;    // JSON, but breaks the format (missing step, wrong task count...)
  std::int64_t unknown = 0;    // a "type" this reader does not know (skipped: newer writer)
  std::int64_t truncated = 0;  // an unterminated last line that does not parse (a torn write)
  std::int64_t overlong = 0;   // lines over the length limit, dropped unread
  std::int64_t skipped() const { return garbled + invalid + unknown + truncated + overlong; }
};

struct HeaderEntry {
  HeaderRecord header;
  std::size_t first_row = 0;  // the step row at which this segment starts
  std::string raw;            // the line itself, for showing everything it said
};
struct EvalEntry {
  EvalRecord eval;
  std::size_t row = 0;  // step rows before it
};
struct EventEntry {
  EventRecord event;
  std::size_t row = 0;
};
struct CosineEntry {
  CosineRecord cosine;
  std::size_t row = 0;
};

class RunLog {
 public:
  // Parses one line (without its newline) and stores what it holds; bad lines are counted in
  // stats(). Returns true when the line was accepted as a record.
  bool ingest_line(std::string_view line);

  const StepSeries& steps() const { return steps_; }
  const std::vector<HeaderEntry>& headers() const { return headers_; }
  const std::vector<EvalEntry>& evals() const { return evals_; }
  const std::vector<EventEntry>& events() const { return events_; }
  const std::vector<CosineEntry>& cosines() const { return cosines_; }
  const LogStats& stats() const { return stats_; }
  LogStats& stats() { return stats_; }
  int num_tasks() const { return steps_.num_tasks; }
  // Hint: about this many more step rows will come (reserves columns).
  void reserve(std::size_t rows);
  // Appends a log read from the bytes that follow this one's (parallel loading). Gives the same
  // result as ingesting those lines here, or returns false and changes nothing when their task
  // count disagrees with ours (then the caller ingests them line by line).
  bool append(RunLog&& later);
  // Moves every record out (steps, headers, evals, events, cosines) into the returned log,
  // leaving this one empty of records but still fixed to its task count, so that a tailing
  // reader hands each poll's new rows to a shared store without copying them and keeps
  // checking later lines against K. The stats stay here (they describe the whole file).
  RunLog take_records();
  void clear();

 private:
  enum class Outcome { accepted, garbled, invalid, unknown, not_step };
  struct StepFields;  // what a step line said, before it is checked and stored
  Outcome ingest_step(std::string_view line);
  bool parse_step_fast(std::string_view line, StepFields& f);
  Outcome commit_step(const StepFields& f);
  Outcome ingest_other(std::string_view line);
  bool set_num_tasks(std::size_t k);
  std::uint8_t status_index(std::string_view name);

  StepSeries steps_;
  std::vector<HeaderEntry> headers_;
  std::vector<EvalEntry> evals_;
  std::vector<EventEntry> events_;
  std::vector<CosineEntry> cosines_;
  LogStats stats_;
  std::vector<double> scratch_[4];  // losses, weights, rates, grad_norms of the current line
};

}  // namespace ps::telemetry
