// FairGrad and its alpha-fair solver (core/methods/fairgrad.h, core/solvers/alpha_fair.h).
// Residuals and rates are recomputed here, in long double, from G or A: never taken from the
// solver's own report.
#include "core/methods/fairgrad.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <random>
#include <vector>

#include "core/errors.h"
#include "core/registry.h"
#include "core/solvers/alpha_fair.h"
#include "toy/simulator.h"
#include "toy/toy_problem.h"
#include "tests/random_grads.h"

// Counts heap allocations (malloc, which operator new and Eigen both use), to check that a warm
// update allocates nothing. glibc-specific: the program's malloc interposes the library's.
static std::atomic<long> g_allocations{0};
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* malloc(std::size_t n) {
  ++g_allocations;
  return __libc_malloc(n);
}
void* calloc(std::size_t n, std::size_t size) {
  ++g_allocations;
  return __libc_calloc(n, size);
}
void* realloc(void* p, std::size_t n) {
  ++g_allocations;
  return __libc_realloc(p, n);
}
}

using namespace ps;

namespace {

using ps::test::random_grads;

// max_i |(A w)_i w_i^(1/alpha) - 1| in long double, straight from the definition; a weight
// below 1e-300 (returned as 0) only needs its rate above (1e-300)^(-1/alpha).
double residual(const Eigen::MatrixXd& a, const Eigen::VectorXd& w, double alpha) {
  double worst = 0;
  for (int i = 0; i < a.rows(); ++i) {
    long double r = 0;
    for (int j = 0; j < a.cols(); ++j) r += static_cast<long double>(a(i, j)) * w[j];
    const long double wi = w[i] >= 1e-300 ? w[i] : 1e-300L;
    long double rel = r * std::pow(wi, 1.0L / alpha) - 1;
    if (w[i] < 1e-300) rel = std::min(rel, 0.0L);
    worst = std::max(worst, static_cast<double>(std::min(std::abs(rel), 1e300L)));
  }
  return worst;
}

// The same from the gradients: d = G w and g_i^T d, both accumulated in long double.
double residual_from_grads(const Eigen::MatrixXd& g, const Eigen::VectorXd& w, double alpha,
                           Eigen::VectorXd* direction = nullptr) {
  std::vector<long double> d(g.rows(), 0.0L);
  for (int j = 0; j < g.cols(); ++j)
    for (int i = 0; i < g.rows(); ++i) d[i] += static_cast<long double>(g(i, j)) * w[j];
  if (direction) {
    direction->resize(g.rows());
    for (int i = 0; i < g.rows(); ++i) (*direction)[i] = static_cast<double>(d[i]);
  }
  double worst = 0;
  for (int j = 0; j < g.cols(); ++j) {
    long double rate = 0;
    for (int i = 0; i < g.rows(); ++i) rate += g(i, j) * d[i];
    const long double rel = rate * std::pow(static_cast<long double>(w[j]), 1.0L / alpha) - 1;
    worst = std::max(worst, static_cast<double>(std::abs(rel)));
  }
  return worst;
}

double max_rel_diff(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  return ((a - b).array().abs() / b.array().abs()).maxCoeff();
}

Eigen::VectorXd solve(const Eigen::MatrixXd& a, double alpha, AlphaFairReport* rep = nullptr,
                      AlphaFairOptions o = {}) {
  AlphaFairSolver s(o);
  Eigen::VectorXd w;
  const AlphaFairReport r = s.solve(a, alpha, w);
  if (rep) *rep = r;
  return w;
}

const double kAlphas[] = {0.1, 0.5, 1, 2, 5, 10, 100};
const int kSizes[] = {2, 3, 5, 10, 20, 40, 64};

}  // namespace

TEST_CASE("rates of the FairGrad direction are w^(-1/alpha), from the gradients themselves",
          "[fairgrad][solver]") {
  std::mt19937_64 rng(1);
  for (double alpha : kAlphas) {
    for (int k : {2, 3, 7, 12}) {
      const Eigen::MatrixXd g = random_grads(rng, k + 4, k, 0.3, 3, 1.0);
      FairGrad method(alpha);
      const MethodResult out = method.update(TaskInput::from_grads(g));
      INFO("alpha " << alpha << ", K " << k);
      REQUIRE(out.status == Status::ok);
      REQUIRE(out.weights.minCoeff() > 0);
      Eigen::VectorXd d;
      CHECK(residual_from_grads(g, out.weights, alpha, &d) <= 1e-10);
      CHECK((out.direction - d).norm() <= 1e-13 * d.norm());
      const Eigen::VectorXd expect = out.weights.array().pow(-1 / alpha);
      CHECK(max_rel_diff(out.rates, expect) <= 1e-10);
      CHECK(out.residual <= 1e-10);
      CHECK(out.note.empty());
    }
  }
}

