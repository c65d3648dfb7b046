#pragma once
// A training workload: data on the device, a shared trunk with one head per task, per-task
// losses of a batch and per-task test metrics. Includes LibTorch: only the job's torch
// translation units include this header.
#include <torch/torch.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/train/train_options.h"

namespace ps::train {

using Metrics = std::vector<std::pair<std::string, std::vector<double>>>;

class Workload {
 public:
  virtual ~Workload() = default;
  virtual const std::vector<std::string>& task_names() const = 0;
  int num_tasks() const { return static_cast<int>(task_names().size()); }
  virtual std::int64_t train_size() const = 0;
  // Every parameter (for the optimizer and checkpoints).
  virtual torch::nn::Module& model() = 0;
  // Parameters every task shares (the trunk): the method weighs their gradients.
  virtual std::vector<torch::Tensor> shared_parameters() = 0;
  // Parameters of task k's head alone: they take the usual gradient of task k's loss.
  virtual std::vector<torch::Tensor> head_parameters(int task) = 0;
  // Per-task mean losses (scalars) of the training samples `index` (int64, on the device).
  virtual std::vector<torch::Tensor> losses(const torch::Tensor& index) = 0;
  // Per-task metrics on the test set (model in eval mode, no gradients).
  virtual Metrics evaluate() = 0;
  // The metric printed per epoch ("accuracy" or "nmse") and whether higher is better.
  virtual std::string headline_metric() const = 0;
};

// Builds the workload of `o` (loads or generates its data) on `device`. Throws
// std::runtime_error with a clear message (missing data files, say).
std::unique_ptr<Workload> make_workload(const TrainOptions& o, torch::Device device);

}  // namespace ps::train
