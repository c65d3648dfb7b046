#pragma once
// The parameter-space heatmap as one OpenGL texture, uploaded only when the field changes
// (a new landscape choice), not every frame. Needs a current GL context.
#include <imgui.h>

#include <cstdint>

#include "core/figure/figure_spec.h"

namespace ps::gui {

class HeatmapTexture {
 public:
  HeatmapTexture() = default;
  ~HeatmapTexture();
  HeatmapTexture(const HeatmapTexture&) = delete;
  HeatmapTexture& operator=(const HeatmapTexture&) = delete;

  // The texture for `h`, uploading it if its content differs from the last one.
  ImTextureID get(const fig::Heatmap& h);
  int uploads() const { return uploads_; }

 private:
  unsigned tex_ = 0;
  const void* last_data_ = nullptr;  // a quick check before hashing
  uint64_t hash_ = 0;
  int uploads_ = 0;
};

// A content hash of a heatmap (field, range, colormap): equal hashes, same picture.
uint64_t heatmap_hash(const fig::Heatmap& h);

}  // namespace ps::gui