TEST_CASE("alpha = 0 is linear scalarization and small alpha tends to it", "[fairgrad][solver]") {
  std::mt19937_64 rng(2);
  // Positively correlated gradients: every LS rate is positive, so w -> 1 as alpha -> 0, and
  // w_i = rate_i^(-alpha) = 1 - alpha log(rate_i) + O(alpha^2).
  const Eigen::MatrixXd g = random_grads(rng, 12, 6, 0.5, 2, 2.0);
  const Eigen::MatrixXd a = g.transpose() * g;
  REQUIRE((a * Eigen::VectorXd::Ones(6)).minCoeff() > 0);
  FairGrad ls(0);
  CHECK(ls.update(TaskInput::from_grads(g)).weights == Eigen::VectorXd::Ones(6));
  double previous = 1e300;
  for (double alpha : {1e-2, 1e-3, 1e-4, 1e-5}) {
    const Eigen::VectorXd w = solve(a, alpha);
    const double gap = (w - Eigen::VectorXd::Ones(6)).cwiseAbs().maxCoeff();
    INFO("alpha " << alpha);
    CHECK(gap <= 3 * alpha * (a * Eigen::VectorXd::Ones(6)).array().log().abs().maxCoeff());
    CHECK(gap < previous);
    previous = gap;
    CHECK(residual(a, w, alpha) <= 1e-10);
  }
}

TEST_CASE("scaling A by s scales w by s^(-alpha/(alpha+1))", "[fairgrad][solver]") {
  std::mt19937_64 rng(3);
  for (double alpha : kAlphas) {
    for (int k : {2, 4, 9}) {
      const Eigen::MatrixXd g = random_grads(rng, k + 2, k, 0.5, 2, 0.3);
      const Eigen::MatrixXd a = g.transpose() * g;
      const Eigen::VectorXd w = solve(a, alpha);
      for (double s : {1e-12, 1e-3, 7.0, 1e12}) {
        const Eigen::VectorXd ws = solve(s * a, alpha);
        INFO("alpha " << alpha << ", K " << k << ", s " << s);
        CHECK(max_rel_diff(ws, std::pow(s, -alpha / (alpha + 1)) * w) <= 1e-9);
      }
    }
  }
}

TEST_CASE("permuting the tasks permutes the weights", "[fairgrad][solver]") {
  std::mt19937_64 rng(4);
  for (double alpha : {0.5, 2.0, 10.0}) {
    for (int k : {2, 5, 16}) {
      const Eigen::MatrixXd g = random_grads(rng, k + 3, k, 0.2, 5, 0.4);
      Eigen::VectorXi idx = Eigen::VectorXi::LinSpaced(k, 0, k - 1);
      std::shuffle(idx.data(), idx.data() + k, rng);
      Eigen::MatrixXd gp(g.rows(), k);
      for (int j = 0; j < k; ++j) gp.col(j) = g.col(idx[j]);
      const Eigen::VectorXd w = solve(g.transpose() * g, alpha);
      const Eigen::VectorXd wp = solve(gp.transpose() * gp, alpha);
      Eigen::VectorXd expect(k);
      for (int j = 0; j < k; ++j) expect[j] = w[idx[j]];
      INFO("alpha " << alpha << ", K " << k);
      CHECK(max_rel_diff(wp, expect) <= 1e-10);
    }
  }
}

TEST_CASE("Newton and Ceres agree", "[fairgrad][solver][ceres]") {
  std::mt19937_64 rng(5);
  AlphaFairOptions ceres;
  ceres.backend = AlphaFairBackend::ceres;
  for (double alpha : {0.5, 1.0, 2.0, 5.0}) {
    for (int k : {2, 3, 5, 10, 20}) {
      const Eigen::MatrixXd g = random_grads(rng, k + 3, k, 0.2, 5, 0.5);
      const Eigen::MatrixXd a = g.transpose() * g;
      AlphaFairReport rn, rc;
      const Eigen::VectorXd wn = solve(a, alpha, &rn);
      const Eigen::VectorXd wc = solve(a, alpha, &rc, ceres);
      INFO("alpha " << alpha << ", K " << k << ", Ceres residual " << rc.residual);
      CHECK(rn.status == Status::ok);
      CHECK(residual(a, wc, alpha) <= 1e-8);
      CHECK(max_rel_diff(wc, wn) <= 1e-7);
    }
  }
}

