#include "app/cli/method_maker.h"

#include <stdexcept>

#include "app/cli/command.h"
#include "core/errors.h"

namespace ps::cli {

std::unique_ptr<Method> make_method_for_cli(const std::string& name, const ParamValues& given) {
  try {
    return make_method(name, given);
  } catch (const InputError&) {
    throw;
  } catch (const std::logic_error& e) {
    throw RunError("method '" + name + "' is not available in this build (" + e.what() + ")");
  }
}

}  // namespace ps::cli
