#include "core/methods/imtl_g.h"

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "core/methods/factories.h"

namespace ps {

void ImtlG::update(const TaskInput& in, MethodResult& out) {
  validate(in);
  const int k = in.num_tasks();
  const Eigen::MatrixXd& a = in.gram;
  const Eigen::VectorXd norms = a.diagonal().cwiseSqrt();
  std::vector<int> t;  // tasks with a direction
  for (int i = 0; i < k; ++i)
    if (norms[i] > 0) t.push_back(i);
  const int p = static_cast<int>(t.size());
  out.iterations = 0;
  out.residual = 0;
  out.status = Status::ok;
  out.note.clear();
  if (p == 0) {
    out.weights = Eigen::VectorXd::Constant(k, 1.0 / k);
    out.status = Status::near_stationary;
    out.note = "every task gradient is zero; uniform weights";
    finish_linear(in, out);
    return;
  }
  out.weights.setZero(k);
  if (p < k) {
    out.status = Status::near_stationary;
    out.note = std::to_string(k - p) + " task gradient(s) are zero and get weight 0";
  }
  // Reference task r = t[0]; unknowns alpha_{t[1..p-1]}. M = D^T U, rhs = U^T g_r.
  const int r = t[0];
  const int n = p - 1;
  double rest = 0;
  if (n > 0) {
    Eigen::MatrixXd m(n, n);
    Eigen::VectorXd rhs(n);
    for (int j = 0; j < n; ++j) {
      const int tj = t[j + 1];
      rhs[j] = norms[r] - a(r, tj) / norms[tj];
      for (int i = 0; i < n; ++i) {
        const int ti = t[i + 1];
        m(i, j) = (a(r, r) - a(ti, r)) / norms[r] - (a(r, tj) - a(ti, tj)) / norms[tj];
      }
    }
    // alpha^T = rhs^T M^{-1}, i.e. M^T alpha = rhs.
    Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod(m.transpose());
    cod.setThreshold(1e-10);
    const Eigen::VectorXd alpha = cod.solve(rhs);
    if (cod.rank() < n) {
      out.status = Status::near_stationary;
      if (!out.note.empty()) out.note += "; ";
      out.note += "the IMTL-G system is singular (rank " + std::to_string(cod.rank()) + " of " +
                  std::to_string(n) + "): least-squares weights";
    }
    for (int j = 0; j < n; ++j) out.weights[t[j + 1]] = alpha[j];
    rest = alpha.sum();
  }
  out.weights[r] = 1 - rest;
  finish_linear(in, out);
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (int i : t) {
    const double proj = out.rates[i] / norms[i];
    lo = std::min(lo, proj);
    hi = std::max(hi, proj);
  }
  out.residual = hi - lo;
}

std::unique_ptr<Method> make_imtl_g(const ParamValues&) { return std::make_unique<ImtlG>(); }

}  // namespace ps
