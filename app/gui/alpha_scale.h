#pragma once
// FairGrad's alpha on a slider: alpha runs from 0 to very large values, and the interesting ones
// (0, 1, 2, 5, 10) sit near the bottom, so the slider position s in [0, 1] maps to
// alpha = expm1(s * log1p(alpha_max)): 0 stays at 0, each decade gets a similar share of travel.
#include <span>

namespace ps::gui {

// The alpha of the "max-min" preset and the slider's top: large enough that w^(-1/alpha) is
// within 0.5% of 1 for weights up to 1e2 (FairGrad then equalises the rates, the max-min point).
inline constexpr double kMaxMinAlpha = 1000.0;

struct AlphaPreset {
  const char* label;  // on the button: "0 LS"
  double alpha;
  const char* notion;  // the fairness notion, for tooltips and help
};

// 0 (LS, utilitarian), 1 (proportional), 2 (minimum potential delay), 5, 10, max-min.
std::span<const AlphaPreset> alpha_presets();

// Slider position in [0, 1] (clamped) -> alpha in [0, alpha_max].
double alpha_from_slider(double s, double alpha_max = kMaxMinAlpha);
// alpha (clamped to [0, alpha_max]) -> slider position in [0, 1]; inverse of the above.
double slider_from_alpha(double alpha, double alpha_max = kMaxMinAlpha);

// The preset whose alpha is within a relative 1e-9 of `alpha`, or nullptr.
const AlphaPreset* preset_for(double alpha);

// The fairness notion of an alpha for people: "utilitarian (LS)" near 0, "proportional" at 1,
// "minimum potential delay" at 2, "towards max-min" above, "max-min" at the top.
const char* fairness_notion(double alpha);

}  // namespace ps::gui
