#include "app/gui/heatmap_texture.h"

#include <GL/gl.h>

#include <cstring>
#include <vector>

#include "app/gui/panel_renderer.h"

namespace ps::gui {

uint64_t heatmap_hash(const fig::Heatmap& h) {
  uint64_t x = 1469598103934665603ull;  // FNV-1a over the bytes that decide the picture
  auto mix = [&x](const void* p, size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (size_t i = 0; i < n; ++i) x = (x ^ b[i]) * 1099511628211ull;
  };
  const fig::ScalarField& f = h.field;
  mix(&f.nx, sizeof f.nx), mix(&f.ny, sizeof f.ny);
  for (double v : {f.x0, f.x1, f.y0, f.y1, h.vmin, h.vmax, h.cmap_lo, h.cmap_hi}) mix(&v, sizeof v);
  mix(&h.colormap, sizeof h.colormap);
  mix(f.values.data(), f.values.size() * sizeof(double));
  return x;
}

HeatmapTexture::~HeatmapTexture() {
  if (tex_) glDeleteTextures(1, &tex_);
}

ImTextureID HeatmapTexture::get(const fig::Heatmap& h) {
  if (h.field.nx < 2 || h.field.ny < 2) return nullptr;
  if (tex_ && h.field.values.data() == last_data_)
    return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex_));
  const uint64_t hash = heatmap_hash(h);
  last_data_ = h.field.values.data();
  if (tex_ && hash == hash_) return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex_));
  hash_ = hash;
  const std::vector<unsigned char> px = heatmap_rgba(h);
  if (!tex_) glGenTextures(1, &tex_);
  glBindTexture(GL_TEXTURE_2D, tex_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, h.field.nx, h.field.ny, 0, GL_RGBA, GL_UNSIGNED_BYTE,
               px.data());
  ++uploads_;
  return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex_));
}

}  // namespace ps::gui
