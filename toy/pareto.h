#pragma once
// The toy problem's Pareto set (in x) and Pareto front (in loss space), computed numerically
// rather than copied from the reference's line x2 = -8.3552: for x1 evenly spaced over [-7, 7]
// (between the two single-task minima; outside it both losses fall as x1 moves back inside), a
// scan over x2 in [-12, -5] brackets the sign change of det[g1 g2] where g1·g2 <= 0, i.e. where
// the gradients are anti-parallel (Pareto-stationary), and bisection refines it to the last bit.
// At x1 = +-7 one gradient vanishes there (a single-task minimum). The losses at those points,
// sorted by L1 and filtered to the non-dominated ones, are the front. The set bends from about
// x2 = -8.43 at x1 = +-7 to -8.355 at x1 = 0.
#include <Eigen/Dense>
#include <vector>

namespace ps::toy {

struct ParetoCurve {
  std::vector<Eigen::Vector2d> set;    // points x on the Pareto set, ordered by x1 ascending
  std::vector<Eigen::Vector2d> front;  // (L1, L2) at those points, ordered by L1 ascending; L1
                                       // falls as x1 rises, so front[i] is at set[n - 1 - i]
};

// `samples` x1 values along the set (>= 2; points that turn out dominated are dropped, so the
// curve may hold fewer); `scale` as in ToyProblem. Throws InputError on bad arguments.
ParetoCurve pareto_curve(double scale = 0.1, int samples = 200);

}  // namespace ps::toy
