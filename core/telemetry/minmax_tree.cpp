#include "core/telemetry/minmax_tree.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ps::telemetry {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

}  // namespace

void MinMaxTree::extend(std::span<const float> y) {
  if (levels_.empty()) levels_.emplace_back();
  // Level 0 from the rows: min, max and a finiteness check, branch-free so it vectorises.
  std::vector<Block>& l0 = levels_[0];
  const std::size_t blocks = y.size() / kFan;
  if (l0.capacity() < blocks) l0.reserve(std::max(blocks, 2 * l0.capacity()));
  for (std::size_t b = l0.size(); b < blocks; ++b) {
    // Eight independent lanes (the compiler makes them vector registers); v - v is 0 for a
    // finite v and NaN otherwise, and a NaN sum stays NaN.
    const float* p = y.data() + b * kFan;
    float lo[8], hi[8], bad[8];
    for (int j = 0; j < 8; ++j) lo[j] = hi[j] = p[j], bad[j] = 0;
    for (std::size_t k = 0; k < kFan; k += 8)
      for (std::size_t j = 0; j < 8; ++j) {
        const float v = p[k + j];
        lo[j] = v < lo[j] ? v : lo[j];
        hi[j] = v > hi[j] ? v : hi[j];
        bad[j] += v - v;
      }
    float l = lo[0], h = hi[0], sum = bad[0];
    for (int j = 1; j < 8; ++j) l = std::min(l, lo[j]), h = std::max(h, hi[j]), sum += bad[j];
    l0.push_back(sum == 0 ? Block{l, h} : Block{kNaN, kNaN});
  }
  // Each further level from complete groups of the one below.
  for (std::size_t j = 1; levels_[j - 1].size() >= kFan; ++j) {
    if (levels_.size() == j) levels_.emplace_back();
    const std::vector<Block>& below = levels_[j - 1];
    std::vector<Block>& level = levels_[j];
    for (std::size_t b = level.size(); b < below.size() / kFan; ++b) {
      Block s = below[b * kFan];
      for (std::size_t k = 1; k < kFan && s.lo == s.lo; ++k) {
        const Block& c = below[b * kFan + k];
        s = c.lo == c.lo ? Block{std::min(s.lo, c.lo), std::max(s.hi, c.hi)} : c;
      }
      level.push_back(s);
    }
  }
}

void MinMaxTree::fold(std::span<const float> y, int j, std::size_t a, std::size_t b, bool log_y,
                      Fold& f) const {
  const auto up = static_cast<std::size_t>(j + 1);
  if (up < levels_.size()) {
    const std::size_t a2 = (a + kFan - 1) / kFan, b2 = std::min(b / kFan, levels_[up].size());
    if (a2 < b2) {
      for (std::size_t i = a; i < a2 * kFan; ++i) fold_item(y, j, i, log_y, f);
      fold(y, j + 1, a2, b2, log_y, f);
      a = b2 * kFan;
    }
  }
  for (std::size_t i = a; i < b; ++i) fold_item(y, j, i, log_y, f);
}

void MinMaxTree::fold_item(std::span<const float> y, int j, std::size_t i, bool log_y,
                           Fold& f) const {
  float lo, hi;
  if (j < 0) {
    lo = hi = y[i];
    if (!drawn(lo, log_y)) return;
  } else {
    const Block& s = levels_[static_cast<std::size_t>(j)][i];
    if (!usable(s, log_y)) {
      for (std::size_t c = i * kFan; c < (i + 1) * kFan; ++c) fold_item(y, j - 1, c, log_y, f);
      return;
    }
    lo = s.lo, hi = s.hi;
  }
  // Strictly better only: ties stay with the earlier item.
  if (lo < f.lo) f.lo = lo, f.lo_level = j, f.lo_at = i;
  if (hi > f.hi) f.hi = hi, f.hi_level = j, f.hi_at = i;
}

std::size_t MinMaxTree::locate(int j, std::size_t i, std::span<const float> y, float v,
                               bool want_lo) const {
  // A usable block's children are all usable: the first whose low (high) is v holds it first.
  for (; j >= 0; --j) {
    std::size_t c = i * kFan;
    if (j == 0) {
      while (y[c] != v) ++c;
      return c;
    }
    const std::vector<Block>& below = levels_[static_cast<std::size_t>(j - 1)];
    while ((want_lo ? below[c].lo : below[c].hi) != v) ++c;
    i = c;
  }
  return i;
}

bool MinMaxTree::extremes(std::span<const float> y, std::size_t a, std::size_t b, bool log_y,
                          RangeExtremes& out) const {
  b = std::min(b, y.size());
  while (a < b && !drawn(y[a], log_y)) ++a;
  if (a >= b) return false;
  while (!drawn(y[b - 1], log_y)) --b;
  out.first = a, out.last = b - 1;
  Fold f;
  fold(y, -1, a, b, log_y, f);
  out.lo = locate(f.lo_level, f.lo_at, y, f.lo, true);
  out.hi = locate(f.hi_level, f.hi_at, y, f.hi, false);
  return true;
}

}  // namespace ps::telemetry
