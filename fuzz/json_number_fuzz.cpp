// libFuzzer harness of the reader's number parser: whatever it accepts as a whole JSON number
// must equal strtod's correctly rounded value (the fast path's exactness); it never reads past
// the end it is given.
// Build and run: fuzz/run.sh json_number [seconds]
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/telemetry/json_scan.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // An exact-size heap copy, so ASan catches any read past the end.
  std::vector<char> buf(data, data + size);
  const char* begin = buf.data();
  const char* end = begin + size;
  double v = 0;
  const char* stop = ps::telemetry::parse_json_number(begin, end, v);
  if (!stop) return 0;
  if (stop < begin || stop > end) std::abort();
  const std::string text(begin, stop);
  if (text.find_first_not_of("-+.0123456789eE") != std::string::npos) std::abort();
  const double ref = std::strtod(text.c_str(), nullptr);  // saturates to inf / 0 like the parser
  if (!(v == ref || (std::isnan(v) && std::isnan(ref)))) std::abort();
  if (std::signbit(v) != std::signbit(ref)) std::abort();
  return 0;
}
