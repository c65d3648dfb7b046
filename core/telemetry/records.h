#pragma once
// The telemetry record model: what one line of RUN_DIR/telemetry.jsonl holds. The format itself
// (field names, units, what is optional) is documented in docs/telemetry.md.
#include <cstdint>
#include <string>
#include <vector>

namespace ps::telemetry {

inline constexpr const char* kFormatName = "paretoscope-telemetry";
inline constexpr int kFormatVersion = 1;
inline constexpr const char* kLogFileName = "telemetry.jsonl";
inline constexpr const char* kSocketFileName = "control.sock";

// Once per start (or resume) of a job, first in its segment of the log.
struct HeaderRecord {
  std::string run;                                            // run name
  std::string workload;                                       // "multi-fashion", "regression"
  std::string method;                                         // registry name
  std::vector<std::pair<std::string, double>> params;         // resolved method parameters
  std::vector<std::string> tasks;                             // task names; their count is K
  std::string device;                                         // "cpu", "cuda:0"
  std::vector<std::pair<std::string, std::string>> versions;  // component -> version
  double start_unix = 0;    // wall clock (seconds since 1970) at which "time" is 0
  std::string config_json;  // a JSON object of job settings (batch size, lr, ...), or empty
};

// One optimisation step. Vectors have K entries (or are empty: not measured).
struct StepRecord {
  std::int64_t step = 0;
  std::int32_t epoch = 0;
  double time = 0;  // seconds since the header's start_unix
  std::vector<double> losses, weights, rates, grad_norms;
  std::string status;  // solver status (ps::to_string(Status)); empty: none
  std::int32_t iterations = 0;
  double residual = 0;
  double step_time = 0;    // seconds spent on the whole step
  double method_time = 0;  // seconds spent in the weighting method
};

// Every N steps: cos(g_i, g_j), row-major K x K.
struct CosineRecord {
  std::int64_t step = 0;
  double time = 0;
  int k = 0;
  std::vector<double> matrix;
};

// Evaluation (per epoch): named per-task metrics, e.g. "accuracy", "loss".
struct EvalRecord {
  std::int64_t step = 0;
  std::int32_t epoch = 0;
  double time = 0;
  std::string split = "test";
  std::vector<std::pair<std::string, std::vector<double>>> metrics;
};

// Something happened: run_started, run_resumed, method_changed, params_changed, stopped,
// finished, nan, error.
struct EventRecord {
  std::int64_t step = 0;
  double time = 0;
  std::string kind;
  std::string message;
  std::string method;  // the method in force after the event (empty: not stated)
  std::vector<std::pair<std::string, double>> params;
};

}  // namespace ps::telemetry
