#pragma once
// Small multiples: several settings run side by side (one worker each) and shown with shared
// axes. "Figure 1" fills it with the paper's four FairGrad runs (alpha 0, 1, 2, max-min).
// The figure is built with core/figure's builders once every cell has finished, so what the
// Compare window shows is what Export writes.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/gui/sim_worker.h"
#include "core/figure/figure_spec.h"
#include "toy/simulator.h"

namespace ps::gui {

class CompareModel {
 public:
  enum class Preset { figure1, alpha_sweep, methods };

  // Replaces the cells with a preset built on `base` (its steps, optimizer, starts...).
  void set_preset(Preset p, const toy::SimSettings& base);
  void add(const toy::SimSettings& s);  // at most kMaxCells
  void remove(int i);
  void clear();

  // Polls the workers; builds the figure once all cells are done. True when it changed.
  bool update();

  int size() const { return static_cast<int>(cells_.size()); }
  int finished() const;
  bool figure1_mode() const { return figure1_; }
  // Null while cells are running or when there are none.
  const fig::FigureSpec* figure() const { return figure_ ? figure_.get() : nullptr; }
  const std::string& error() const { return error_; }
  // Bumped whenever the figure is rebuilt.
  uint64_t revision() const { return revision_; }
  std::vector<toy::SimResult> results() const;  // of finished cells, in order
  std::string title(int i) const;

  // Called by each cell's worker when it finishes (see SimWorker::Options::on_publish).
  void set_on_publish(std::function<void()> f) { on_publish_ = std::move(f); }

  static constexpr int kMaxCells = 8;

 private:
  struct Cell {
    toy::SimSettings settings;
    std::unique_ptr<SimWorker> worker;
    uint64_t version = 0;
    std::shared_ptr<const Snapshot> snap;
  };
  void start(Cell& c);

  std::vector<Cell> cells_;
  bool figure1_ = false;
  bool dirty_ = false;
  std::unique_ptr<fig::FigureSpec> figure_;
  std::string error_;
  std::function<void()> on_publish_;
  uint64_t revision_ = 0;
};

}  // namespace ps::gui
