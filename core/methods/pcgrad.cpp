#include "core/methods/pcgrad.h"

#include <numeric>

#include "core/methods/factories.h"

namespace ps {
namespace {

// Uniform in [0, n), by rejection so that it is exact and the same on every platform.
std::uint64_t below(std::mt19937_64& rng, std::uint64_t n) {
  const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
  for (;;) {
    const std::uint64_t x = rng();
    if (x >= threshold) return x % n;
  }
}

void shuffle(std::vector<int>& v, std::mt19937_64& rng) {  // Fisher-Yates
  for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(rng, i)]);
}

}  // namespace

Eigen::MatrixXd pcgrad_coefficients(const Eigen::MatrixXd& gram,
                                    const std::vector<std::vector<int>>& orders,
                                    int* projections) {
  const Eigen::Index k = gram.rows();
  Eigen::MatrixXd c = Eigen::MatrixXd::Identity(k, k);
  int count = 0;
  for (Eigen::Index i = 0; i < k; ++i) {
    for (int j : orders[i]) {
      const double njj = gram(j, j);
      const double dot = c.col(i).dot(gram.col(j));  // g_i'^T g_j
      if (dot < 0 && njj > 0) {
        c(j, i) -= dot / njj;
        ++count;
      }
    }
  }
  if (projections) *projections = count;
  return c;
}

void Pcgrad::update(const TaskInput& in, MethodResult& out) {
  validate(in);
  const int k = in.num_tasks();
  orders_.resize(k);
  for (auto& o : orders_) {
    o.resize(k);
    std::iota(o.begin(), o.end(), 0);
    shuffle(o, rng_);
  }
  int projections = 0;
  out.weights = pcgrad_coefficients(in.gram, orders_, &projections).rowwise().sum();
  out.iterations = projections;
  out.residual = 0;
  out.status = Status::ok;
  out.note.clear();
  finish_linear(in, out);
}

std::unique_ptr<Method> make_pcgrad(const ParamValues& p) {
  return std::make_unique<Pcgrad>(static_cast<std::uint64_t>(p.at("seed")));
}

}  // namespace ps
