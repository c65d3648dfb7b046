// The CSV half of cairo_export.h: the plotted data beside every figure.
#include <cstdio>
#include <ostream>

#include "core/figure/cairo_export.h"

namespace ps::fig {
namespace {

// RFC 4180 quoting, only where needed.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

std::string csv_path_for(const std::string& figure_path) {
  const size_t slash = figure_path.find_last_of('/');
  const size_t dot = figure_path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
    return figure_path + ".csv";
  return figure_path.substr(0, dot) + ".csv";
}

void write_csv(const FigureSpec& spec, std::ostream& out) {
  out << "panel,series,kind,index,x,y,t\n";
  for (size_t p = 0; p < spec.panels.size(); ++p) {
    const Panel& panel = spec.panels[p];
    const std::string pn = std::to_string(p + 1);
    for (const Polyline& l : panel.lines) {
      const std::string head = pn + "," + csv_field(l.name) + "," + to_string(l.kind) + ",";
      const bool has_t = l.t.size() == l.points.size();
      for (size_t i = 0; i < l.points.size(); ++i)
        out << head << i << ',' << num(l.points[i].x) << ',' << num(l.points[i].y) << ','
            << (has_t ? num(l.t[i]) : std::string()) << '\n';
    }
    for (const MarkerSet& m : panel.markers) {
      const std::string head = pn + "," + csv_field(m.name) + ",marker,";
      for (size_t i = 0; i < m.points.size(); ++i)
        out << head << i << ',' << num(m.points[i].x) << ',' << num(m.points[i].y) << ",\n";
    }
  }
}

}  // namespace ps::fig
