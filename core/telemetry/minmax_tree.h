#pragma once
// A summary tree over a float series, so the lowest and highest value of any row range (and the
// first rows holding them) are found in O(log rows) instead of a pass over the range: what makes
// zooming and following a run of millions of steps cheap (series_decimate.h uses it).
//
// Level 0 holds the min and max of every complete block of kFan rows, level 1 of every kFan
// level-0 blocks, and so on; a block holding any non-finite value is marked (NaN) and looked
// into row by row, so NaN gaps and infinities keep their exact meaning. Grows with its series:
// extend() summarises the complete blocks appended since the last call. About 6% of the
// series' own memory (8 bytes per 32 floats).
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

namespace ps::telemetry {

// Whether a plot draws a value: finite, and positive on a log axis. Comparisons happen on the
// raw values (log10 is monotonic), so only emitted points pay for the logarithm.
inline bool drawn(float v, bool log_y) { return log_y ? (v > 0 && v < HUGE_VALF) : std::isfinite(v); }

// The drawn extremes of a row range: what series_decimate's columns need.
struct RangeExtremes {
  std::size_t first = 0, last = 0;  // first and last drawn row
  std::size_t lo = 0, hi = 0;       // first row holding the lowest and the highest drawn value
};

class MinMaxTree {
 public:
  static constexpr std::size_t kFan = 32;

  // Summarises y's complete blocks not summarised yet. The rows already summarised must not
  // have changed since (clear() first when they have).
  void extend(std::span<const float> y);
  void clear() { levels_.clear(); }
  // Rows covered by complete blocks.
  std::size_t rows() const { return levels_.empty() ? 0 : levels_[0].size() * kFan; }

  // Over y[a, b) (y: the series this tree summarises, possibly longer now): the drawn rows'
  // extremes, where a value is drawn when finite and, with log_y, positive. False when no row
  // there is drawn. Ties go to the earliest row.
  bool extremes(std::span<const float> y, std::size_t a, std::size_t b, bool log_y,
                RangeExtremes& out) const;

 private:
  struct Block {
    float lo, hi;  // NaN: some value inside is not finite
  };
  // The lowest and highest drawn value found so far, each with the first item holding it:
  // level j (-1: rows) and index.
  struct Fold {
    float lo = HUGE_VALF, hi = -HUGE_VALF;
    int lo_level = -1, hi_level = -1;
    std::size_t lo_at = 0, hi_at = 0;
  };
  // Folds items [a, b) of level j (j = -1: rows), in row order, taking the coarsest complete
  // blocks.
  void fold(std::span<const float> y, int j, std::size_t a, std::size_t b, bool log_y,
            Fold& f) const;
  // One item: a row, a usable block, or an unusable block's children.
  void fold_item(std::span<const float> y, int j, std::size_t i, bool log_y, Fold& f) const;
  // The first row of usable item (j, i) holding `v` as its low (want_lo) or high.
  std::size_t locate(int j, std::size_t i, std::span<const float> y, float v, bool want_lo) const;
  bool usable(const Block& s, bool log_y) const { return log_y ? s.lo > 0 : s.lo == s.lo; }

  std::vector<std::vector<Block>> levels_;
};

}  // namespace ps::telemetry
