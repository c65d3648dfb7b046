#pragma once
// An interactive plot inside an ImGui window: reserves the space, leaves margins for the axes,
// maps data to pixels through a PlotView (pan by dragging, zoom with the wheel about the cursor,
// double-click to refit) and draws a fig::Panel with the panel renderer.
//
//   PlotArea area("loss", panel, view);
//   if (area.hovered()) ...  // the caller's own mouse logic, with area.map()
//   area.interact(left_taken);
//   area.draw(options);
#include <imgui.h>

#include "app/gui/panel_renderer.h"
#include "app/gui/plot_cache.h"
#include "app/gui/plot_view.h"
#include "app/gui/screen_map.h"
#include "core/figure/figure_spec.h"

namespace ps::gui {

class PlotArea {
 public:
  // `size` 0 on an axis: the rest of the content region along it.
  PlotArea(const char* id, const fig::Panel& panel, PlotView& view, ImVec2 size = {0, 0});

  const ScreenMap& map() const { return map_; }
  bool hovered() const { return hovered_; }  // mouse over the plot rectangle
  ImVec2 mouse() const { return mouse_; }
  ImDrawList* draw_list() const { return dl_; }
  float font_px() const { return font_px_; }

  // Pan with the left button (unless the caller took it) or the middle button, zoom with the
  // wheel, refit on a double-click. Returns true when the range changed.
  bool interact(bool left_taken = false);
  // Content, axes, colour bar, legend. With `caches` (and not playing) the picture is drawn once
  // per change of (`revision`, the panel, the range) and copied to the screen otherwise.
  void draw(const RenderOptions& o, PlotCaches* caches = nullptr, uint64_t revision = 0) const;

 private:
  const fig::Panel& panel_;
  PlotView& view_;
  ScreenMap map_;
  ImDrawList* dl_ = nullptr;
  ImVec2 mouse_{0, 0};
  ImVec2 origin_{0, 0}, size_{0, 0};  // the whole reserved region (plot and margins)
  ImGuiID id_ = 0;
  float font_px_ = 13;
  bool hovered_ = false, active_ = false;
};

}  // namespace ps::gui
