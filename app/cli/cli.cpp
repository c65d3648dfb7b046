#include "app/cli/cli.h"

#include <ostream>

namespace ps::cli {

int run(int, const char* const*, std::istream&, std::ostream&, std::ostream& err) {
  err << "paretoscope: command line not written yet\n";
  return 2;
}

}  // namespace ps::cli
