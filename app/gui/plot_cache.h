#pragma once
// Plots drawn once into an offscreen image (an FBO texture) and shown as one textured quad per
// frame until their content changes. A plot is thousands of anti-aliased triangles; under
// Mesa's software renderer drawing them every frame costs more than the frame budget. Needs a
// current OpenGL 3 context and ImGui's OpenGL3 backend.
#include <imgui.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>

#include "app/gui/plot_view.h"

namespace ps::gui {

// Everything the picture depends on; a change redraws it.
struct PlotKey {
  uint64_t data = 0;           // the caller's revision of what it draws (a snapshot version, say)
  const void* what = nullptr;  // and its address
  Range2 range;
  float px_per_pt = 0;
  bool operator==(const PlotKey&) const = default;
};

class PlotCache {
 public:
  PlotCache() = default;
  ~PlotCache();
  PlotCache(const PlotCache&) = delete;
  PlotCache& operator=(const PlotCache&) = delete;

  // Queues the picture of [min, max] (screen pixels) into `dl`, first drawing it with `draw`
  // (into a draw list in screen coordinates) when the key or the size changed.
  void draw(ImDrawList* dl, ImVec2 min, ImVec2 max, const PlotKey& key,
            const std::function<void(ImDrawList*)>& draw);
  int redraws() const { return redraws_; }

 private:
  bool ensure_target(int w, int h);
  static void blit_callback(const ImDrawList*, const ImDrawCmd* cmd);

  unsigned fbo_ = 0, tex_ = 0;
  int w_ = 0, h_ = 0;
  PlotKey key_;
  bool valid_ = false;
  int redraws_ = 0;
  ImVec2 shown_min_, shown_max_;  // where this frame shows the picture (screen pixels)
};

// One cache per plot, by ImGui id.
class PlotCaches {
 public:
  PlotCache& get(ImGuiID id);
  // Pictures drawn so far, all caches together (for benchmarks and tests).
  int redraws() const;

 private:
  std::map<ImGuiID, std::unique_ptr<PlotCache>> caches_;
};

}  // namespace ps::gui
