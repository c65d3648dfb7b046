#pragma once
// Screen-resolution decimation of long series: the simulator keeps every step (tens of
// thousands), the screen needs at most a few points per pixel. Both functions return the
// indices of the vertices to draw, in order, always keeping the first and the last.
#include <span>
#include <vector>

namespace ps::gui {

struct PxPoint {
  float x = 0, y = 0;
};

// For curves in any direction (trajectories): keeps a vertex when it lies at least `tol` pixels
// from the last kept one.
std::vector<int> decimate_by_distance(std::span<const PxPoint> pts, float tol = 1.0f);

// For series whose x never decreases (values per step): per pixel column keeps the lowest and
// the highest vertex, so spikes survive at any zoom.
std::vector<int> decimate_by_column(std::span<const PxPoint> pts);

// Every k-th index (and always the last) so that at most about `budget` remain.
std::vector<int> thin_to_budget(const std::vector<int>& keep, size_t budget);

}  // namespace ps::gui
