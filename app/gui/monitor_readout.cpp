#include "app/gui/monitor_readout.h"

#include <cstdio>

namespace ps::gui {

RowReadout readout_at(const MonitorRun& run, telemetry::XAxis a, double x) {
  using telemetry::Quantity;
  RowReadout r;
  r.run = run.label;
  r.color = run.color;
  const telemetry::RunSeries& s = *run.series;
  const telemetry::StepSeries& st = run.log->steps();
  if (s.size() == 0 || s.num_tasks() == 0) return r;  // nothing logged yet: no columns
  const std::ptrdiff_t row = s.row_at(a, x);
  if (row < 0 || static_cast<size_t>(row) >= std::min(s.size(), st.size())) return r;
  const size_t i = static_cast<size_t>(row);
  r.row = row;
  r.step = st.step[i];
  r.epoch = st.epoch[i];
  r.wall = s.x(telemetry::XAxis::wall_time)[i];
  const auto& hs = run.log->headers();
  const int k = s.num_tasks();
  // Smoothed columns exist only while smoothing is on; else the smoothed value is the raw one.
  auto sm = [&](Quantity q, int t) {
    const auto v = s.smooth(q, t);
    return i < v.size() ? v[i] : s.raw(q, t)[i];
  };
  for (int t = 0; t < k; ++t) {
    TaskReadout tr;
    tr.name = !hs.empty() && static_cast<int>(hs.back().header.tasks.size()) == k
                  ? hs.back().header.tasks[t]
                  : "task " + std::to_string(t + 1);
    tr.loss = s.raw(Quantity::loss, t)[i], tr.loss_s = sm(Quantity::loss, t);
    tr.rate = s.raw(Quantity::rate, t)[i], tr.rate_s = sm(Quantity::rate, t);
    tr.weight = s.raw(Quantity::weight, t)[i], tr.weight_s = sm(Quantity::weight, t);
    tr.share = s.raw(Quantity::share, t)[i], tr.share_s = sm(Quantity::share, t);
    r.tasks.push_back(std::move(tr));
  }
  if (i < st.status.size() && st.status[i] < st.status_names.size())
    r.status = st.status_names[st.status[i]];
  r.iterations = i < st.iterations.size() ? st.iterations[i] : 0;
  r.residual = s.raw(Quantity::residual)[i];
  r.step_ms = 1e3f * s.raw(Quantity::step_time)[i];
  r.method_ms = 1e3f * s.raw(Quantity::method_time)[i];
  // The newest evaluation logged after at most row + 1 steps (EvalEntry::row counts the rows
  // before it).
  const telemetry::EvalEntry* ev = nullptr;
  for (const auto& e : run.log->evals())
    if (e.row <= i + 1) ev = &e;
  if (ev && !ev->eval.metrics.empty()) {
    const auto& [name, values] = ev->eval.metrics.front();
    std::string v = ev->eval.split + " " + name;
    char buf[32];
    for (double d : values) std::snprintf(buf, sizeof buf, " %.4g", d), v += buf;
    v += " (epoch " + std::to_string(ev->eval.epoch) + ")";
    r.eval = std::move(v);
  }
  return r;
}

}  // namespace ps::gui
