// Ceres backend of AlphaFairSolver: bounded nonlinear least squares, as the FairGrad paper does
// with scipy's least_squares. The only file that includes Ceres (slow to compile).
#include <ceres/ceres.h>

#include <cmath>

#include "core/solvers/alpha_fair_parts.h"

namespace ps::alpha_fair {
namespace {

// Residuals f_i(w) = w_i^p (A w)_i - 1: the paper's (A w)_i - w_i^(-p) divided by w_i^(-p).
// Same roots; every row is relative, so tasks with norms 1e-6 and 1e6 weigh alike.
class RelativeResidual final : public ceres::CostFunction {
 public:
  RelativeResidual(const Eigen::MatrixXd& a, double p) : a_(a), p_(p) {
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
      const double wp = std::pow(w[i], p_);
      residuals[i] = wp * aw[i] - 1;
      if (jacobians && jacobians[0]) {
        double* row = jacobians[0] + i * k;  // row-major
        for (Eigen::Index j = 0; j < k; ++j) row[j] = wp * a_(i, j);
        row[i] += p_ * wp / w[i] * aw[i];
      }
    }
    return true;
  }

 private:
  const Eigen::MatrixXd& a_;
  double p_;
};

}  // namespace

CoreResult ceres_solve(const Eigen::MatrixXd& a, double p, Eigen::VectorXd& w,
                       int max_iterations) {
  const int k = static_cast<int>(a.rows());
  RelativeResidual cost(a, p);
  ceres::Problem::Options problem_options;
  problem_options.cost_function_ownership = ceres::DO_NOT_TAKE_OWNERSHIP;
  ceres::Problem problem(problem_options);
  problem.AddResidualBlock(&cost, nullptr, w.data());
  for (int i = 0; i < k; ++i) problem.SetParameterLowerBound(w.data(), i, 1e-300);

  ceres::Solver::Options options;
  options.minimizer_type = ceres::TRUST_REGION;
  options.trust_region_strategy_type = ceres::LEVENBERG_MARQUARDT;
  options.linear_solver_type = ceres::DENSE_QR;
  options.max_num_iterations = max_iterations;
  options.function_tolerance = 1e-16;
  options.gradient_tolerance = 1e-22;
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
