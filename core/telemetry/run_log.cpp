#include "core/telemetry/run_log.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/telemetry/json_scan.h"

namespace ps::telemetry {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMaxExactInt = 9007199254740992.0;  // 2^53
constexpr std::size_t kMaxTasks = 4096;
constexpr std::size_t kMaxStatusNames = 255;

bool whole(double v, double lo, double hi) {
  return std::isfinite(v) && v == std::floor(v) && v >= lo && v <= hi;
}

// The fields of a step record the fast path knows; compared by length first.
enum class Key {
  type,
  step,
  epoch,
  time,
  losses,
  weights,
  rates,
  grad_norms,
  status,
  iterations,
  residual,
  step_time,
  method_time,
  other
};

Key classify(std::string_view k) {
  switch (k.size()) {
    case 4:
      if (k == "type") return Key::type;
      if (k == "step") return Key::step;
      if (k == "time") return Key::time;
      break;
    case 5:
      if (k == "epoch") return Key::epoch;
      if (k == "rates") return Key::rates;
      break;
    case 6:
      if (k == "losses") return Key::losses;
      if (k == "status") return Key::status;
      break;
    case 7:
      if (k == "weights") return Key::weights;
      break;
    case 8:
      if (k == "residual") return Key::residual;
      break;
    case 9:
      if (k == "step_time") return Key::step_time;
      break;
    case 10:
      if (k == "grad_norms") return Key::grad_norms;
      if (k == "iterations") return Key::iterations;
      break;
    case 11:
      if (k == "method_time") return Key::method_time;
      break;
    default:
      break;
  }
  return Key::other;
}

double num(const nlohmann::json& j, const char* key, double fallback) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return fallback;
  return it->get<double>();
}

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<double> numbers(const nlohmann::json& a) {
  std::vector<double> v;
  if (!a.is_array()) return v;
  v.reserve(a.size());
  for (const auto& x : a) v.push_back(x.is_number() ? x.get<double>() : kNaN);
  return v;
}

std::vector<std::pair<std::string, double>> params_of(const nlohmann::json& j) {
  std::vector<std::pair<std::string, double>> p;
  auto it = j.find("params");
  if (it == j.end() || !it->is_object()) return p;
  for (const auto& [k, v] : it->items()) p.emplace_back(k, v.is_number() ? v.get<double>() : kNaN);
  return p;
}

// Step numbers of rare records: optional, a whole number when present.
bool step_of(const nlohmann::json& j, std::int64_t& step) {
  const double s = num(j, "step", 0);
  if (!whole(s, 0, kMaxExactInt)) return false;
  step = static_cast<std::int64_t>(s);
  return true;
}

}  // namespace

void StepSeries::clear() { *this = StepSeries(); }

void RunLog::clear() {
  steps_.clear();
  headers_.clear();
  evals_.clear();
  events_.clear();
  cosines_.clear();
  stats_ = LogStats();
}

void RunLog::reserve(std::size_t rows) {
  const std::size_t n = steps_.size() + rows;
  steps_.step.reserve(n);
  steps_.epoch.reserve(n);
  steps_.time.reserve(n);
  steps_.step_time.reserve(n);
  steps_.method_time.reserve(n);
  steps_.residual.reserve(n);
  steps_.iterations.reserve(n);
  steps_.status.reserve(n);
  for (auto* col : {&steps_.losses, &steps_.weights, &steps_.rates, &steps_.grad_norms})
    for (auto& c : *col) c.reserve(n);
}

