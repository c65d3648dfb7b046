#include "app/cli/toy_output.h"

#include <ostream>

#include "app/cli/methods_command.h"
#include "app/cli/number_text.h"

namespace ps::cli {
namespace {

using nlohmann::ordered_json;

void json_pair(std::ostream& os, const Eigen::Vector2d& v) {
  os << '[';
  write_json_number(os, v[0]);
  os << ", ";
  write_json_number(os, v[1]);
  os << ']';
}

void csv_pair(std::ostream& os, const Eigen::Vector2d& v) {
  write_number(os, v[0]);
  os << ',';
  write_number(os, v[1]);
}

// RFC 4180: quote, doubling quotes inside.
std::string csv_quoted(const std::string& s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return q + '"';
}

const char* optimizer_name(toy::OptimizerKind k) {
  return k == toy::OptimizerKind::adam ? "adam" : "sgd";
}

}  // namespace

ordered_json toy_settings_json(const toy::SimSettings& s, const ParamValues& resolved) {
  ordered_json starts = ordered_json::array();
  for (const auto& p : s.starts) starts.push_back({p[0], p[1]});
  return {{"method", s.method},
          {"params", params_json(find_method(s.method), resolved)},
          {"optimizer", optimizer_name(s.optimizer)},
          {"lr", s.lr},
          {"steps", s.steps},
          {"stop_at_front", s.stop_at_front},
          {"stop_tol", s.stop_tol},
          {"reference_scaling", s.reference_scaling},
          {"scale", s.scale},
          {"starts", starts},
          {"record_every", s.record_every}};
}

void write_toy_json(std::ostream& os, const toy::SimResult& r, const ordered_json& settings) {
  os << "{\"settings\": " << settings.dump() << ",\n \"runs\": [";
  for (size_t i = 0; i < r.runs.size(); ++i) {
    const toy::Trajectory& t = r.runs[i];
    os << (i ? ",\n" : "\n") << "  {\"start\": ";
    json_pair(os, t.start);
    os << ", \"stop\": {\"reason\": \"" << toy::to_string(t.stop.reason)
       << "\", \"step\": " << t.stop.step << ", \"detail\": " << ordered_json(t.stop.detail).dump()
       << "},\n   \"points\": [";
    for (size_t j = 0; j < t.points.size(); ++j) {
      const toy::StepRecord& p = t.points[j];
      os << (j ? ",\n    " : "\n    ") << "{\"step\": " << p.step << ", \"x\": ";
      json_pair(os, p.x);
      os << ", \"losses\": ";
      json_pair(os, p.losses);
      os << ", \"weights\": ";
      json_pair(os, p.weights);
      os << ", \"rates\": ";
      json_pair(os, p.rates);
      os << '}';
    }
    os << "]}";
  }
  os << "\n ]}\n";
}

const char* toy_csv_header() {
  return "run,start_x1,start_x2,step,x1,x2,l1,l2,w1,w2,r1,r2,stop,stop_detail";
}

void write_toy_csv(std::ostream& os, const toy::SimResult& r) {
  os << toy_csv_header() << '\n';
  for (size_t i = 0; i < r.runs.size(); ++i) {
    const toy::Trajectory& t = r.runs[i];
    for (size_t j = 0; j < t.points.size(); ++j) {
      const toy::StepRecord& p = t.points[j];
      os << i << ',';
      csv_pair(os, t.start);
      os << ',' << p.step << ',';
      csv_pair(os, p.x);
      os << ',';
      csv_pair(os, p.losses);
      os << ',';
      csv_pair(os, p.weights);
      os << ',';
      csv_pair(os, p.rates);
      if (j + 1 == t.points.size())
        os << ',' << toy::to_string(t.stop.reason) << ',' << csv_quoted(t.stop.detail) << '\n';
      else
        os << ",,\n";
    }
  }
}

}  // namespace ps::cli