TEST_CASE("the K = 2 path agrees with the general path", "[fairgrad][solver]") {
  // A third task orthogonal to the first two decouples: tasks 1 and 2 of the K = 3 system
  // (general Newton path) solve the 2 x 2 system (K = 2 path) exactly.
  std::mt19937_64 rng(6);
  std::normal_distribution<double> n(0, 1);
  for (double alpha : kAlphas) {
    for (int trial = 0; trial < 20; ++trial) {
      Eigen::MatrixXd g = Eigen::MatrixXd::Zero(4, 3);
      for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 2; ++j) g(i, j) = n(rng) * std::exp(n(rng));
      g(3, 2) = std::exp(n(rng));
      const Eigen::MatrixXd a3 = g.transpose() * g;
      const Eigen::MatrixXd a2 = a3.topLeftCorner(2, 2);
      AlphaFairReport r2, r3;
      const Eigen::VectorXd w2 = solve(a2, alpha, &r2), w3 = solve(a3, alpha, &r3);
      INFO("alpha " << alpha << ", A = " << a2);
      if (r2.status != Status::ok) continue;  // near-stationary draws: covered elsewhere
      CHECK(residual(a2, w2, alpha) <= 1e-10);
      CHECK(max_rel_diff(w2, w3.head(2)) <= 1e-9);
    }
  }
}

namespace {

const double kSliderAlphas[] = {0.05, 0.3, 0.5, 0.9, 1.5, 3.7, 5, 10, 100, 1000};

// The general Newton path on a 2 x 2 Gram matrix: a third task orthogonal to both decouples,
// so tasks 1 and 2 of the K = 3 system solve the K = 2 one.
Eigen::VectorXd solve_general(const Eigen::MatrixXd& a2, double alpha, AlphaFairReport& rep) {
  Eigen::MatrixXd a3 = Eigen::MatrixXd::Zero(3, 3);
  a3.topLeftCorner(2, 2) = a2;
  a3(2, 2) = std::sqrt(a2(0, 0) * a2(1, 1));
  return solve(a3, alpha, &rep).head(2);
}

// Weights of two solves agree: relatively, and saturated (0) together.
double weight_gap(const Eigen::VectorXd& w, const Eigen::VectorXd& ref) {
  double gap = 0;
  for (int i = 0; i < 2; ++i)
    gap = std::max(gap, ref[i] == 0 ? (w[i] == 0 ? 0.0 : 1.0) : std::abs(w[i] / ref[i] - 1));
  return gap;
}

}  // namespace

TEST_CASE("the K = 2 path agrees with the general path at any alpha, norms 1e-3 to 1e3",
          "[fairgrad][solver]") {
  std::mt19937_64 rng(14);
  std::normal_distribution<double> n(0, 1);
  std::uniform_real_distribution<double> u(std::log(1e-3), std::log(1e3));
  for (double alpha : kSliderAlphas) {
    int compared = 0;
    for (int trial = 0; trial < 200; ++trial) {
      Eigen::MatrixXd g(3, 2);
      for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 2; ++j) g(i, j) = n(rng);
      if (trial % 4 == 1) g.col(1) = 0.1 * g.col(1) - g.col(0);  // conflicting
      if (trial % 4 == 2) g.col(1) = 0.1 * g.col(1) + g.col(0);  // aligned
      for (int j = 0; j < 2; ++j) g.col(j) *= std::exp(u(rng)) / g.col(j).norm();
      const Eigen::MatrixXd a = g.transpose() * g;
      AlphaFairReport r2, rg;
      const Eigen::VectorXd w2 = solve(a, alpha, &r2), wg = solve_general(a, alpha, rg);
      INFO("alpha " << alpha << ", A =\n"
                    << a << "\nK = 2: " << w2.transpose() << " (" << r2.residual
                    << "), general: " << wg.transpose() << " (" << rg.residual << ")");
      REQUIRE(w2.allFinite());
      CHECK(w2.minCoeff() >= 0);
      const double r = residual(a, w2, alpha);
      CHECK(std::abs(r2.residual - r) <= 1e-13 + 0.5 * r);  // the report is the true residual
      CHECK((r2.status == Status::ok) == (r2.residual <= 1e-10));
      if (r2.status != Status::ok || rg.status != Status::ok) continue;  // at the rounding floor
      CHECK(weight_gap(w2, wg) <= 1e-9);
      ++compared;
    }
    INFO("alpha " << alpha << ", " << compared << " compared");
    CHECK(compared >= 100);  // most draws are within double precision's reach
  }
}

