#include "app/gui/alpha_scale.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace ps::gui {

std::span<const AlphaPreset> alpha_presets() {
  static constexpr std::array<AlphaPreset, 6> presets{{
      {"0 LS", 0.0, "utilitarian: the sum of the losses (linear scalarization)"},
      {"1 PF", 1.0, "proportional fairness (Nash-MTL)"},
      {"2 MPD", 2.0, "minimum potential delay"},
      {"5", 5.0, "between minimum potential delay and max-min"},
      {"10", 10.0, "close to max-min"},
      {"max-min", kMaxMinAlpha, "max-min: the slowest task's rate is raised first"},
  }};
  return presets;
}

double alpha_from_slider(double s, double alpha_max) {
  s = std::clamp(s, 0.0, 1.0);
  return std::min(alpha_max, std::expm1(s * std::log1p(alpha_max)));
}

double slider_from_alpha(double alpha, double alpha_max) {
  if (!(alpha > 0)) return 0.0;  // also NaN
  return std::clamp(std::log1p(std::min(alpha, alpha_max)) / std::log1p(alpha_max), 0.0, 1.0);
}

const AlphaPreset* preset_for(double alpha) {
  for (const auto& p : alpha_presets())
    if (std::abs(alpha - p.alpha) <= 1e-9 * std::max(1.0, p.alpha)) return &p;
  return nullptr;
}

const char* fairness_notion(double alpha) {
  if (const AlphaPreset* p = preset_for(alpha); p && p->alpha != 5 && p->alpha != 10)
    return p->notion;
  if (alpha < 0.5) return "near utilitarian (LS)";
  if (alpha < 1.5) return "near proportional fairness";
  if (alpha < 3) return "near minimum potential delay";
  return "towards max-min";
}

}  // namespace ps::gui
