#include "app/gui/start_points.h"

#include <algorithm>

#include "toy/toy_problem.h"

namespace ps::gui {
namespace {
Eigen::Vector2d clamp_box(const Eigen::Vector2d& p) {
  return p.cwiseMax(-StartPoints::kBox).cwiseMin(StartPoints::kBox);
}
}  // namespace

StartPoints::StartPoints() { reset_to_paper(); }

StartPoints::StartPoints(std::vector<Eigen::Vector2d> points) : points_(std::move(points)) {
  if (points_.empty()) reset_to_paper();
  if (static_cast<int>(points_.size()) > kMaxPoints) points_.resize(kMaxPoints);
  for (auto& p : points_) p = clamp_box(p);
}

void StartPoints::reset_to_paper() {
  const auto& paper = toy::paper_starts();
  points_.assign(paper.begin(), paper.end());
  grabbed_ = -1;
  ++revision_;
}

int StartPoints::add(const Eigen::Vector2d& p) {
  if (size() >= kMaxPoints) return -1;
  points_.push_back(clamp_box(p));
  ++revision_;
  return size() - 1;
}

bool StartPoints::remove(int i) {
  if (i < 0 || i >= size() || size() <= 1) return false;
  points_.erase(points_.begin() + i);
  // Keep a grab consistent with the shifted indices.
  if (grabbed_ == i)
    grabbed_ = -1;
  else if (grabbed_ > i)
    --grabbed_;
  ++revision_;
  return true;
}

void StartPoints::move(int i, const Eigen::Vector2d& p) {
  if (i < 0 || i >= size()) return;
  const Eigen::Vector2d q = clamp_box(p);
  if (q == points_[i]) return;  // a still mouse must not restart the simulation
  points_[i] = q;
  ++revision_;
}

int StartPoints::hit(const Eigen::Vector2d& p, double radius) const {
  int best = -1;
  double best_d = radius;
  for (int i = 0; i < size(); ++i) {
    const double d = (points_[i] - p).norm();
    if (d <= best_d) best = i, best_d = d;
  }
  return best;
}

int StartPoints::press(const Eigen::Vector2d& p, double radius, bool add_if_empty) {
  grabbed_ = hit(p, radius);
  if (grabbed_ < 0 && add_if_empty) grabbed_ = add(p);
  return grabbed_;
}

void StartPoints::drag_to(const Eigen::Vector2d& p) {
  if (grabbed_ >= 0) move(grabbed_, p);
}

bool StartPoints::remove_at(const Eigen::Vector2d& p, double radius) {
  return remove(hit(p, radius));
}

}  // namespace ps::gui
