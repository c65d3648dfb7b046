#pragma once
// The stop rule "the Pareto front is reached": a Pareto-stationarity test on the two task
// gradients, made scale-free by normalizing each gradient first. With u_i = g_i / ||g_i||, the
// min-norm point of the hull {u1, u2} is gamma u1 + (1 - gamma) u2 with
//   gamma = clamp((u2 - u1)·u2 / ||u1 - u2||^2, 0, 1) = 1/2
// (Sener & Koltun's closed form for two tasks), and its norm is cos(theta / 2), theta the angle
// between g1 and g2: 1 when they agree, 0 exactly when they are anti-parallel (or one vanishes),
// i.e. at Pareto-stationary points; near 0 it is about half the angle (radians) by which the
// gradients miss being anti-parallel.
//
// Why unit gradients rather than ||gamma g1 + (1 - gamma) g2|| / max(||g1||, ||g2||): the latter
// is below ||g_small|| / ||g_large|| wherever one gradient dwarfs the other, and on the toy L2's
// gradient is 10^2 to 10^5 times L1's in the valleys of log|u2| (x2 > 0), where LS stalls far
// from the front; the raw ratio falls below 3e-4 there, the unit-gradient measure does not.
//
// The toy also has near-stationary points that are not on the front: where a gate switches at
// x2 = 0 both gradients turn almost vertical, and just above the ridge (|x1| < 7, where L2 rises
// towards x2 = 0 and L1 falls) or just below it (|x1| > 7) they point in nearly opposite
// directions; the measure goes to 0 there as x2 -> 0, and most trajectories of the paper cross
// that ridge on their way down. So the rule only applies in the band that holds the Pareto set,
// |x1| <= 7.5 and x2 <= -4 (the set runs from x2 = -8.43 at x1 = +-7 to -8.355 at x1 = 0). On
// a 401 x 401 grid over [-10, 10]^2, no point of the band more than 0.2 from the set has a
// measure below the default tolerance (simulator_test checks this).
#include <Eigen/Dense>

namespace ps::toy {

// Default stop_tol: trajectories stop once the gradients are within 2e-3 rad (0.11 degrees) of
// anti-parallel, which on the toy is within about 0.013 (x1 = +-6) to 0.05 (x1 = 0) of the
// Pareto set in x2, a few hundredths of a percent of the losses' range: on the front in a figure.
inline constexpr double kDefaultStopTol = 1e-3;

struct Stationarity {
  double measure = 0;   // ||min-norm point of hull{g1/||g1||, g2/||g2||}||, in [0, 1]
  double min_norm = 0;  // ||gamma g1 + (1 - gamma) g2||, the raw min-norm point (for reports)
  double gamma = 0.5;   // the raw min-norm point's weight of g1
  double cosine = 0;    // cos of the angle between g1 and g2 (0 when one vanishes)
};

// grads: column i is task i's gradient. measure = 0 when a gradient is exactly zero.
Stationarity pareto_stationarity(const Eigen::Matrix2d& grads);

// The band |x1| <= 7.5, x2 <= -4 that holds the toy's Pareto set (see above).
inline bool in_front_band(const Eigen::Vector2d& x) {
  return x[0] >= -7.5 && x[0] <= 7.5 && x[1] <= -4.0;
}

}  // namespace ps::toy
