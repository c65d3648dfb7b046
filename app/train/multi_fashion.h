#pragma once
// Multi-Fashion (Lin et al. 2019, Pareto MTL): two Fashion-MNIST items overlaid in one 36 x 36
// image, one at the top left (rows and columns 0..27), one at the bottom right (8..35), pixel =
// the brighter of the two. Task 1 names the top-left item, task 2 the bottom-right one. Built
// deterministically from the IDX files with a seeded pairing.
#include <cstdint>
#include <string>
#include <vector>

#include "app/train/idx_file.h"

namespace ps::train {

struct MultiFashionSet {
  static constexpr int kSide = 36;
  static constexpr int kShift = 8;  // the bottom-right item's offset
  std::size_t size = 0;
  std::vector<std::uint8_t> images;   // size x 36 x 36
  std::vector<std::uint8_t> label_a;  // top-left item's class, 0..9
  std::vector<std::uint8_t> label_b;  // bottom-right item's class
};

// n pairs (n <= items; 0 means all) from one split: in a seeded order, item j goes top left and
// the item at the same place of a second seeded order bottom right (never itself).
MultiFashionSet make_multi_fashion(const IdxArray& images, const IdxArray& labels, std::size_t n,
                                   std::uint64_t seed);

// Reads DIR/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz and builds the set. Throws
// std::runtime_error naming what is missing.
MultiFashionSet load_multi_fashion(const std::string& dir, bool train, std::size_t n,
                                   std::uint64_t seed);

}  // namespace ps::train