TEST_CASE("the K = 2 path agrees with the general path along toy trajectories",
          "[fairgrad][solver][toy]") {
  // The toy's own Gram matrices, one after the other with one solver (warm starts from the last
  // answer and its history, as FairGrad makes them), against cold K = 2 and general solves every
  // 50 steps. Worst cases are collected, then checked (Catch's per-assertion cost would dominate).
  const toy::ToyProblem problem(0.1);
  for (double alpha : kSliderAlphas) {
    toy::SimSettings s;
    s.params = {{"alpha", alpha}};
    const toy::SimResult sim = toy::simulate(s);
    int solves = 0, compared = 0;
    double misreport = 0, gap_cold = 0, gap_general = 0;
    for (const toy::Trajectory& t : sim.runs) {
      AlphaFairSolver solver;
      Eigen::VectorXd w;
      Eigen::MatrixXd a(2, 2);
      for (std::size_t i = 0; i < t.points.size(); ++i) {
        const Eigen::Matrix2d g = problem.eval(t.points[i].x).grads;
        a(0, 0) = g.col(0).squaredNorm();
        a(1, 1) = g.col(1).squaredNorm();
        a(0, 1) = a(1, 0) = g.col(0).dot(g.col(1));
        const AlphaFairReport rep = solver.solve(a, alpha, w, i > 0);
        ++solves;
        REQUIRE(w.allFinite());
        if (rep.status == Status::near_stationary) continue;  // the ridge is K-dependent
        const double r = residual(a, w, alpha);
        misreport = std::max(misreport, std::abs(rep.residual - r) - 0.5 * r);
        if (i % 50 != 0 || rep.status != Status::ok) continue;
        AlphaFairReport rc, rg;
        const Eigen::VectorXd wc = solve(a, alpha, &rc), wg = solve_general(a, alpha, rg);
        if (rc.status == Status::ok) gap_cold = std::max(gap_cold, weight_gap(w, wc));
        if (rg.status == Status::ok) gap_general = std::max(gap_general, weight_gap(w, wg));
        compared += rg.status == Status::ok;
      }
    }
    INFO("alpha " << alpha << ", " << solves << " solves, " << compared << " compared");
    CHECK(misreport <= 1e-13);  // the report is the true residual
    CHECK(gap_cold <= 1e-9);
    CHECK(gap_general <= 1e-9);
    CHECK(compared >= 500);
  }
}

TEST_CASE("residual <= 1e-10 over random families", "[fairgrad][solver][families]") {
  std::mt19937_64 rng(7);
  // Every family: K from 2 to 64, independent and positively correlated gradients.
  // Common scale: norms s [0.5, 2], s from 1e-6 to 1e6, every alpha; alpha = 0.1 (close to LS)
  // on correlated gradients only: with conflicting ones its rates cancel to 1e-8 of their terms
  // and double precision cannot give 1e-10 (see "ill-conditioned systems are reported").
  // Mixed in one matrix: 1e-6 to 1e6 for alpha = 1 and 2; 1e-2 to 1e2 for alpha from 0.5 to
  // 100 (wider mixes with alpha far from 1 meet the same limit).
  struct Family {
    double lo, hi;
    std::vector<double> alphas;
  };
  const std::vector<double> all = {0.5, 1, 2, 5, 10, 100};
  const std::vector<Family> families = {
      {0.5e-6, 2e-6, all}, {0.5e-3, 2e-3, all}, {0.5, 2, all},   {0.5e3, 2e3, all},
      {0.5e6, 2e6, all},   {1e-6, 1e6, {1, 2}}, {1e-2, 1e2, all}};
  int solved = 0;
  auto run = [&](double lo, double hi, double alpha, double shared) {
    for (int k : kSizes) {
      for (int trial = 0; trial < 2; ++trial) {
        const Eigen::MatrixXd g = random_grads(rng, k + 3, k, lo, hi, shared);
        const Eigen::MatrixXd a = g.transpose() * g;
        AlphaFairReport rep;
        const Eigen::VectorXd w = solve(a, alpha, &rep);
        INFO("norms [" << lo << ", " << hi << "], alpha " << alpha << ", K " << k << ", shared "
                       << shared << ", iterations " << rep.iterations);
        CHECK(rep.status == Status::ok);
        CHECK(residual(a, w, alpha) <= 1e-10);
        CHECK(rep.residual <= 1e-10);
        CHECK(rep.iterations <= 60);
        ++solved;
      }
    }
  };
  for (const Family& f : families) {
    for (double alpha : f.alphas)
      for (double shared : {0.0, 1.0}) run(f.lo, f.hi, alpha, shared);
    if (f.hi / f.lo < 10)
      for (double shared : {1.0, 2.0}) run(f.lo, f.hi, 0.1, shared);
  }
  CHECK(solved == 2 * 7 * 2 * (6 * 6 + 2 + 5));
}

