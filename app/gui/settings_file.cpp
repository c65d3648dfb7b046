#include "app/gui/settings_file.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/gui/app_state.h"

namespace ps::gui {

using nlohmann::json;

std::string config_dir(const std::string& override_dir) {
  if (!override_dir.empty()) return override_dir;
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x)
    return (std::filesystem::path(x) / "paretoscope").string();
  if (const char* h = std::getenv("HOME"); h && *h)
    return (std::filesystem::path(h) / ".config" / "paretoscope").string();
  return {};
}

json settings_to_json(const AppState& s) {
  const ToyControls& c = s.toy.controls;
  json j;
  j["version"] = 1;
  j["method"] = c.method;
  json params = json::object();
  for (const auto& [m, p] : c.params) {
    json one = json::object();
    for (const auto& [k, v] : p) one[k] = v;
    params[m] = one;
  }
  j["params"] = params;
  j["optimizer"] = c.optimizer == toy::OptimizerKind::adam ? "adam" : "sgd";
  j["lr"] = c.lr;
  j["steps"] = c.steps;
  j["stop_at_front"] = c.stop_at_front;
  json starts = json::array();
  for (const auto& p : c.starts.points()) starts.push_back({p.x(), p.y()});
  j["starts"] = starts;
  j["landscape"] = fig::to_string(c.view.landscape);
  j["palette"] = fig::to_string(c.view.palette);
  j["playback_speed"] = s.toy.playback.speed();
  j["line_scale"] = s.px_per_pt;
  j["windows"] = {{"controls", s.windows.controls},   {"loss", s.windows.loss},
                  {"landscape", s.windows.landscape}, {"steps", s.windows.steps},
                  {"compare", s.windows.compare},     {"help", s.windows.help}};
  j["runs_root"] = s.runs.root;
  const ExportOptions& e = s.exporter.options;
  j["export"] = {{"format", fig::to_string(e.format)},
                 {"width_in", e.width_in},
                 {"height_in", e.height_in},
                 {"dpi", e.dpi},
                 {"font_pt", e.font_pt},
                 {"palette", fig::to_string(e.palette)},
                 {"csv", e.csv},
                 {"path", e.base_path}};
  return j;
}

std::string apply_settings_json(const json& j, AppState& s) {
  std::string notes;
  auto take = [&](const char* key, auto&& apply) {
    if (!j.contains(key)) return;
    try {
      apply(j.at(key));
    } catch (const std::exception& e) {
      notes += std::string(notes.empty() ? "" : "; ") + key + ": " + e.what();
    }
  };
  ToyControls& c = s.toy.controls;
  take("method", [&](const json& v) {
    const std::string m = v.get<std::string>();
    find_method(m);  // throws for a name the registry no longer has
    c.method = m;
  });
  take("params", [&](const json& v) {
    for (const auto& [m, p] : v.items()) {
      const MethodInfo& info = find_method(m);
      ParamValues vals;
      for (const auto& [k, x] : p.items()) vals[k] = x.get<double>();
      c.params[m] = resolve_params(info, vals);  // range-checked
    }
  });
  take("optimizer", [&](const json& v) {
    const std::string o = v.get<std::string>();
    if (o != "adam" && o != "sgd") throw std::runtime_error("unknown optimizer " + o);
    c.optimizer = o == "adam" ? toy::OptimizerKind::adam : toy::OptimizerKind::sgd;
  });
  take("lr", [&](const json& v) {
    const double lr = v.get<double>();
    if (!(lr > 0 && lr <= 1)) throw std::runtime_error("out of range");
    c.lr = lr;
  });
  take("steps", [&](const json& v) {
    const int n = v.get<int>();
    if (n < 1) throw std::runtime_error("out of range");
    c.steps = n;
  });
  take("stop_at_front", [&](const json& v) { c.stop_at_front = v.get<bool>(); });
  take("starts", [&](const json& v) {
    std::vector<Eigen::Vector2d> pts;
    for (const auto& p : v) pts.emplace_back(p.at(0).get<double>(), p.at(1).get<double>());
    if (pts.empty()) throw std::runtime_error("empty");
    c.starts = StartPoints(std::move(pts));
  });
  take("landscape",
       [&](const json& v) { c.view.landscape = fig::parse_landscape(v.get<std::string>()); });
  take("palette",
       [&](const json& v) { c.view.palette = fig::parse_palette(v.get<std::string>()); });
  take("playback_speed", [&](const json& v) { s.toy.playback.set_speed(v.get<double>()); });
  take("line_scale", [&](const json& v) { s.px_per_pt = std::clamp(v.get<float>(), 0.75f, 3.0f); });
  take("windows", [&](const json& v) {
    WindowFlags& w = s.windows;
    w.controls = v.value("controls", w.controls);
    w.loss = v.value("loss", w.loss);
    w.landscape = v.value("landscape", w.landscape);
    w.steps = v.value("steps", w.steps);
    w.compare = v.value("compare", w.compare);
    w.help = v.value("help", w.help);
  });
  take("runs_root", [&](const json& v) {
    const std::string r = v.get<std::string>();
    if (r.empty()) throw std::runtime_error("empty");
    s.runs.root = r;
  });
  take("export", [&](const json& v) {
    ExportOptions& e = s.exporter.options;
    if (v.contains("format"))
      e.format = fig::format_from_path("x." + v["format"].get<std::string>());
    e.width_in = std::clamp(v.value("width_in", e.width_in), 0.5, 40.0);
    e.height_in = std::clamp(v.value("height_in", e.height_in), 0.5, 40.0);
    e.dpi = std::clamp(v.value("dpi", e.dpi), 36.0, 1200.0);
    e.font_pt = std::clamp(v.value("font_pt", e.font_pt), 4.0, 24.0);
    if (v.contains("palette")) e.palette = fig::parse_palette(v["palette"].get<std::string>());
    e.csv = v.value("csv", e.csv);
    e.base_path = v.value("path", e.base_path);
  });
  return notes;
}

bool load_settings(const std::string& path, AppState& s, std::string& why) {
  std::ifstream in(path);
  if (!in) {
    why = "no settings file at " + path;
    return false;
  }
  try {
    const json j = json::parse(in);
    why = apply_settings_json(j, s);
    return true;
  } catch (const std::exception& e) {
    why = "ignored " + path + ": " + e.what();
    return false;
  }
}

bool save_settings(const std::string& path, const AppState& s) {
  std::error_code ec;
  const std::filesystem::path p(path);
  std::filesystem::create_directories(p.parent_path(), ec);
  const std::filesystem::path tmp = p.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return false;
    out << settings_to_json(s).dump(2) << "\n";
    if (!out) return false;
  }
  std::filesystem::rename(tmp, p, ec);
  return !ec;
}

}  // namespace ps::gui
