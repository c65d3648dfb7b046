// The training job's data: Multi-Fashion composition and the synthetic regression, without
// LibTorch and without the real data set (synthetic IDX arrays).
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "app/train/multi_fashion.h"
#include "app/train/regression_data.h"

using namespace ps::train;

namespace {

// n fake 28x28 items: item i is filled with the value 1 + i (so any pixel names its item),
// label i % 10.
IdxArray fake_images(std::uint32_t n) {
  IdxArray a;
  a.dims = {n, 28, 28};
  for (std::uint32_t i = 0; i < n; ++i) a.data.insert(a.data.end(), 28 * 28, std::uint8_t(1 + i));
  return a;
}
IdxArray fake_labels(std::uint32_t n) {
  IdxArray a;
  a.dims = {n};
  for (std::uint32_t i = 0; i < n; ++i) a.data.push_back(std::uint8_t(i % 10));
  return a;
}

}  // namespace

TEST_CASE("multi-fashion puts one item top left and another bottom right, the brighter on top") {
  const auto images = fake_images(50), labels = fake_labels(50);
  const auto set = make_multi_fashion(images, labels, 40, 7);
  REQUIRE(set.size == 40);
  constexpr int S = MultiFashionSet::kSide, D = MultiFashionSet::kShift;
  for (std::size_t j = 0; j < set.size; ++j) {
    const std::uint8_t* img = &set.images[j * S * S];
    const int a = img[0] - 1;          // top-left corner: only item a
    const int b = img[S * S - 1] - 1;  // bottom-right corner: only item b
    CHECK(a != b);                     // never paired with itself
    CHECK(set.label_a[j] == a % 10);
    CHECK(set.label_b[j] == b % 10);
    for (int r = 0; r < S; ++r)
      for (int c = 0; c < S; ++c) {
        const bool in_a = r < 28 && c < 28, in_b = r >= D && c >= D;
        const int want = std::max(in_a ? a + 1 : 0, in_b ? b + 1 : 0);
        REQUIRE(img[r * S + c] == want);
      }
  }
}

TEST_CASE("multi-fashion pairing is fixed by its seed and uses distinct first items") {
  const auto images = fake_images(200), labels = fake_labels(200);
  const auto a = make_multi_fashion(images, labels, 0, 3);
  const auto b = make_multi_fashion(images, labels, 0, 3);
  const auto c = make_multi_fashion(images, labels, 0, 4);
  CHECK(a.size == 200);
  CHECK(a.images == b.images);
  CHECK(a.images != c.images);
  std::set<int> firsts;  // every item appears once top left: a permutation
  for (std::size_t j = 0; j < a.size; ++j) firsts.insert(a.images[j * 36 * 36]);
  CHECK(firsts.size() == 200);
  IdxArray wrong = images;
  wrong.dims = {200, 27, 29};
  CHECK_THROWS(make_multi_fashion(wrong, labels, 0, 1));
}

TEST_CASE("regression tasks share inputs, differ in scale by orders of magnitude, are seeded") {
  const auto scales = regression_scales(10);
  CHECK(scales.front() == Approx(0.01));
  CHECK(scales.back() == Approx(100.0));
  const auto train = make_regression(10, 4000, 1, 11);
  const auto again = make_regression(10, 4000, 1, 11);
  const auto test = make_regression(10, 4000, 1, 12);
  CHECK(train.x == again.x);
  CHECK(train.y == again.y);
  CHECK(train.x != test.x);
  // Each task's spread follows its scale (targets are scale x O(1) signals).
  for (int k = 0; k < 10; ++k) {
    double sum = 0, sq = 0;
    for (std::size_t i = 0; i < train.size; ++i) {
      const double y = train.y[i * 10 + k];
      sum += y;
      sq += y * y;
    }
    const double sd = std::sqrt(sq / train.size - (sum / train.size) * (sum / train.size));
    CHECK(sd / scales[k] > 0.2);
    CHECK(sd / scales[k] < 5.0);
  }
  CHECK(regression_task_names(3) == std::vector<std::string>{"t1 x0.01", "t2 x1", "t3 x1e+02"});
  CHECK_THROWS(make_regression(65, 10, 1, 1));
}