TEST_CASE("ill-conditioned systems are reported, not hidden", "[fairgrad][solver]") {
  // Alpha = 0.1 with norms over 4 orders of magnitude and conflicting gradients: the solution
  // needs rates cancelling to 1e-20 and more, beyond double precision. Alpha = 1e-9: w -> 1
  // and w^(1/alpha) magnifies its rounding 1e9 times. Whatever the solver returns is finite,
  // and its status is ok exactly when its reported residual (which must be the true one) is
  // within the tolerance.
  std::mt19937_64 rng(8);
  int not_ok = 0;
  for (double alpha : {0.1, 10.0, 1e-9}) {
    for (int k : {2, 3, 5, 10}) {
      for (int trial = 0; trial < 6; ++trial) {
        const Eigen::MatrixXd g = random_grads(rng, k + 3, k, 1e-2, 1e2, 0);
        const Eigen::MatrixXd a = g.transpose() * g;
        AlphaFairReport rep;
        const Eigen::VectorXd w = solve(a, alpha, &rep);
        INFO("alpha " << alpha << ", K " << k << ", trial " << trial);
        REQUIRE(w.allFinite());
        CHECK(w.minCoeff() >= 0);
        const double r = residual(a, w, alpha);
        INFO("true residual " << r << ", reported " << rep.residual << ", w " << w.transpose());
        CHECK((rep.status == Status::ok) == (rep.residual <= 1e-10));
        // The residual of such a system moves with the last bits of A (G^T G is not exactly
        // symmetric): the report must be right within a small factor.
        CHECK(rep.residual <= 10 * r + 1e-13);
        CHECK(r <= 10 * rep.residual + 1e-13);
        if (rep.status != Status::ok) {
          CHECK(rep.status == Status::max_iterations);
          CHECK(std::string(rep.note).size() > 0);
          ++not_ok;
        }
      }
    }
  }
  CHECK(not_ok > 0);  // the family does reach the limit
}

TEST_CASE("a singular but not stationary Gram matrix is solved", "[fairgrad][solver]") {
  std::mt19937_64 rng(9);
  for (double alpha : {0.5, 1.0, 2.0, 50.0}) {
    // g1 = g2 (K = 2), and g1 = g2 with an independent g3 (K = 3): by symmetry w1 = w2.
    Eigen::MatrixXd g = random_grads(rng, 5, 3, 0.5, 2, 0.2);
    g.col(1) = g.col(0);
    for (int k : {2, 3}) {
      const Eigen::MatrixXd gk = g.leftCols(k);
      FairGrad method(alpha);
      const MethodResult out = method.update(TaskInput::from_grads(gk));
      INFO("alpha " << alpha << ", K " << k);
      CHECK(out.status == Status::ok);
      CHECK(residual_from_grads(gk, out.weights, alpha) <= 1e-10);
      CHECK(out.weights[0] == Approx(out.weights[1]).epsilon(1e-9));
    }
  }
}

