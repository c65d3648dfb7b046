#include "app/gui/decimate.h"

#include <algorithm>
#include <cmath>

namespace ps::gui {

std::vector<int> decimate_by_distance(std::span<const PxPoint> pts, float tol) {
  std::vector<int> keep;
  const int n = static_cast<int>(pts.size());
  if (n == 0) return keep;
  keep.push_back(0);
  const float tol2 = tol * tol;
  for (int i = 1; i < n - 1; ++i) {
    const PxPoint& a = pts[keep.back()];
    const float dx = pts[i].x - a.x, dy = pts[i].y - a.y;
    if (dx * dx + dy * dy >= tol2) keep.push_back(i);
  }
  if (n > 1) keep.push_back(n - 1);
  return keep;
}

std::vector<int> decimate_by_column(std::span<const PxPoint> pts) {
  std::vector<int> keep;
  const int n = static_cast<int>(pts.size());
  for (int i = 0; i < n;) {
    const float col = std::floor(pts[i].x);
    int lo = i, hi = i, j = i;
    while (j + 1 < n && std::floor(pts[j + 1].x) == col) {
      ++j;
      if (pts[j].y < pts[lo].y) lo = j;
      if (pts[j].y > pts[hi].y) hi = j;
    }
    // The column's extremes in index order: the line runs from one to the other, a vertical
    // stroke that covers every pixel the column's points would.
    for (int k : {std::min(lo, hi), std::max(lo, hi)})
      if (keep.empty() || keep.back() != k) keep.push_back(k);
    i = j + 1;
  }
  if (n > 0 && keep.front() != 0) keep.insert(keep.begin(), 0);
  if (n > 0 && keep.back() != n - 1) keep.push_back(n - 1);
  return keep;
}

std::vector<int> thin_to_budget(const std::vector<int>& keep, size_t budget) {
  if (budget < 2 || keep.size() <= budget) return keep;
  const size_t k = (keep.size() + budget - 2) / (budget - 1);
  std::vector<int> out;
  out.reserve(budget + 1);
  for (size_t i = 0; i < keep.size(); i += k) out.push_back(keep[i]);
  if (out.back() != keep.back()) out.push_back(keep.back());
  return out;
}

}  // namespace ps::gui
