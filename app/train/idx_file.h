#pragma once
// IDX files (the MNIST / Fashion-MNIST format), read straight from their .gz with zlib.
#include <cstdint>
#include <string>
#include <vector>

namespace ps::train {

struct IdxArray {
  std::vector<std::uint32_t> dims;  // e.g. {60000, 28, 28} or {60000}
  std::vector<std::uint8_t> data;   // row-major, unsigned bytes
  std::size_t count() const { return dims.empty() ? 0 : dims[0]; }
  std::size_t item_size() const;  // product of dims[1..]
};

// Reads an unsigned-byte IDX file, gzip-compressed or not. Throws std::runtime_error naming the
// file on a missing file, a bad header, a type other than ubyte, or a short read.
IdxArray read_idx(const std::string& path);

}  // namespace ps::train
