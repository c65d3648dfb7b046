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
    int four[4] = {i, lo, hi, j};
    std::sort(four, four + 4);
    for (int k : four)
      if (keep.empty() || keep.back() != k) keep.push_back(k);
    i = j + 1;
  }
  return keep;
}

}  // namespace ps::gui
