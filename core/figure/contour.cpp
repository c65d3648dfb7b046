#include "core/figure/contour.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <unordered_map>

#include "core/figure/ticks.h"

namespace ps::fig {
namespace {

// Cell edges: 0 bottom (00-10), 1 right (10-11), 2 top (01-11), 3 left (00-01).
// For each corner mask (bit 0: 00, 1: 10, 2: 11, 3: 01 at or above the level) the edge pairs
// joined inside the cell; -1 ends the list. Masks 5 and 10 (saddles) are handled apart.
constexpr int kCases[16][4] = {
    {-1, -1, -1, -1}, {3, 0, -1, -1}, {0, 1, -1, -1}, {3, 1, -1, -1},
    {1, 2, -1, -1},   {-1, -1, -1, -1}, {0, 2, -1, -1}, {3, 2, -1, -1},
    {2, 3, -1, -1},   {0, 2, -1, -1}, {-1, -1, -1, -1}, {1, 2, -1, -1},
    {1, 3, -1, -1},   {0, 1, -1, -1}, {3, 0, -1, -1},  {-1, -1, -1, -1}};

struct Segment {
  int64_t a, b;  // edge ids of the two ends
};

}  // namespace

std::vector<std::vector<Vec2>> contour_lines(const ScalarField& f, double level) {
  std::vector<std::vector<Vec2>> lines;
  if (f.nx < 2 || f.ny < 2 || f.values.size() != static_cast<size_t>(f.nx) * f.ny ||
      !std::isfinite(level))
    return lines;

  // An edge id names the grid edge a crossing lies on, so neighbouring cells share vertices
  // exactly and segments can be joined by id: 2 (j nx + i) for the edge from node (i, j) to
  // (i + 1, j), + 1 for the edge to (i, j + 1).
  std::unordered_map<int64_t, Vec2> vertex;
  std::vector<Segment> segs;
  auto crossing = [&](int i0, int j0, int i1, int j1) -> int64_t {
    const int64_t id = 2 * (static_cast<int64_t>(j0) * f.nx + i0) + (j1 != j0 ? 1 : 0);
    if (!vertex.count(id)) {
      const double a = f.at(i0, j0), b = f.at(i1, j1);
      const double s = a == b ? 0.5 : std::clamp((level - a) / (b - a), 0.0, 1.0);
      const double x0 = f.x_at(i0), y0 = f.y_at(j0);
      vertex[id] = {x0 + s * (f.x_at(i1) - x0), y0 + s * (f.y_at(j1) - y0)};
    }
    return id;
  };

  for (int j = 0; j + 1 < f.ny; ++j) {
    for (int i = 0; i + 1 < f.nx; ++i) {
      const double v[4] = {f.at(i, j), f.at(i + 1, j), f.at(i + 1, j + 1), f.at(i, j + 1)};
      if (!std::isfinite(v[0]) || !std::isfinite(v[1]) || !std::isfinite(v[2]) ||
          !std::isfinite(v[3]))
        continue;
      int mask = 0;
      for (int k = 0; k < 4; ++k)
        if (v[k] >= level) mask |= 1 << k;
      if (mask == 0 || mask == 15) continue;
      auto edge = [&](int e) {
        switch (e) {
          case 0: return crossing(i, j, i + 1, j);
          case 1: return crossing(i + 1, j, i + 1, j + 1);
          case 2: return crossing(i, j + 1, i + 1, j + 1);
          default: return crossing(i, j, i, j + 1);
        }
      };
      int pairs[4];
      std::copy(std::begin(kCases[mask]), std::end(kCases[mask]), pairs);
      if (mask == 5 || mask == 10) {
        // Saddle: the cell-centre average decides whether the high corners connect.
        const bool centre_high = (v[0] + v[1] + v[2] + v[3]) / 4 >= level;
        const bool cut_00_11 = (mask == 5) != centre_high;  // segments around corners 00, 11
        const int a[4] = {3, 0, 1, 2}, b[4] = {0, 1, 2, 3};
        std::copy(cut_00_11 ? a : b, (cut_00_11 ? a : b) + 4, pairs);
      }
      for (int k = 0; k < 4 && pairs[k] >= 0; k += 2) segs.push_back({edge(pairs[k]), edge(pairs[k + 1])});
    }
  }

  // Join segments end to end: open chains start at ends used once, then the closed loops.
  std::unordered_map<int64_t, std::vector<int>> at;
  for (int s = 0; s < static_cast<int>(segs.size()); ++s) {
    at[segs[s].a].push_back(s);
    at[segs[s].b].push_back(s);
  }
  std::vector<bool> used(segs.size(), false);
  auto walk = [&](int64_t e, int s) {
    std::vector<Vec2> line{vertex[e]};
    while (s >= 0) {
      used[s] = true;
      e = segs[s].a == e ? segs[s].b : segs[s].a;
      line.push_back(vertex[e]);
      s = -1;
      for (int n : at[e])
        if (!used[n]) s = n;
    }
    lines.push_back(std::move(line));
  };
  // In segment order (not the map's) so the output is the same on every platform.
  for (int s = 0; s < static_cast<int>(segs.size()); ++s) {
    if (used[s]) continue;
    if (at[segs[s].a].size() == 1)
      walk(segs[s].a, s);
    else if (at[segs[s].b].size() == 1)
      walk(segs[s].b, s);
  }
  for (int s = 0; s < static_cast<int>(segs.size()); ++s)
    if (!used[s]) walk(segs[s].a, s);
  return lines;
}

std::vector<double> contour_levels(const ScalarField& f, int count, bool by_quantile) {
  std::vector<double> finite;
  for (double v : f.values)
    if (std::isfinite(v)) finite.push_back(v);
  if (finite.size() < 2 || count < 1) return {};
  std::sort(finite.begin(), finite.end());
  const double lo = finite.front(), hi = finite.back();
  if (!(hi > lo)) return {};
  std::vector<double> levels;
  if (by_quantile) {
    for (int k = 1; k <= count; ++k) {
      const double v = finite[static_cast<size_t>(std::llround(
          static_cast<double>(k) / (count + 1) * static_cast<double>(finite.size() - 1)))];
      if (v > lo && v < hi && (levels.empty() || v > levels.back())) levels.push_back(v);
    }
    return levels;
  }
  for (double v : nice_ticks(lo, hi, count + 1))
    if (v > lo && v < hi) levels.push_back(v);
  return levels;
}

std::vector<Polyline> contour_polylines(const ScalarField& f, const std::vector<double>& levels,
                                        Color color, double width_pt) {
  std::vector<Polyline> out;
  for (double level : levels) {
    int piece = 0;
    for (auto& pts : contour_lines(f, level)) {
      Polyline p;
      char name[64];
      std::snprintf(name, sizeof name, "contour %.4g #%d", level, ++piece);
      p.name = name;
      p.kind = SeriesKind::contour;
      p.points = std::move(pts);
      p.color = color;
      p.width_pt = width_pt;
      p.level = level;
      out.push_back(std::move(p));
    }
  }
  return out;
}

}  // namespace ps::fig
