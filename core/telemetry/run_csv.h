#pragma once
// CSV export of a whole run log: every step row with every column (nothing thinned), and the
// events, evaluations and cosine matrices in their own files, for plotting elsewhere.
#include <ostream>
#include <string>
#include <vector>

#include "core/telemetry/run_log.h"

namespace ps::telemetry {

// One row per step record: step, epoch, time, wall_time, then loss_1..K, weight_1..K,
// share_1..K, rate_1..K, grad_norm_1..K, status, iterations, residual, step_time, method_time
// (task columns named after the header's task names when there are any: loss_top_left...).
// Missing values are empty cells. Numbers round-trip (shortest exact form).
void write_steps_csv(const RunLog& log, std::ostream& out);
// step, time, kind, method, params ("alpha=10 loss_alpha=0"), message (quoted as CSV needs).
void write_events_csv(const RunLog& log, std::ostream& out);
// step, epoch, split, metric, task, value (long format).
void write_evals_csv(const RunLog& log, std::ostream& out);
// step, time, i, j, cosine (long format).
void write_cosines_csv(const RunLog& log, std::ostream& out);

// Writes PREFIX-steps.csv, PREFIX-events.csv, PREFIX-evals.csv, PREFIX-cosines.csv (each via a
// temporary file renamed into place, so a crash leaves no half file). Returns the paths
// written; throws std::runtime_error naming the file that failed.
std::vector<std::string> export_run_csv(const RunLog& log, const std::string& prefix);

}  // namespace ps::telemetry
