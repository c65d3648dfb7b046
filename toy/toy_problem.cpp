#include "toy/toy_problem.h"

#include <cmath>

#include "core/errors.h"

namespace ps::toy {
namespace {

constexpr double kLower = 5e-6;

// log(max(|u|, LOWER)) + 6 and its derivative in u, with autograd's conventions: clamp passes
// gradient where |u| >= LOWER (inclusive), and d|u|/du = sign(u) with sign(0) = 0.
struct LogTerm {
  double value;
  double du;
};
LogTerm log_term(double u) {
  const double a = std::abs(u);
  if (a >= kLower) {
    const double sign = u > 0 ? 1.0 : (u < 0 ? -1.0 : 0.0);
    return {std::log(a) + 6.0, sign / a};
  }
  return {std::log(kLower) + 6.0, 0.0};
}

}  // namespace

ToyProblem::ToyProblem(double scale) : scale_(scale) {
  if (!std::isfinite(scale) || !(scale > 0))
    throw InputError("the toy problem's scale must be a finite number > 0, got " +
                     std::to_string(scale));
}

Eigen::Vector2d ToyProblem::losses(const Eigen::Vector2d& x) const { return eval(x).losses; }

ToyEval ToyProblem::eval(const Eigen::Vector2d& x) const {
  const double x1 = x[0], x2 = x[1];

  // tanh(x2) and tanh(x2/2) from one expm1: with em = expm1(-|x2|) (exp(-|x2|) = 1 + em),
  // tanh(|x2|/2) = -em / (2 + em) and tanh(|x2|) = -em (2 + em) / (1 + (1 + em)^2), without
  // cancellation; odd in x2, and +-0 at x2 = +-0. Within a few ulps of std::tanh, at half the cost.
  // tanh(-x2) = -tanh(x2) (tanh is odd); its derivative is -(1 - tanh(x2)^2).
  const double em = std::expm1(-std::abs(x2));
  const double t = std::copysign(-em * (2.0 + em) / (1.0 + (1.0 + em) * (1.0 + em)), x2);
  const double th = std::copysign(-em / (2.0 + em), x2);  // tanh(x2 / 2)
  const double sech2 = 1.0 - t * t;
  const double u1 = 0.5 * (-x1 - 7.0) + t;        // 0.5*(-x1 - 7) - tanh(-x2)
  const double u2 = 0.5 * (-x1 + 3.0) - t + 2.0;  // 0.5*(-x1 + 3) + tanh(-x2) + 2
  const LogTerm f1 = log_term(u1), f2 = log_term(u2);
  // du1/dx = (-0.5, sech2), du2/dx = (-0.5, -sech2).
  const Eigen::Vector2d df1(-0.5 * f1.du, sech2 * f1.du);
  const Eigen::Vector2d df2(-0.5 * f2.du, -sech2 * f2.du);

  const double a1 = -x1 + 7.0, a2 = -x1 - 7.0, b = -x2 - 8.0;
  const double h1 = (a1 * a1 + 0.1 * b * b) / 10.0 - 20.0;
  const double h2 = (a2 * a2 + 0.1 * b * b) / 10.0 - 20.0;
  const Eigen::Vector2d dh1(-a1 / 5.0, -b / 50.0);
  const Eigen::Vector2d dh2(-a2 / 5.0, -b / 50.0);

  // Gates: c1 = max(tanh(x2/2), 0), c2 = max(tanh(-x2/2), 0); the max passes gradient where
  // its argument is >= 0, so at x2 = 0 (tanh = +-0) both gates pass it.
  const double dth = 0.5 * (1.0 - th * th);  // d tanh(x2/2) / dx2
  const bool pass1 = th >= 0.0, pass2 = -th >= 0.0;
  const double c1 = pass1 ? th : 0.0, c2 = pass2 ? -th : 0.0;
  const double dc1 = pass1 ? dth : 0.0, dc2 = pass2 ? -dth : 0.0;

  ToyEval e;
  e.losses[0] = scale_ * (c1 * f1.value + c2 * h1);
  e.losses[1] = c1 * f2.value + c2 * h2;
  e.grads.col(0) = scale_ * (c1 * df1 + c2 * dh1 + Eigen::Vector2d(0.0, dc1 * f1.value + dc2 * h1));
  e.grads.col(1) = c1 * df2 + c2 * dh2 + Eigen::Vector2d(0.0, dc1 * f2.value + dc2 * h2);
  return e;
}

// L2 > -20 everywhere: for x2 < 0 it is c2*h2 with c2 in (0, 1) and h2 >= -20; for x2 >= 0 it is
// c1*f2 >= min(log(LOWER) + 6, 0) > -6.3. L1 = scale * (the same expression with f1, h1), so
// L1 > -20 scale. FAMO's m = (-2.1, -21) at scale 0.1 is therefore m = (-21 scale, -21): a
// margin of one unit (of the unscaled loss) below each infimum.
Eigen::Vector2d ToyProblem::loss_floor() const { return {-21.0 * scale_, -21.0}; }

const std::array<Eigen::Vector2d, 5>& paper_starts() {
  static const std::array<Eigen::Vector2d, 5> starts = {
      Eigen::Vector2d(-8.5, 7.5), Eigen::Vector2d(0.0, 0.0), Eigen::Vector2d(9.0, 9.0),
      Eigen::Vector2d(-7.5, -0.5), Eigen::Vector2d(9.0, -1.0)};
  return starts;
}

}  // namespace ps::toy