bool RunLog::append(RunLog&& o) {
  StepSeries& a = steps_;
  StepSeries& b = o.steps_;
  if (b.num_tasks != 0 && a.num_tasks != 0 && a.num_tasks != b.num_tasks) return false;
  if (b.num_tasks != 0 && a.num_tasks == 0) set_num_tasks(static_cast<std::size_t>(b.num_tasks));
  const std::size_t offset = a.size();
  auto cat = [](auto& x, auto& y) { x.insert(x.end(), y.begin(), y.end()); };
  cat(a.step, b.step);
  cat(a.epoch, b.epoch);
  cat(a.time, b.time);
  cat(a.step_time, b.step_time);
  cat(a.method_time, b.method_time);
  cat(a.residual, b.residual);
  cat(a.iterations, b.iterations);
  std::uint8_t remap[256];
  for (std::size_t i = 0; i < b.status_names.size(); ++i)
    remap[i] = status_index(b.status_names[i]);
  // No exact reserve here: a tailing reader appends a few rows per poll, and reserving exactly
  // would copy the whole column every time.
  for (std::uint8_t s : b.status) a.status.push_back(remap[s]);
  std::vector<std::vector<float>>* ca[4] = {&a.losses, &a.weights, &a.rates, &a.grad_norms};
  std::vector<std::vector<float>>* cb[4] = {&b.losses, &b.weights, &b.rates, &b.grad_norms};
  for (int f = 0; f < 4; ++f)
    for (std::size_t t = 0; t < ca[f]->size(); ++t) {
      auto& col = (*ca[f])[t];
      if (cb[f]->empty())
        col.resize(col.size() + b.size(), static_cast<float>(kNaN));  // the later part had no K
      else
        cat(col, (*cb[f])[t]);
    }
  for (auto& e : o.headers_) e.first_row += offset, headers_.push_back(std::move(e));
  for (auto& e : o.evals_) e.row += offset, evals_.push_back(std::move(e));
  for (auto& e : o.events_) e.row += offset, events_.push_back(std::move(e));
  for (auto& e : o.cosines_) e.row += offset, cosines_.push_back(std::move(e));
  LogStats& s = stats_;
  const LogStats& t = o.stats_;
  s.lines += t.lines;
  s.records += t.records;
  s.garbled += t.garbled;
  s.invalid += t.invalid;
  s.unknown += t.unknown;
  s.truncated += t.truncated;
  s.overlong += t.overlong;
  o.clear();
  return true;
}

RunLog RunLog::take_records() {
  RunLog out;
  out.steps_ = std::move(steps_);
  out.headers_ = std::move(headers_);
  out.evals_ = std::move(evals_);
  out.events_ = std::move(events_);
  out.cosines_ = std::move(cosines_);
  steps_ = StepSeries();
  headers_.clear();
  evals_.clear();
  events_.clear();
  cosines_.clear();
  if (out.steps_.num_tasks != 0) set_num_tasks(static_cast<std::size_t>(out.steps_.num_tasks));
  return out;
}

bool RunLog::set_num_tasks(std::size_t k) {
  if (k == 0 || k > kMaxTasks) return false;
  if (steps_.num_tasks != 0) return static_cast<std::size_t>(steps_.num_tasks) == k;
  steps_.num_tasks = static_cast<int>(k);
  // Rows stored before K was known carried no per-task values.
  for (auto* col : {&steps_.losses, &steps_.weights, &steps_.rates, &steps_.grad_norms}) {
    col->assign(k, std::vector<float>(steps_.size(), static_cast<float>(kNaN)));
    for (auto& c : *col) c.reserve(steps_.step.capacity());
  }
  return true;
}

std::uint8_t RunLog::status_index(std::string_view name) {
  auto& names = steps_.status_names;
  if (names.empty()) names.emplace_back();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<std::uint8_t>(i);
  if (names.size() < kMaxStatusNames) {
    names.emplace_back(name);
  } else if (names.back() != "(other)") {
    names.back() = "(other)";  // a writer inventing endless names: fold the rest together
  }
  return static_cast<std::uint8_t>(names.size() - 1);
}

bool RunLog::ingest_line(std::string_view line) {
  ++stats_.lines;
  std::size_t b = 0;
  while (b < line.size() && (line[b] == ' ' || line[b] == '\t' || line[b] == '\r')) ++b;
  if (b == line.size()) return false;  // blank lines carry nothing and harm nothing
  Outcome o = ingest_step(line);
  if (o == Outcome::not_step) o = ingest_other(line);
  switch (o) {
    case Outcome::accepted:
      ++stats_.records;
      return true;
    case Outcome::garbled:
      ++stats_.garbled;
      break;
    case Outcome::invalid:
      ++stats_.invalid;
      break;
    case Outcome::unknown:
      ++stats_.unknown;
      break;
    case Outcome::not_step:
      ++stats_.garbled;
      break;
  }
  return false;
}

struct RunLog::StepFields {
  double step = 0, epoch = -1, time = kNaN, iterations = kNaN, residual = kNaN, step_time = kNaN,
         method_time = kNaN;
  bool have_step = false;
  bool bad = false;                                // a known field held the wrong kind of value
  bool present[4] = {false, false, false, false};  // losses, weights, rates, grad_norms
  std::string_view status;
  bool status_escaped = false;
};

