#include "app/train/workload.h"

#include <stdexcept>

#include "app/train/multi_fashion.h"
#include "app/train/regression_data.h"

namespace ps::train {
namespace {

namespace nn = torch::nn;

std::vector<torch::Tensor> params_of(std::initializer_list<nn::Module*> modules) {
  std::vector<torch::Tensor> p;
  for (auto* m : modules)
    for (auto& t : m->parameters()) p.push_back(t);
  return p;
}

// LeNet-style trunk of Pareto MTL's Multi-Fashion experiments: two 5x5 convolutions with max
// pooling, then 50 shared features; a linear 10-way head per task.
struct FashionNet : nn::Module {
  nn::Conv2d conv1{nullptr}, conv2{nullptr};
  nn::Linear fc{nullptr};
  std::vector<nn::Linear> heads;

  explicit FashionNet(int tasks) {
    conv1 = register_module("conv1", nn::Conv2d(nn::Conv2dOptions(1, 10, 5)));
    conv2 = register_module("conv2", nn::Conv2d(nn::Conv2dOptions(10, 20, 5)));
    fc = register_module("fc", nn::Linear(20 * 6 * 6, 50));  // 36 -> 32 -> 16 -> 12 -> 6
    for (int k = 0; k < tasks; ++k)
      heads.push_back(register_module("head" + std::to_string(k + 1), nn::Linear(50, 10)));
  }
  torch::Tensor trunk(torch::Tensor x) {
    x = torch::relu(torch::max_pool2d(conv1(x), 2));
    x = torch::relu(torch::max_pool2d(conv2(x), 2));
    return torch::relu(fc(x.flatten(1)));
  }
};

class MultiFashionWorkload : public Workload {
 public:
  MultiFashionWorkload(const TrainOptions& o, torch::Device device) : net_(2) {
    auto to_tensors = [&](const MultiFashionSet& s, torch::Tensor& x, torch::Tensor& y) {
      const auto n = static_cast<std::int64_t>(s.size);
      constexpr int S = MultiFashionSet::kSide;
      // Kept as bytes on the device (a quarter of the memory); scaled per batch.
      // from_blob borrows the set's memory: copy (to() alone would not on the CPU).
      x = torch::from_blob(const_cast<std::uint8_t*>(s.images.data()), {n, 1, S, S}, torch::kUInt8)
              .to(device, false, true);
      auto a = torch::from_blob(const_cast<std::uint8_t*>(s.label_a.data()), {n}, torch::kUInt8);
      auto b = torch::from_blob(const_cast<std::uint8_t*>(s.label_b.data()), {n}, torch::kUInt8);
      y = torch::stack({a, b}, 1).to(torch::kInt64).to(device);
    };
    const auto train =
        load_multi_fashion(o.data_dir, true, static_cast<std::size_t>(o.train_size), o.data_seed);
    const auto test = load_multi_fashion(o.data_dir, false, static_cast<std::size_t>(o.test_size),
                                         o.data_seed + 1);
    to_tensors(train, train_x_, train_y_);
    to_tensors(test, test_x_, test_y_);
    net_.to(device);
  }

  const std::vector<std::string>& task_names() const override { return names_; }
  std::int64_t train_size() const override { return train_x_.size(0); }
  torch::nn::Module& model() override { return net_; }
  std::vector<torch::Tensor> shared_parameters() override {
    return params_of({net_.conv1.get(), net_.conv2.get(), net_.fc.get()});
  }
  std::vector<torch::Tensor> head_parameters(int task) override {
    return params_of({net_.heads.at(static_cast<std::size_t>(task)).get()});
  }
  std::vector<torch::Tensor> losses(const torch::Tensor& index) override {
    const auto z = net_.trunk(images(train_x_, index));
    const auto y = train_y_.index_select(0, index);
    std::vector<torch::Tensor> l;
    for (std::size_t k = 0; k < net_.heads.size(); ++k)
      l.push_back(torch::cross_entropy_loss(net_.heads[k](z), y.select(1, static_cast<long>(k))));
    return l;
  }
  Metrics evaluate() override {
    torch::NoGradGuard no_grad;
    net_.eval();
    const auto n = test_x_.size(0);
    const std::size_t K = net_.heads.size();
    std::vector<double> loss(K, 0), correct(K, 0);
    for (std::int64_t b = 0; b < n; b += 1000) {
      const auto idx =
          torch::arange(b, std::min<std::int64_t>(b + 1000, n),
                        torch::TensorOptions().dtype(torch::kInt64).device(test_x_.device()));
      const auto z = net_.trunk(images(test_x_, idx));
      const auto y = test_y_.index_select(0, idx);
      for (std::size_t k = 0; k < K; ++k) {
        const auto logits = net_.heads[k](z);
        const auto yk = y.select(1, static_cast<long>(k));
        loss[k] += torch::cross_entropy_loss(logits, yk, {}, torch::Reduction::Sum).item<double>();
        correct[k] += logits.argmax(1).eq(yk).sum().item<double>();
      }
    }
    net_.train();
    for (std::size_t k = 0; k < K; ++k) {
      loss[k] /= static_cast<double>(n);
      correct[k] /= static_cast<double>(n);
    }
    return {{"accuracy", correct}, {"loss", loss}};
  }
  std::string headline_metric() const override { return "accuracy"; }

