#include "core/figure/colormap.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "core/errors.h"

namespace ps::fig {
namespace {

struct Rgb {
  double r, g, b;
};

// Knots taken from matplotlib's listed colormaps (lib/matplotlib/_cm_listed.py, 256 entries
// each); linear interpolation between every 8th entry stays within 2/255 of the full table.
#include "core/figure/colormap_tables.inc"

constexpr int kKnots = 33;
static_assert(std::size(k_magma) == kKnots && std::size(k_viridis) == kKnots);

// Position of knot k in [0, 1]: entries 0, 8, ..., 248, then 255.
double knot_pos(int k) { return (k == kKnots - 1 ? 255.0 : 8.0 * k) / 255.0; }

Color lerp_table(const Rgb* table, double t) {
  int k = 0;
  while (k < kKnots - 2 && knot_pos(k + 1) < t) ++k;
  const double a = knot_pos(k), b = knot_pos(k + 1);
  const double f = std::clamp((t - a) / (b - a), 0.0, 1.0);
  const Rgb& p = table[k];
  const Rgb& q = table[k + 1];
  return {p.r + f * (q.r - p.r), p.g + f * (q.g - p.g), p.b + f * (q.b - p.b), 1.0};
}

}  // namespace

const char* to_string(ColormapId c) {
  switch (c) {
    case ColormapId::magma: return "magma";
    case ColormapId::magma_r: return "magma_r";
    case ColormapId::viridis: return "viridis";
    case ColormapId::viridis_r: return "viridis_r";
    case ColormapId::greys: return "greys";
    case ColormapId::rdbu_r: return "rdbu_r";
  }
  return "?";
}

ColormapId parse_colormap(const std::string& name) {
  for (ColormapId c : {ColormapId::magma, ColormapId::magma_r, ColormapId::viridis,
                       ColormapId::viridis_r, ColormapId::greys, ColormapId::rdbu_r})
    if (name == to_string(c)) return c;
  throw InputError("unknown colormap '" + name + "'; valid: magma, magma_r, viridis, viridis_r, greys, rdbu_r");
}

Color sample(ColormapId c, double t) {
  if (std::isnan(t)) return {0, 0, 0, 0};
  t = std::clamp(t, 0.0, 1.0);
  switch (c) {
    case ColormapId::magma: return lerp_table(k_magma, t);
    case ColormapId::magma_r: return lerp_table(k_magma, 1.0 - t);
    case ColormapId::viridis: return lerp_table(k_viridis, t);
    case ColormapId::viridis_r: return lerp_table(k_viridis, 1.0 - t);
    case ColormapId::greys: {
      const double v = 1.0 - t;  // white -> black, like matplotlib's Greys
      return {v, v, v, 1.0};
    }
    case ColormapId::rdbu_r: {
      // ColorBrewer's 11-class RdBu (matplotlib's RdBu_r knots), reversed: blue low, red high.
      static constexpr Rgb k[] = {{0.019608, 0.188235, 0.380392}, {0.129412, 0.400000, 0.674510},
                                  {0.262745, 0.576471, 0.764706}, {0.572549, 0.772549, 0.870588},
                                  {0.819608, 0.898039, 0.941176}, {0.968627, 0.968627, 0.968627},
                                  {0.992157, 0.858824, 0.780392}, {0.956863, 0.647059, 0.509804},
                                  {0.839216, 0.376471, 0.301961}, {0.698039, 0.094118, 0.168627},
                                  {0.403922, 0.000000, 0.121569}};
      const double u = t * 10;
      const int i = std::min(9, static_cast<int>(u));
      const double f = u - i;
      return {k[i].r + f * (k[i + 1].r - k[i].r), k[i].g + f * (k[i + 1].g - k[i].g),
              k[i].b + f * (k[i + 1].b - k[i].b), 1.0};
    }
  }
  return {0, 0, 0, 1};
}

Color okabe_ito(int i) {
  // Okabe & Ito (2008), "Color Universal Design"; black left out so it stays free for markers.
  // Yellow goes last: thin yellow lines vanish on white and on viridis' top end.
  static constexpr std::array<Rgb, 7> k = {{{230, 159, 0},
                                            {86, 180, 233},
                                            {0, 158, 115},
                                            {0, 114, 178},
                                            {213, 94, 0},
                                            {204, 121, 167},
                                            {240, 228, 66}}};
  const int n = static_cast<int>(k.size());
  const Rgb& c = k[((i % n) + n) % n];
  return {c.r / 255.0, c.g / 255.0, c.b / 255.0, 1.0};
}

std::string to_hex(const Color& c) {
  auto byte = [](double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b));
  return buf;
}

}  // namespace ps::fig
