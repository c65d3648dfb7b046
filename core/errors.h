#pragma once
// Errors that carry a message meant for the user: the CLI prints it on one line and exits 2.
#include <stdexcept>

namespace ps {

// Bad input: NaN or infinite values, wrong shapes, unknown names, parameters out of range.
struct InputError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

}  // namespace ps
