#pragma once
// The editable list of start points and its mouse logic, apart from ImGui so tests drive it
// directly: press on a point grabs it, dragging moves it, press on empty space with the add
// modifier adds one, right-press on a point removes it. Positions are in data units; the hit
// radius comes in data units too (the view converts its pixel tolerance).
#include <Eigen/Dense>
#include <optional>
#include <vector>

namespace ps::gui {

class StartPoints {
 public:
  StartPoints();  // the five paper starts
  explicit StartPoints(std::vector<Eigen::Vector2d> points);

  const std::vector<Eigen::Vector2d>& points() const { return points_; }
  int size() const { return static_cast<int>(points_.size()); }
  // Bumped on every change, so the model knows to rerun the simulation.
  unsigned revision() const { return revision_; }

  void reset_to_paper();
  // Adds p (clamped into the box) and returns its index; no-op returning -1 at kMaxPoints.
  int add(const Eigen::Vector2d& p);
  // Removes point i; refuses to remove the last one (a run needs a start). True if removed.
  bool remove(int i);
  // Moves point i to p (clamped into the box).
  void move(int i, const Eigen::Vector2d& p);

  // The nearest point within `radius` of p, or -1.
  int hit(const Eigen::Vector2d& p, double radius) const;

  // Mouse logic. press(): returns the grabbed index or -1; with `add_if_empty` a press on empty
  // space adds a point there and grabs it. drag_to() moves the grabbed point. release() ends it.
  int press(const Eigen::Vector2d& p, double radius, bool add_if_empty);
  void drag_to(const Eigen::Vector2d& p);
  void release() { grabbed_ = -1; }
  int grabbed() const { return grabbed_; }
  // Right-press: removes the point under p. True if one was removed.
  bool remove_at(const Eigen::Vector2d& p, double radius);

  static constexpr int kMaxPoints = 16;
  static constexpr double kBox = 10.0;  // points stay in [-kBox, kBox]^2, the plotted window

 private:
  std::vector<Eigen::Vector2d> points_;
  int grabbed_ = -1;
  unsigned revision_ = 0;
};

}  // namespace ps::gui
