#include "core/figure/figure_spec.h"

#include "core/errors.h"

namespace ps::fig {

const char* to_string(SeriesKind k) {
  switch (k) {
    case SeriesKind::trajectory: return "trajectory";
    case SeriesKind::front: return "front";
    case SeriesKind::pareto_set: return "pareto_set";
    case SeriesKind::contour: return "contour";
    case SeriesKind::line: return "line";
  }
  return "?";
}

const char* to_string(Palette p) {
  switch (p) {
    case Palette::paper: return "paper";
    case Palette::viridis: return "viridis";
    case Palette::okabe_ito: return "okabe-ito";
  }
  return "?";
}

Palette parse_palette(const std::string& name) {
  for (Palette p : {Palette::paper, Palette::viridis, Palette::okabe_ito})
    if (name == to_string(p)) return p;
  throw InputError("unknown palette '" + name + "'; valid: paper, viridis, okabe-ito");
}

}  // namespace ps::fig
