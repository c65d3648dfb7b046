#include "toy/reference_scaling.h"

namespace ps::toy {

ReferenceScaling reference_scaling_for(std::string_view method) {
  // TOY.md's table, which follows the reference toy code of each method.
  if (method == "mgda") return {2.0, false};
  if (method == "pcgrad") return {1.0, true};
  if (method == "cagrad") return {2.0, true};
  if (method == "nash_mtl") return {1.0, true};
  if (method == "fairgrad") return {2.0, true};
  return {1.0, false};  // ls and every method the reference toy did not run
}

}  // namespace ps::toy
