#include "core/telemetry/run_csv.h"

#include <unistd.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace ps::telemetry {
namespace {

// Shortest form that reads back to the same value; empty for NaN (a missing value).
template <class T>
void num(std::ostream& out, T v) {
  if (std::isnan(v)) return;
  if (std::isinf(v)) {
    out << (v > 0 ? "inf" : "-inf");
    return;
  }
  char buf[40];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.write(buf, r.ptr - buf);
}

// A CSV cell: quoted (quotes doubled) when it holds a separator, a quote or a line break.
void text(std::ostream& out, const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) {
    out << s;
    return;
  }
  out << '"';
  for (char c : s) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

std::string params_text(const std::vector<std::pair<std::string, double>>& params) {
  std::string s;
  for (const auto& [k, v] : params) {
    if (!s.empty()) s += ' ';
    s += k + '=';
    char buf[40];
    if (std::isfinite(v)) {
      const auto r = std::to_chars(buf, buf + sizeof buf, v);
      s.append(buf, r.ptr);
    } else {
      s += std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
    }
  }
  return s;
}

// Column names of the per-task fields: the header's task names when it has K of them.
std::vector<std::string> task_names(const RunLog& log) {
  const auto k = static_cast<std::size_t>(log.num_tasks());
  for (const auto& h : log.headers())
    if (h.header.tasks.size() == k) return h.header.tasks;
  std::vector<std::string> names;
  for (std::size_t t = 0; t < k; ++t) names.push_back(std::to_string(t + 1));
  return names;
}

}  // namespace

void write_steps_csv(const RunLog& log, std::ostream& out) {
  const StepSeries& s = log.steps();
  const auto names = task_names(log);
  const std::size_t k = names.size();
  out << "step,epoch,time,wall_time";
  for (const char* stem : {"loss", "weight", "share", "rate", "grad_norm"})
    for (const auto& n : names) {
      out << ',';
      text(out, std::string(stem) + '_' + n);
    }
  out << ",status,iterations,residual,step_time,method_time\n";

  // Wall time as the monitor plots it (RunSeries): seconds since the first header's
  // start_unix; a segment without a usable start_unix continues where the last one ended.
  const auto& headers = log.headers();
  std::size_t h = 0;
  double offset = 0, first = headers.empty() ? 0 : headers[0].header.start_unix, prev = NAN;
  for (std::size_t r = 0; r < s.size(); ++r) {
    while (h < headers.size() && headers[h].first_row <= r) {
      const double st = headers[h].header.start_unix;
      if (h == 0)
        offset = 0;
      else if (std::isfinite(st) && std::isfinite(first))
        offset = st - first;
      else if (std::isfinite(prev))
        offset = prev;
      ++h;
    }
    prev = offset + s.time[r];
    out << s.step[r] << ',';
    if (s.epoch[r] >= 0) out << s.epoch[r];
    out << ',';
    num(out, s.time[r]);
    out << ',';
    num(out, prev);
    const std::vector<std::vector<float>>* cols[5] = {&s.losses, &s.weights, nullptr, &s.rates,
                                                      &s.grad_norms};
    double sum = 0;
    for (std::size_t t = 0; t < k; ++t) sum += s.weights[t][r];
    for (const auto* c : cols)
      for (std::size_t t = 0; t < k; ++t) {
        out << ',';
        if (c)
          num(out, (*c)[t][r]);
        else if (std::isfinite(sum) && sum != 0)
          num(out, static_cast<float>(s.weights[t][r] / sum));  // as RunSeries shows it
      }
    out << ',';
    text(out, s.status_names.empty() ? std::string() : s.status_names[s.status[r]]);
    out << ',';
    if (s.iterations[r] >= 0) out << s.iterations[r];
    out << ',';
    num(out, s.residual[r]);
    out << ',';
    num(out, s.step_time[r]);
    out << ',';
    num(out, s.method_time[r]);
    out << '\n';
  }
}

void write_events_csv(const RunLog& log, std::ostream& out) {
  out << "step,time,kind,method,params,message\n";
  for (const auto& e : log.events()) {
    const EventRecord& ev = e.event;
    out << ev.step << ',';
    num(out, ev.time);
    out << ',';
    text(out, ev.kind);
    out << ',';
    text(out, ev.method);
    out << ',';
    text(out, params_text(ev.params));
    out << ',';
    text(out, ev.message);
    out << '\n';
  }
}

void write_evals_csv(const RunLog& log, std::ostream& out) {
  out << "step,epoch,split,metric,task,value\n";
  const auto names = task_names(log);
  for (const auto& e : log.evals()) {
    const EvalRecord& ev = e.eval;
    for (const auto& [metric, values] : ev.metrics)
      for (std::size_t t = 0; t < values.size(); ++t) {
        out << ev.step << ',';
        if (ev.epoch >= 0) out << ev.epoch;
        out << ',';
        text(out, ev.split);
        out << ',';
        text(out, metric);
        out << ',';
        text(out, t < names.size() ? names[t] : std::to_string(t + 1));
        out << ',';
        num(out, values[t]);
        out << '\n';
      }
  }
}

void write_cosines_csv(const RunLog& log, std::ostream& out) {
  out << "step,time,i,j,cosine\n";
  for (const auto& e : log.cosines()) {
    const CosineRecord& c = e.cosine;
    for (int i = 0; i < c.k; ++i)
      for (int j = 0; j < c.k; ++j) {
        out << c.step << ',';
        num(out, c.time);
        out << ',' << i + 1 << ',' << j + 1 << ',';
        num(out, c.matrix[static_cast<std::size_t>(i * c.k + j)]);
        out << '\n';
      }
  }
}

std::vector<std::string> export_run_csv(const RunLog& log, const std::string& prefix) {
  using Writer = void (*)(const RunLog&, std::ostream&);
  const std::pair<const char*, Writer> files[] = {{"-steps.csv", write_steps_csv},
                                                  {"-events.csv", write_events_csv},
                                                  {"-evals.csv", write_evals_csv},
                                                  {"-cosines.csv", write_cosines_csv}};
  std::vector<std::string> written;
  for (const auto& [suffix, write] : files) {
    const std::string path = prefix + suffix;
    const std::string tmp = path + ".tmp" + std::to_string(::getpid());
    {
      std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
      if (!f) throw std::runtime_error("cannot write '" + tmp + "': " + std::strerror(errno));
      write(log, f);
      f.flush();
      if (!f) {
        const std::string why = std::strerror(errno);
        std::remove(tmp.c_str());
        throw std::runtime_error("cannot write '" + tmp + "': " + why);
      }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
      const std::string why = std::strerror(errno);
      std::remove(tmp.c_str());
      throw std::runtime_error("cannot write '" + path + "': " + why);
    }
    written.push_back(path);
  }
  return written;
}

}  // namespace ps::telemetry
