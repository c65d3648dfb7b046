#include "app/train/multi_fashion.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "app/train/det_random.h"

namespace ps::train {

MultiFashionSet make_multi_fashion(const IdxArray& images, const IdxArray& labels, std::size_t n,
                                   std::uint64_t seed) {
  if (images.dims.size() != 3 || images.dims[1] != 28 || images.dims[2] != 28)
    throw std::runtime_error("Fashion-MNIST images must be N x 28 x 28");
  const std::size_t items = images.count();
  if (labels.dims.size() != 1 || labels.count() != items)
    throw std::runtime_error("Fashion-MNIST labels do not match the images");
  if (items < 2) throw std::runtime_error("Fashion-MNIST split has fewer than 2 items");
  if (n == 0 || n > items) n = items;

  DetRandom rng(seed);
  std::vector<std::uint32_t> first(items), second(items);
  std::iota(first.begin(), first.end(), 0u);
  std::iota(second.begin(), second.end(), 0u);
  rng.shuffle(first);
  rng.shuffle(second);

  constexpr int S = MultiFashionSet::kSide, D = MultiFashionSet::kShift;
  MultiFashionSet set;
  set.size = n;
  set.images.assign(n * S * S, 0);
  set.label_a.resize(n);
  set.label_b.resize(n);
  for (std::size_t j = 0; j < n; ++j) {
    const std::uint32_t a = first[j];
    std::uint32_t b = second[j];
    if (b == a) b = second[(j + 1) % items];  // an item is never paired with itself
    set.label_a[j] = labels.data[a];
    set.label_b[j] = labels.data[b];
    std::uint8_t* out = &set.images[j * S * S];
    const std::uint8_t* pa = &images.data[static_cast<std::size_t>(a) * 28 * 28];
    const std::uint8_t* pb = &images.data[static_cast<std::size_t>(b) * 28 * 28];
    // Two passes: the second item's pixels must meet the first item's final pixels.
    for (int r = 0; r < 28; ++r)
      for (int c = 0; c < 28; ++c) out[r * S + c] = pa[r * 28 + c];
    for (int r = 0; r < 28; ++r)
      for (int c = 0; c < 28; ++c) {
        std::uint8_t& o = out[(r + D) * S + (c + D)];
        o = std::max(o, pb[r * 28 + c]);
      }
  }
  return set;
}

MultiFashionSet load_multi_fashion(const std::string& dir, bool train, std::size_t n,
                                   std::uint64_t seed) {
  const std::string split = train ? "train" : "t10k";
  const IdxArray images = read_idx(dir + "/" + split + "-images-idx3-ubyte.gz");
  const IdxArray labels = read_idx(dir + "/" + split + "-labels-idx1-ubyte.gz");
  return make_multi_fashion(images, labels, n, seed);
}

}  // namespace ps::train
