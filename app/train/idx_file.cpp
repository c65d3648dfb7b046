#include "app/train/idx_file.h"

#include <zlib.h>

#include <stdexcept>

namespace ps::train {

std::size_t IdxArray::item_size() const {
  std::size_t n = 1;
  for (std::size_t i = 1; i < dims.size(); ++i) n *= dims[i];
  return n;
}

IdxArray read_idx(const std::string& path) {
  // gzread reads plain files too, so an unpacked copy works as well.
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error("cannot open '" + path + "'");
  struct Closer {
    gzFile f;
    ~Closer() { gzclose(f); }
  } closer{f};
  auto read = [&](void* dst, std::size_t n) {
    std::size_t got = 0;
    while (got < n) {
      const unsigned want = static_cast<unsigned>(std::min<std::size_t>(n - got, 1u << 30));
      const int r = gzread(f, static_cast<char*>(dst) + got, want);
      if (r <= 0) throw std::runtime_error("'" + path + "' is cut short or not gzip/IDX");
      got += static_cast<std::size_t>(r);
    }
  };
  unsigned char magic[4];
  read(magic, 4);
  if (magic[0] != 0 || magic[1] != 0 || magic[2] != 0x08 || magic[3] == 0 || magic[3] > 4)
    throw std::runtime_error("'" + path + "' is not an unsigned-byte IDX file");
  IdxArray a;
  std::size_t total = 1;
  for (int i = 0; i < magic[3]; ++i) {
    unsigned char b[4];
    read(b, 4);
    const std::uint32_t d = (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) |
                            (std::uint32_t{b[2]} << 8) | b[3];
    if (d == 0 || d > (1u << 26)) throw std::runtime_error("'" + path + "' has a bad dimension");
    a.dims.push_back(d);
    total *= d;
  }
  if (total > (std::size_t{1} << 32)) throw std::runtime_error("'" + path + "' is too big");
  a.data.resize(total);
  read(a.data.data(), total);
  return a;
}

}  // namespace ps::train