bool RunLog::parse_step_fast(std::string_view line, StepFields& f) {
  // The exact layout LogWriter writes, read without looking keys up. Any difference (another
  // writer's key order, spaces, escapes, missing fields) returns false and the general path
  // reads the line, so both give the same result.
  static constexpr std::string_view kArrays[4] = {
      ",\"losses\":", ",\"weights\":", ",\"rates\":", ",\"grad_norms\":"};
  JsonScanner sc(line);
  if (!sc.expect("{\"type\":\"step\",\"step\":") || !sc.number(f.step)) return false;
  f.have_step = true;
  if (!sc.expect(",\"time\":") || !sc.number_or_null(f.time)) return false;
  if (!sc.expect(",\"epoch\":") || !sc.number(f.epoch)) return false;
  for (int i = 0; i < 4; ++i) {
    if (!sc.expect(kArrays[i]) || !sc.number_array(scratch_[i], kMaxTasks)) return false;
    f.present[i] = true;
  }
  if (sc.expect(",\"status\":")) {
    bool esc = false;
    if (!sc.string(f.status, esc) || esc) return false;
  }
  return sc.expect(",\"iterations\":") && sc.number_or_null(f.iterations) &&
         sc.expect(",\"residual\":") && sc.number_or_null(f.residual) &&
         sc.expect(",\"step_time\":") && sc.number_or_null(f.step_time) &&
         sc.expect(",\"method_time\":") && sc.number_or_null(f.method_time) && sc.expect("}") &&
         sc.at_end();
}

RunLog::Outcome RunLog::ingest_step(std::string_view line) {
  StepFields f;
  if (parse_step_fast(line, f)) return commit_step(f);
  f = StepFields();
  JsonScanner sc(line);
  if (!sc.consume('{')) return Outcome::garbled;
  bool have_type = false, is_step = false;
  if (!sc.consume('}')) {
    do {
      std::string_view key;
      bool esc;
      if (!sc.string(key, esc) || !sc.consume(':')) return Outcome::garbled;
      const Key k = esc ? Key::other : classify(key);
      const JsonScanner before = sc;
      bool ok = true;
      switch (k) {
        case Key::type: {
          std::string_view t;
          bool tesc;
          ok = sc.string(t, tesc);
          have_type = ok;
          is_step = ok && !tesc && t == "step";
          break;
        }
        case Key::step:
          ok = sc.number(f.step);
          f.have_step = ok;
          break;
        case Key::epoch:
          ok = sc.number(f.epoch);
          break;
        case Key::time:
          ok = sc.number_or_null(f.time);
          break;
        case Key::iterations:
          ok = sc.number_or_null(f.iterations);
          break;
        case Key::residual:
          ok = sc.number_or_null(f.residual);
          break;
        case Key::step_time:
          ok = sc.number_or_null(f.step_time);
          break;
        case Key::method_time:
          ok = sc.number_or_null(f.method_time);
          break;
        case Key::losses:
        case Key::weights:
        case Key::rates:
        case Key::grad_norms: {
          const int a = static_cast<int>(k) - static_cast<int>(Key::losses);
          ok = sc.number_array(scratch_[a], kMaxTasks);
          f.present[a] = ok;
          break;
        }
        case Key::status:
          if (sc.peek() == 'n') {
            ok = sc.skip_value();  // null: no status
            f.status = {};
          } else {
            ok = sc.string(f.status, f.status_escaped);
          }
          break;
        case Key::other:
          ok = sc.skip_value();
          break;
      }
      if (!ok) {
        // Valid JSON of the wrong kind (a string where a number belongs) breaks the format;
        // anything else is not JSON at all.
        sc = before;
        if (!sc.skip_value()) return Outcome::garbled;
        f.bad = true;
      }
    } while (sc.consume(','));
    if (!sc.consume('}')) return Outcome::garbled;
  }
  if (!sc.at_end()) return Outcome::garbled;
  if (!have_type) return Outcome::garbled;
  if (!is_step) return Outcome::not_step;
  return commit_step(f);
}

