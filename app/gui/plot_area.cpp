#include "app/gui/plot_area.h"

#include <algorithm>
#include <cmath>

namespace ps::gui {

PlotArea::PlotArea(const char* id, const fig::Panel& panel, PlotView& view, ImVec2 size)
    : panel_(panel), view_(view) {
  font_px_ = ImGui::GetFontSize();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (size.x <= 0) size.x = avail.x;
  if (size.y <= 0) size.y = avail.y;
  size.x = std::max(size.x, 60.0f), size.y = std::max(size.y, 60.0f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  origin_ = origin, size_ = size;
  id_ = ImGui::GetID(id);
  const Margins mg = axes_margins(panel, font_px_);
  const ImVec2 lo{origin.x + mg.left, origin.y + mg.top};
  const ImVec2 hi{std::max(lo.x + 10, origin.x + size.x - mg.right),
                  std::max(lo.y + 10, origin.y + size.y - mg.bottom)};

  ImGui::SetCursorScreenPos(lo);
  ImGui::InvisibleButton(id, ImVec2(hi.x - lo.x, hi.y - lo.y),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  hovered_ = ImGui::IsItemHovered();
  active_ = ImGui::IsItemActive();
  // Leave the cursor below the whole area so following widgets do not overlap it.
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + size.y));
  ImGui::Dummy(ImVec2(0, 0));

  mouse_ = ImGui::GetIO().MousePos;
  dl_ = ImGui::GetWindowDrawList();
  map_ = ScreenMap(lo, hi, view_.shown(hi.x - lo.x, hi.y - lo.y, panel.equal_aspect), panel.x.log,
                   panel.y.log);
}

bool PlotArea::interact(bool left_taken) {
  const ImGuiIO& io = ImGui::GetIO();
  const float w = map_.width(), h = map_.height();
  const bool eq = panel_.equal_aspect;
  bool changed = false;
  if (hovered_ && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && !left_taken) {
    view_.refit();
    changed = true;
  } else if (active_ && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0) &&
             ((ImGui::IsMouseDown(ImGuiMouseButton_Left) && !left_taken) ||
              ImGui::IsMouseDown(ImGuiMouseButton_Middle))) {
    view_.pan(io.MouseDelta.x, io.MouseDelta.y, w, h, eq);
    changed = true;
  }
  if (hovered_ && io.MouseWheel != 0) {
    view_.zoom(std::pow(0.85, io.MouseWheel), map_.axis_x_of(mouse_.x), map_.axis_y_of(mouse_.y), w,
               h, eq);
    changed = true;
  }
  if (changed)
    map_ = ScreenMap(map_.min(), map_.max(), view_.shown(w, h, eq), panel_.x.log, panel_.y.log);
  return changed;
}

void PlotArea::draw(const RenderOptions& o, PlotCaches* caches, uint64_t revision) const {
  auto paint = [&](ImDrawList* dl) {
    draw_content(dl, panel_, map_, o);
    draw_axes(dl, panel_, map_, font_px_);
    draw_colorbar(dl, panel_, map_, font_px_);
    draw_legend(dl, panel_, map_, font_px_, o.px_per_pt);
  };
  if (!caches || o.playing()) {  // playback changes the picture every frame
    paint(dl_);
    return;
  }
  const PlotKey key{revision, &panel_, map_.range(), o.px_per_pt};
  caches->get(id_).draw(dl_, origin_, {origin_.x + size_.x, origin_.y + size_.y}, key, paint);
}

}  // namespace ps::gui
