#include "app/gui/monitor_model.h"

#include <cctype>
#include <chrono>
#include <cmath>
#include <exception>
#include <filesystem>

#include "core/telemetry/log_reader.h"
#include "core/telemetry/run_csv.h"

namespace ps::gui {
namespace {

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool same_options(const MonitorOptions& a, const MonitorOptions& b) {
  return a.x_axis == b.x_axis && a.smoothing == b.smoothing && a.show_raw == b.show_raw &&
         a.log_loss == b.log_loss && a.log_rate == b.log_rate && a.log_weight == b.log_weight &&
         a.log_time == b.log_time && a.follow_live == b.follow_live;
}

std::vector<int> visible_runs(const RunsModel& runs) {
  std::vector<int> v;
  for (int i = 0; i < static_cast<int>(runs.runs().size()); ++i)
    if (runs.runs()[i].visible && runs.runs()[i].watcher) v.push_back(i);
  return v;
}

// File-name safe: letters, digits, '-', '_', '.'; others become '_'.
std::string safe(const std::string& s) {
  std::string o;
  for (char c : s) o += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ? c : '_';
  return o.empty() ? "run" : o;
}

void update_cosine(MonitorState& m, const RunsModel& runs, const std::vector<int>& vis) {
  int run = runs.selected;
  if (run < 0 || run >= static_cast<int>(runs.runs().size()) || !runs.runs()[run].watcher)
    run = vis.empty() ? -1 : vis.front();
  if (run < 0) {
    if (m.cosine_run != -1) m.cosine = cosine_panel(telemetry::RunLog{}, -1, "");
    m.cosine_run = -1;
    return;
  }
  const AttachedRun& ar = runs.runs()[run];
  const std::uint64_t version = ar.watcher->version();
  const telemetry::XAxis xa = runs.view.x_axis;
  const double hx = m.hover_x;
  // Nothing moved: no need to hold the watcher.
  const bool same_hover = hx == m.cosine_hover || (std::isnan(hx) && std::isnan(m.cosine_hover));
  if (run == m.cosine_run && version == m.cosine_version && same_hover &&
      xa == m.cosine_axis)
    return;
  m.cosine_hover = hx, m.cosine_axis = xa;
  ar.watcher->read([&](const telemetry::RunLog& log, const telemetry::RunSeries& s) {
    std::int64_t step = -1;
    if (std::isfinite(hx)) {
      const std::ptrdiff_t row = s.row_at(xa, hx);
      if (row >= 0 && static_cast<size_t>(row) < log.steps().size()) step = log.steps().step[row];
    }
    const std::ptrdiff_t rec = cosine_record_at(log, step);
    if (rec == m.cosine_record && run == m.cosine_run && version == m.cosine_version) return;
    m.cosine = cosine_panel(log, rec, runs.runs().size() > 1 ? ar.label : "");
    m.cosine_record = rec, m.cosine_run = run, m.cosine_version = version;
    const double k = std::max(1.0, m.cosine.x.max - 0.5);
    m.cosine_view.set_fit({0.5, k + 0.5, 0.5, k + 0.5});
    m.cosine_view.refit();
  });
}

}  // namespace

bool MonitorKey::operator==(const MonitorKey& o) const {
  return versions == o.versions && labels == o.labels && same_options(view, o.view) &&
         task == o.task && columns == o.columns && x0 == o.x0 && x1 == o.x1 &&
         y_user == o.y_user && y0 == o.y0 && y1 == o.y1;
}

bool update_monitor(MonitorState& m, RunsModel& runs, int columns) {
  const std::vector<int> vis = visible_runs(runs);
  update_cosine(m, runs, vis);
  MonitorKey key;
  for (int i : vis) {
    key.versions.push_back(runs.runs()[i].watcher->version());
    // Which run, its name and colour: a change of any redraws the legend and the lines.
    key.labels.push_back(std::to_string(i) + " " + fig::to_hex(runs.runs()[i].color) + " " +
                         runs.runs()[i].label);
  }
  key.view = runs.view;
  key.task = m.task, key.columns = columns;
  if (!runs.view.follow_live) key.x0 = m.x0, key.x1 = m.x1, key.y_user = m.y_user;
  for (int p = 0; p < kMonitorPlots; ++p)
    if (key.y_user[p]) key.y0[p] = m.y0[p], key.y1[p] = m.y1[p];
  if (m.built_once && key == m.built) return false;
  // Only new rows of a live run, and the last rebuild was costly (a million rows): wait three
  // times its cost, so that the frames between stay light. The frame loop wakes at least twice
  // a second, so the last rows of a run that stopped still arrive.
  if (m.built_once && m.build_seconds > 0.02) {
    MonitorKey data_only = m.built;
    data_only.versions = key.versions;
    if (data_only == key && now_s() - m.built_at < 3 * m.build_seconds) return false;
  }
  const double t0 = now_s();
  MonitorRequest rq;
  rq.view = runs.view;
  rq.task = m.task;
  rq.columns = columns;
  rq.overlay = vis.size() > 1;
  rq.follow = runs.view.follow_live;
  rq.x0 = m.x0, rq.x1 = m.x1, rq.y_user = m.y_user, rq.y0 = m.y0, rq.y1 = m.y1;
  MonitorBuilder b(rq);
  if (rq.follow)
    for (int i : vis)
      runs.runs()[i].watcher->read(
          [&](const telemetry::RunLog&, const telemetry::RunSeries& s) { b.include_extent(s); });
  for (int i : vis) {
    const AttachedRun& ar = runs.runs()[i];
    ar.watcher->read([&](const telemetry::RunLog& log, const telemetry::RunSeries& s) {
      b.add({&log, &s, ar.label, ar.color});
    });
  }
  m.plots = b.finish();
  for (int p = 0; p < kMonitorPlots; ++p) {
    m.views[p].set_fit(m.plots.ranges[p]);
    m.views[p].refit();
  }
  m.built = std::move(key);
  m.built_once = true;
  ++m.revision;
  m.built_at = now_s();
  m.build_seconds = m.built_at - t0;
  return true;
}

void monitor_user_range(MonitorState& m, MonitorOptions& o, int p, const Range2& r) {
  if (p < 0 || p >= kMonitorPlots || !(r.x1 > r.x0) || !(r.y1 > r.y0)) return;
  if (o.follow_live) m.y_user.fill(false);
  o.follow_live = false;
  m.x0 = r.x0, m.x1 = r.x1;
  m.y_user[p] = true;
  m.y0[p] = r.y0, m.y1[p] = r.y1;
}

void monitor_follow(MonitorState& m, MonitorOptions& o) {
  o.follow_live = true;
  m.y_user.fill(false);
}

std::vector<RowReadout> monitor_readouts(const RunsModel& runs, double x) {
  std::vector<RowReadout> out;
  for (int i : visible_runs(runs)) {
    const AttachedRun& ar = runs.runs()[i];
    ar.watcher->read([&](const telemetry::RunLog& log, const telemetry::RunSeries& s) {
      out.push_back(readout_at({&log, &s, ar.label, ar.color}, runs.view.x_axis, x));
    });
  }
  return out;
}

std::vector<ExportTarget> export_targets(const RunsModel& runs, const std::string& prefix) {
  std::vector<ExportTarget> t;
  const auto& rs = runs.runs();
  for (const AttachedRun& r : rs) {
    if (!r.watcher) continue;
    std::filesystem::path dir = r.watcher->dir();
    if (dir.filename() == telemetry::kLogFileName) dir = dir.parent_path();
    std::string p = prefix.empty()        ? (dir / "export").string()
                    : rs.size() == 1 ? prefix
                                     : prefix + "-" + safe(r.label);
    t.push_back({r.watcher->dir(), p});
  }
  return t;
}

std::string export_monitor_csv(const std::vector<ExportTarget>& targets, bool& ok) {
  ok = true;
  std::string report;
  if (targets.empty()) {
    ok = false;
    return "no run attached";
  }
  for (const ExportTarget& t : targets) {
    try {
      telemetry::LogReader reader(t.dir);
      const telemetry::PollResult pr = reader.finish();
      if (!pr.ok) throw std::runtime_error(pr.error);
      for (const std::string& f : telemetry::export_run_csv(reader.log(), t.prefix))
        report += "wrote " + f + "\n";
    } catch (const std::exception& e) {
      ok = false;
      report += "error: " + t.dir + ": " + e.what() + "\n";
    }
  }
  if (!report.empty() && report.back() == '\n') report.pop_back();
  return report;
}

}  // namespace ps::gui
