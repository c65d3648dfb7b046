#include "app/gui/compare_model.h"

#include <exception>

#include "app/gui/alpha_scale.h"
#include "core/figure/layout.h"
#include "core/figure/toy_figures.h"

namespace ps::gui {

void CompareModel::start(Cell& c) {
  SimWorker::Options o;
  o.threads = 1;  // the cells already run side by side
  o.on_publish = on_publish_;
  c.worker = std::make_unique<SimWorker>(std::move(o));
  c.version = c.worker->submit(c.settings);
  c.snap.reset();
}

void CompareModel::set_preset(Preset p, const toy::SimSettings& base) {
  clear();
  std::vector<toy::SimSettings> list;
  switch (p) {
    case Preset::figure1:
      list = fig::figure1_settings(base);
      break;
    case Preset::alpha_sweep:
      for (const AlphaPreset& a : alpha_presets()) {
        toy::SimSettings s = base;
        s.method = "fairgrad";
        s.params = {{"alpha", a.alpha}};
        list.push_back(std::move(s));
      }
      break;
    case Preset::methods:
      for (const char* m : {"ls", "mgda", "pcgrad", "cagrad", "nash_mtl", "fairgrad"}) {
        toy::SimSettings s = base;
        s.method = m;
        s.params.clear();
        list.push_back(std::move(s));
      }
      break;
  }
  for (auto& s : list) add(s);
  figure1_ = p == Preset::figure1;
}

void CompareModel::add(const toy::SimSettings& s) {
  if (size() >= kMaxCells) return;
  cells_.push_back(Cell{s, nullptr, 0, nullptr});
  start(cells_.back());
  figure1_ = false;
  dirty_ = true;
  figure_.reset();
}

void CompareModel::remove(int i) {
  if (i < 0 || i >= size()) return;
  cells_.erase(cells_.begin() + i);
  figure1_ = false;
  dirty_ = true;
  figure_.reset();
}

void CompareModel::clear() {
  cells_.clear();
  figure1_ = false;
  dirty_ = false;
  figure_.reset();
  error_.clear();
}

int CompareModel::finished() const {
  int n = 0;
  for (const auto& c : cells_) n += c.snap != nullptr;
  return n;
}

std::vector<toy::SimResult> CompareModel::results() const {
  std::vector<toy::SimResult> out;
  for (const auto& c : cells_)
    if (c.snap && c.snap->ok()) out.push_back(*c.snap->result);
  return out;
}

std::string CompareModel::title(int i) const {
  if (i < 0 || i >= size()) return {};
  try {
    return fig::settings_title(cells_[i].settings);
  } catch (const std::exception&) {
    return cells_[i].settings.method;
  }
}

bool CompareModel::update() {
  for (auto& c : cells_)
    if (!c.snap) {
      auto s = c.worker->latest();
      if (s && s->version >= c.version) {
        c.snap = std::move(s);
        dirty_ = true;
      }
    }
  if (!dirty_ || cells_.empty() || finished() < size()) return false;
  dirty_ = false;
  error_.clear();
  figure_.reset();
  ++revision_;
  for (int i = 0; i < size(); ++i)
    if (!cells_[i].snap->ok()) error_ += title(i) + ": " + cells_[i].snap->error + "\n";
  try {
    std::vector<toy::SimResult> rs = results();
    if (rs.empty()) return true;
    auto f = std::make_unique<fig::FigureSpec>(
        figure1_ && rs.size() == 4 ? fig::figure1(rs) : fig::compare(rs, fig::View::loss));
    fig::fit_axes(*f);
    figure_ = std::move(f);
  } catch (const std::exception& e) {
    error_ += e.what();
  }
  return true;
}

}  // namespace ps::gui