TEST_CASE("at a Pareto-stationary point the result is finite, flagged and deterministic",
          "[fairgrad][solver][stationary]") {
  std::mt19937_64 rng(10);
  const Eigen::MatrixXd base = random_grads(rng, 6, 3, 0.5, 2, 0.0);
  std::vector<Eigen::MatrixXd> cases;
  Eigen::MatrixXd opposite(6, 2);  // g2 = -g1 / 3
  opposite << base.col(0), -base.col(0) / 3;
  cases.push_back(opposite);
  Eigen::MatrixXd inside = base;  // 0 = (g1 + 2 g2 + 3 g3) / 6, strictly inside the hull
  inside.col(2) = -(base.col(0) + 2 * base.col(1)) / 3;
  cases.push_back(inside);
  Eigen::MatrixXd zero = base;  // a zero gradient
  zero.col(1).setZero();
  cases.push_back(zero);
  for (double alpha : {0.5, 1.0, 2.0, 20.0}) {
    for (const Eigen::MatrixXd& g : cases) {
      const TaskInput in = TaskInput::from_grads(g);
      FairGrad m1(alpha), m2(alpha);
      const MethodResult a = m1.update(in), b = m2.update(in), c = m1.update(in);
      INFO("alpha " << alpha << ", G =\n" << g);
      CHECK(a.status == Status::near_stationary);
      CHECK(!a.note.empty());
      CHECK(a.weights.allFinite());
      CHECK(a.weights.minCoeff() > 0);
      CHECK(a.direction.allFinite());
      CHECK(a.rates.allFinite());
      CHECK(a.weights == b.weights);  // deterministic
      CHECK(a.direction == b.direction);
      CHECK(max_rel_diff(c.weights, a.weights) <= 1e-9);  // warm start: same within tolerance
    }
  }
}

TEST_CASE("the stationarity fallback is continuous at its threshold",
          "[fairgrad][solver][stationary]") {
  // Two unit gradients at angle theta: mu = cos(theta / 2). Just above tau the exact system is
  // solved, just below the ridged one; the weights must not jump.
  const double tau = AlphaFairOptions{}.stationary_tol;
  for (double alpha : {0.5, 1.0, 2.0, 10.0}) {
    Eigen::VectorXd w[2];
    AlphaFairReport rep[2];
    for (int side = 0; side < 2; ++side) {
      const double mu = tau * (side == 0 ? 1 + 1e-7 : 1 - 1e-7);
      const double cos_theta = 2 * mu * mu - 1;  // cos(theta) = 2 cos^2(theta / 2) - 1
      Eigen::MatrixXd a(2, 2);
      a << 4, 2 * 0.5 * cos_theta, 2 * 0.5 * cos_theta, 0.25;  // norms 2 and 0.5
      w[side] = solve(a, alpha, &rep[side]);
    }
    INFO("alpha " << alpha);
    // (Just above tau the exact system is too ill-conditioned for a 1e-10 residual: that side
    // reports max_iterations, and is not ridged.)
    CHECK(rep[0].status != Status::near_stationary);
    CHECK(rep[0].ridge == 0);
    CHECK(rep[1].status == Status::near_stationary);
    CHECK(rep[1].ridge > 0);
    CHECK(rep[1].ridge < 1e-12);
    CHECK(max_rel_diff(w[1], w[0]) <= 1e-5);
  }
}

TEST_CASE("all-zero gradients give equal weights", "[fairgrad][solver][stationary]") {
  FairGrad method(2);
  const MethodResult out = method.update(TaskInput::from_grads(Eigen::MatrixXd::Zero(3, 4)));
  CHECK(out.status == Status::near_stationary);
  CHECK(out.weights == Eigen::VectorXd::Ones(4));
  CHECK(out.direction == Eigen::VectorXd::Zero(3));
}

TEST_CASE("large alpha: weights below 1e-300 are returned as 0, rates stay consistent",
          "[fairgrad][solver]") {
  // Max-min regime: a task far better served than the others gets w = rate^(-alpha), far
  // below the double range; its weight is 0 and its rate must exceed (1e-300)^(-1/alpha).
  Eigen::MatrixXd g(3, 3);
  g << 1, 0, 3, 0, 1, 3, 0, 0, 1;
  const Eigen::MatrixXd a = g.transpose() * g;
  for (double alpha : {1e3, 1e4, 1e6}) {
    AlphaFairReport rep;
    const Eigen::VectorXd w = solve(a, alpha, &rep);
    INFO("alpha " << alpha << ", w = " << w.transpose());
    CHECK(rep.status == Status::ok);
    CHECK(w[2] == 0);
    CHECK(w.head(2).minCoeff() > 0);
    const Eigen::VectorXd r = a * w;
    CHECK(std::log(r[2]) >= -std::log(1e-300) / alpha);
    for (int i = 0; i < 2; ++i) CHECK(r[i] * std::pow(w[i], 1 / alpha) == Approx(1).epsilon(1e-10));
  }
}

