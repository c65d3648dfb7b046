#pragma once
// The input of `paretoscope weights`: JSON text -> TaskInput, with one clear message per mistake.
//
//   {"grads": [[...], ...]}   K rows (one per task) of m numbers; becomes G (m x K)
//   {"gram":  [[...], ...]}   K x K, G^T G
//   optional "losses": [K numbers], "loss_floor": [K numbers]
#include <string>
#include <string_view>

#include "core/task_input.h"

namespace ps::cli {

// Throws InputError: bad JSON (with the byte offset, line and column), not an object, unknown
// keys, both or neither of grads/gram, empty or ragged rows, a non-square gram, non-numbers,
// numbers too large for a double, sizes that disagree. `source` names the input in messages.
TaskInput parse_task_input(std::string_view text, std::string_view source);

}  // namespace ps::cli