 private:
  static torch::Tensor images(const torch::Tensor& bytes, const torch::Tensor& index) {
    return bytes.index_select(0, index).to(torch::kFloat32).div_(255.0);
  }

  std::vector<std::string> names_{"top-left", "bottom-right"};
  FashionNet net_;
  torch::Tensor train_x_, train_y_, test_x_, test_y_;
};

// A two-layer MLP trunk with one linear output per task.
struct RegressionNet : nn::Module {
  nn::Linear fc1{nullptr}, fc2{nullptr};
  std::vector<nn::Linear> heads;
  RegressionNet(int features, int tasks) {
    fc1 = register_module("fc1", nn::Linear(features, 64));
    fc2 = register_module("fc2", nn::Linear(64, 64));
    for (int k = 0; k < tasks; ++k)
      heads.push_back(register_module("head" + std::to_string(k + 1), nn::Linear(64, 1)));
  }
  torch::Tensor trunk(torch::Tensor x) { return torch::relu(fc2(torch::relu(fc1(x)))); }
};

class RegressionWorkload : public Workload {
 public:
  RegressionWorkload(const TrainOptions& o, torch::Device device)
      : names_(regression_task_names(o.tasks)),
        net_(16, o.tasks),
        scales_(regression_scales(o.tasks)) {
    const auto train = make_regression(o.tasks, static_cast<std::size_t>(o.train_size), o.data_seed,
                                       o.data_seed * 2 + 1);
    const auto test = make_regression(o.tasks, static_cast<std::size_t>(o.test_size), o.data_seed,
                                      o.data_seed * 2 + 2);
    auto to_tensors = [&](const RegressionSet& s, torch::Tensor& x, torch::Tensor& y) {
      const auto n = static_cast<std::int64_t>(s.size);
      x = torch::from_blob(const_cast<float*>(s.x.data()), {n, s.features}).to(device, false, true);
      y = torch::from_blob(const_cast<float*>(s.y.data()), {n, s.tasks}).to(device, false, true);
    };
    to_tensors(train, train_x_, train_y_);
    to_tensors(test, test_x_, test_y_);
    net_.to(device);
  }

  const std::vector<std::string>& task_names() const override { return names_; }
  std::int64_t train_size() const override { return train_x_.size(0); }
  torch::nn::Module& model() override { return net_; }
  std::vector<torch::Tensor> shared_parameters() override {
    return params_of({net_.fc1.get(), net_.fc2.get()});
  }
  std::vector<torch::Tensor> head_parameters(int task) override {
    return params_of({net_.heads.at(static_cast<std::size_t>(task)).get()});
  }
  std::vector<torch::Tensor> losses(const torch::Tensor& index) override {
    const auto z = net_.trunk(train_x_.index_select(0, index));
    const auto y = train_y_.index_select(0, index);
    std::vector<torch::Tensor> l;
    for (std::size_t k = 0; k < net_.heads.size(); ++k)
      l.push_back(torch::mse_loss(net_.heads[k](z).squeeze(1), y.select(1, static_cast<long>(k))));
    return l;
  }
  Metrics evaluate() override {
    torch::NoGradGuard no_grad;
    net_.eval();
    const auto z = net_.trunk(test_x_);
    std::vector<double> mse, nmse;
    for (std::size_t k = 0; k < net_.heads.size(); ++k) {
      const double e =
          torch::mse_loss(net_.heads[k](z).squeeze(1), test_y_.select(1, static_cast<long>(k)))
              .item<double>();
      mse.push_back(e);
      nmse.push_back(e / (scales_[k] * scales_[k]));  // comparable across task scales
    }
    net_.train();
    return {{"nmse", nmse}, {"loss", mse}};
  }
  std::string headline_metric() const override { return "nmse"; }

 private:
  std::vector<std::string> names_;
  RegressionNet net_;
  std::vector<double> scales_;
  torch::Tensor train_x_, train_y_, test_x_, test_y_;
};

}  // namespace

std::unique_ptr<Workload> make_workload(const TrainOptions& o, torch::Device device) {
  if (o.workload == "multi-fashion") return std::make_unique<MultiFashionWorkload>(o, device);
  if (o.workload == "regression") return std::make_unique<RegressionWorkload>(o, device);
  throw std::runtime_error("unknown workload '" + o.workload + "'");
}

}  // namespace ps::train
