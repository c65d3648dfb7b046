#pragma once
// Colours, colormaps sampled from matplotlib's own tables, and the Okabe-Ito palette.
#include <string>

namespace ps::fig {

struct Color {
  double r = 0, g = 0, b = 0, a = 1;  // each in [0, 1]
};

// magma_r: light orange (t = 0) -> dark purple (t = 1), the paper's time colouring.
// rdbu_r: diverging, blue (t = 0) -> white (0.5) -> red (1), for signed values such as cosines.
enum class ColormapId { magma, magma_r, viridis, viridis_r, greys, rdbu_r };
const char* to_string(ColormapId c);
// "magma", "magma_r", "viridis", "viridis_r", "greys", "rdbu_r"; throws ps::InputError otherwise.
ColormapId parse_colormap(const std::string& name);

// The colormap at t in [0, 1] (clamped; NaN gives transparent), linearly interpolated
// between the table's entries.
Color sample(ColormapId c, double t);

// Okabe & Ito's colour-blind-safe categorical palette (black excluded), cycling with i:
// orange, sky blue, bluish green, blue, vermillion, reddish purple, yellow.
Color okabe_ito(int i);

// "#rrggbb" (alpha dropped), for SVG-free uses such as logs and tests.
std::string to_hex(const Color& c);

}  // namespace ps::fig
