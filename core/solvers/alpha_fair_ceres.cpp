// Ceres backend of AlphaFairSolver: bounded nonlinear least squares, as the FairGrad paper does
// with scipy's least_squares. The only file that includes Ceres (slow to compile).
#include <ceres/ceres.h>

#include <cmath>
#include <utility>

#include "core/solvers/alpha_fair_parts.h"

namespace ps::alpha_fair {
namespace {

// The paper's residuals f_i(w) = (A w)_i - w_i^(-p), each divided by a fixed scale s_i (the
// target rate w_i^(-p) at the start), so that tasks with norms 1e-6 and 1e6 weigh alike. (Rows
// divided by w_i^(-p) itself would give a spurious minimum at w -> 0, where all of them tend to
// -1.)
class ScaledResidual final : public ceres::CostFunction {
 public:
  ScaledResidual(const Eigen::MatrixXd& a, double p, Eigen::VectorXd inv_scale)
      : a_(a), p_(p), inv_scale_(std::move(inv_scale)) {
    set_num_residuals(static_cast<int>(a.rows()));
    mutable_parameter_block_sizes()->push_back(static_cast<int>(a.rows()));
  }

  bool Evaluate(double const* const* parameters, double* residuals,
                double** jacobians) const override {
    const Eigen::Index k = a_.rows();
    const Eigen::Map<const Eigen::VectorXd> w(parameters[0], k);
    const Eigen::VectorXd aw = a_ * w;
    for (Eigen::Index i = 0; i < k; ++i) {
      if (!(w[i] > 0)) return false;
      const double q = std::pow(w[i], -p_);
      residuals[i] = (aw[i] - q) * inv_scale_[i];
      if (!std::isfinite(residuals[i])) return false;
      if (jacobians && jacobians[0]) {
        double* row = jacobians[0] + i * k;  // row-major
        for (Eigen::Index j = 0; j < k; ++j) row[j] = a_(i, j) * inv_scale_[i];
        row[i] += p_ * q / w[i] * inv_scale_[i];
        if (!std::isfinite(row[i])) return false;
      }
    }
    return true;
  }

 private:
  const Eigen::MatrixXd& a_;
  double p_;
  Eigen::VectorXd inv_scale_;
};

}  // namespace

CoreResult ceres_solve(const Eigen::MatrixXd& a, double p, Eigen::VectorXd& w, int max_iterations) {
  const int k = static_cast<int>(a.rows());
  Eigen::VectorXd inv_scale(k);
  for (int i = 0; i < k; ++i) inv_scale[i] = std::pow(w[i], p);
  ScaledResidual cost(a, p, inv_scale);
  ceres::Problem::Options problem_options;
  problem_options.cost_function_ownership = ceres::DO_NOT_TAKE_OWNERSHIP;
  ceres::Problem problem(problem_options);
  problem.AddResidualBlock(&cost, nullptr, w.data());
  // w > 0 as a bound; 1e-150 keeps w^(-p-1) finite for alpha >= 1 (weights of large-alpha
  // solutions below it are not resolved by this backend).
  for (int i = 0; i < k; ++i) problem.SetParameterLowerBound(w.data(), i, 1e-150);

  ceres::Solver::Options options;
  options.minimizer_type = ceres::TRUST_REGION;
  options.trust_region_strategy_type = ceres::LEVENBERG_MARQUARDT;
  options.linear_solver_type = ceres::DENSE_QR;
  options.max_num_iterations = max_iterations;
  options.function_tolerance = 1e-20;
  options.gradient_tolerance = 1e-30;
  options.parameter_tolerance = 1e-16;
  options.logging_type = ceres::SILENT;
  options.minimizer_progress_to_stdout = false;
  options.num_threads = 1;
  ceres::Solver::Summary summary;
  ceres::Solve(options, &problem, &summary);

  CoreResult r;
  r.iterations = static_cast<int>(summary.iterations.size()) - 1;
  if (r.iterations < 0) r.iterations = 0;
  for (int i = 0; i < k; ++i)
    if (!(w[i] > 0) || !std::isfinite(w[i])) w[i] = 1;  // never hand back NaN or inf
  r.residual = relative_residual(a, p, w);
  return r;
}

}  // namespace ps::alpha_fair