TEST_CASE("warm starts do not change the result beyond the tolerance", "[fairgrad][solver]") {
  std::mt19937_64 rng(11);
  for (double alpha : {0.5, 2.0, 10.0}) {
    for (int k : {2, 6, 20}) {
      const Eigen::MatrixXd g0 = random_grads(rng, k + 2, k, 0.3, 3, 0.5);
      const Eigen::MatrixXd g1 = random_grads(rng, k + 2, k, 0.3, 3, 0.5);
      FairGrad warm(alpha);
      for (int s = 0; s < 30; ++s) {
        const TaskInput in = TaskInput::from_grads(g0 + 0.01 * s * g1);
        const MethodResult w = warm.update(in);
        FairGrad cold(alpha);
        const MethodResult c = cold.update(in);
        INFO("alpha " << alpha << ", K " << k << ", step " << s);
        CHECK(w.status == Status::ok);
        CHECK(max_rel_diff(w.weights, c.weights) <= 1e-9);
      }
    }
  }
}

TEST_CASE("updates and solves allocate nothing once sized", "[fairgrad][alloc]") {
  std::mt19937_64 rng(12);
  for (double alpha : {1.0, 2.0, 10.0}) {
    for (int k : {2, 3, 10, 40}) {
      const Eigen::MatrixXd g0 = random_grads(rng, 2 * k, k, 0.3, 3, 0.5);
      const Eigen::MatrixXd g1 = random_grads(rng, 2 * k, k, 0.3, 3, 0.5);
      TaskInput in = TaskInput::from_grads(g0);
      FairGrad method(alpha);
      MethodResult out;
      method.update(in, out);  // sizes the buffers
      in.grads = g0 + 0.01 * g1;
      in.update_gram();
      long before = g_allocations.load();
      method.update(in, out);  // warm
      const long warm = g_allocations.load() - before;
      AlphaFairSolver solver;
      Eigen::VectorXd w;
      solver.solve(g0.transpose() * g0, alpha, w);
      const Eigen::MatrixXd a1 = g1.transpose() * g1;
      before = g_allocations.load();
      solver.solve(a1, alpha, w);  // cold, other matrix
      const long cold = g_allocations.load() - before;
      INFO("alpha " << alpha << ", K " << k);
      CHECK(warm == 0);
      CHECK(cold == 0);
      CHECK(out.status == Status::ok);
    }
  }
}

TEST_CASE("bad input throws InputError", "[fairgrad][errors]") {
  Eigen::MatrixXd g = Eigen::MatrixXd::Identity(3, 3);
  g(1, 2) = std::nan("");
  FairGrad method(2);
  CHECK_THROWS_AS(method.update(TaskInput::from_grads(g)), InputError);
  Eigen::MatrixXd a = Eigen::MatrixXd::Identity(2, 2);
  a(0, 1) = a(1, 0) = std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(method.update(TaskInput::from_gram(a)), InputError);
  a(0, 1) = a(1, 0) = 3;  // |A_12| > sqrt(A_11 A_22): no Gram matrix
  CHECK_THROWS_AS(method.update(TaskInput::from_gram(a)), InputError);
  CHECK_THROWS_AS(FairGrad(-1), InputError);
  CHECK_THROWS_AS(FairGrad(std::nan("")), InputError);
  AlphaFairSolver solver;
  Eigen::VectorXd w;
  CHECK_THROWS_AS(solver.solve(Eigen::MatrixXd::Identity(2, 2), -0.5, w), InputError);
  CHECK_THROWS_AS(make_method("fairgrad", {{"alpha", -1}}), InputError);
}

TEST_CASE("the registry builds FairGrad with its alpha", "[fairgrad][registry]") {
  std::mt19937_64 rng(13);
  const Eigen::MatrixXd g = random_grads(rng, 6, 4, 0.5, 2, 0.3);
  const TaskInput in = TaskInput::from_grads(g);
  const MethodResult by_name = make_method("fairgrad", {{"alpha", 3}})->update(in);
  CHECK(by_name.weights == FairGrad(3).update(in).weights);
  const MethodResult by_default = make_method("fairgrad")->update(in);
  CHECK(by_default.weights == FairGrad(2).update(in).weights);
  CHECK(by_default.weights != by_name.weights);
}