RunLog::Outcome RunLog::commit_step(const StepFields& f) {
  if (f.bad || !f.have_step || !whole(f.step, 0, kMaxExactInt)) return Outcome::invalid;
  if (!(f.epoch == -1 || whole(f.epoch, 0, 2147483647.0))) return Outcome::invalid;
  if (std::isfinite(f.iterations) && !whole(f.iterations, -2147483648.0, 2147483647.0))
    return Outcome::invalid;
  bool present[4];
  for (int a = 0; a < 4; ++a) {
    // An empty vector is "not measured".
    present[a] = f.present[a] && !scratch_[a].empty();
    if (present[a] && !set_num_tasks(scratch_[a].size())) return Outcome::invalid;
  }

  StepSeries& s = steps_;
  s.step.push_back(static_cast<std::int64_t>(f.step));
  s.epoch.push_back(static_cast<std::int32_t>(f.epoch));
  s.time.push_back(f.time);
  s.step_time.push_back(static_cast<float>(f.step_time));
  s.method_time.push_back(static_cast<float>(f.method_time));
  s.residual.push_back(static_cast<float>(f.residual));
  s.iterations.push_back(std::isfinite(f.iterations) ? static_cast<std::int32_t>(f.iterations)
                                                     : -1);
  s.status.push_back(f.status_escaped ? status_index("(escaped)") : status_index(f.status));
  std::vector<std::vector<float>>* cols[4] = {&s.losses, &s.weights, &s.rates, &s.grad_norms};
  for (int a = 0; a < 4; ++a) {
    auto& col = *cols[a];
    if (present[a]) {
      const double* v = scratch_[a].data();
      for (std::size_t t = 0; t < col.size(); ++t) col[t].push_back(static_cast<float>(v[t]));
    } else {
      for (auto& c : col) c.push_back(static_cast<float>(kNaN));
    }
  }
  return Outcome::accepted;
}

RunLog::Outcome RunLog::ingest_other(std::string_view line) {
  try {
    const auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return Outcome::garbled;  // e.g. invalid UTF-8
    const std::string type = str(j, "type");
    const std::size_t row = steps_.size();
    if (type == "header") {
      HeaderEntry e;
      HeaderRecord& h = e.header;
      auto tasks = j.find("tasks");
      if (tasks == j.end() || !tasks->is_array() || tasks->empty()) return Outcome::invalid;
      for (const auto& t : *tasks) {
        if (!t.is_string()) return Outcome::invalid;
        h.tasks.push_back(t.get<std::string>());
      }
      if (!set_num_tasks(h.tasks.size())) return Outcome::invalid;
      h.run = str(j, "run");
      h.workload = str(j, "workload");
      h.method = str(j, "method");
      h.params = params_of(j);
      h.device = str(j, "device");
      if (auto v = j.find("versions"); v != j.end() && v->is_object())
        for (const auto& [k, x] : v->items())
          h.versions.emplace_back(k, x.is_string() ? x.get<std::string>() : x.dump());
      h.start_unix = num(j, "start_unix", kNaN);
      if (auto c = j.find("config"); c != j.end()) h.config_json = c->dump();
      e.first_row = row;
      e.raw = std::string(line);
      headers_.push_back(std::move(e));
      return Outcome::accepted;
    }
    if (type == "event") {
      EventEntry e;
      EventRecord& ev = e.event;
      ev.kind = str(j, "kind");
      if (ev.kind.empty() || !step_of(j, ev.step)) return Outcome::invalid;
      ev.time = num(j, "time", kNaN);
      ev.message = str(j, "message");
      ev.method = str(j, "method");
      ev.params = params_of(j);
      e.row = row;
      events_.push_back(std::move(e));
      return Outcome::accepted;
    }
    if (type == "eval") {
      EvalEntry e;
      EvalRecord& ev = e.eval;
      if (!step_of(j, ev.step)) return Outcome::invalid;
      const double epoch = num(j, "epoch", -1);
      ev.epoch = whole(epoch, -1, 2147483647.0) ? static_cast<std::int32_t>(epoch) : -1;
      ev.time = num(j, "time", kNaN);
      if (j.contains("split")) ev.split = str(j, "split");
      auto m = j.find("metrics");
      if (m == j.end() || !m->is_object()) return Outcome::invalid;
      for (const auto& [k, v] : m->items()) {
        if (!v.is_array()) return Outcome::invalid;
        ev.metrics.emplace_back(k, numbers(v));
      }
      e.row = row;
      evals_.push_back(std::move(e));
      return Outcome::accepted;
    }
    if (type == "cosine") {
      CosineEntry e;
      CosineRecord& c = e.cosine;
      if (!step_of(j, c.step)) return Outcome::invalid;
      c.time = num(j, "time", kNaN);
      auto m = j.find("matrix");
      if (m == j.end() || !m->is_array() || m->empty() || m->size() > kMaxTasks)
        return Outcome::invalid;
      c.k = static_cast<int>(m->size());
      for (const auto& r : *m) {
        if (!r.is_array() || r.size() != m->size()) return Outcome::invalid;
        for (const auto& x : r) c.matrix.push_back(x.is_number() ? x.get<double>() : kNaN);
      }
      e.row = row;
      cosines_.push_back(std::move(e));
      return Outcome::accepted;
    }
    return Outcome::unknown;
  } catch (...) {
    // A reader must outlive any log; nlohmann's type errors (or memory) end here.
    return Outcome::invalid;
  }
}

}  // namespace ps::telemetry
