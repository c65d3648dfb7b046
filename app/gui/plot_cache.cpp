#include "app/gui/plot_cache.h"

#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>

namespace ps::gui {

PlotCache::~PlotCache() {
  if (fbo_) glDeleteFramebuffers(1, &fbo_);
  if (tex_) glDeleteTextures(1, &tex_);
}

bool PlotCache::ensure_target(int w, int h) {
  if (fbo_ && w == w_ && h == h_) return true;
  if (!fbo_) glGenFramebuffers(1, &fbo_);
  if (!tex_) glGenTextures(1, &tex_);
  GLint last_tex = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_tex);
  glBindTexture(GL_TEXTURE_2D, tex_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last_tex));
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex_, 0);
  const bool ok = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  w_ = w, h_ = h;
  return ok;
}

void PlotCache::draw(ImDrawList* dl, ImVec2 min, ImVec2 max, const PlotKey& key,
                     const std::function<void(ImDrawList*)>& draw_fn) {
  const ImGuiIO& io = ImGui::GetIO();
  const ImVec2 scale = io.DisplayFramebufferScale;
  // Whole pixels, so the copy lands exactly where the direct drawing would.
  min = {std::floor(min.x), std::floor(min.y)};
  max = {std::ceil(max.x), std::ceil(max.y)};
  const int w = static_cast<int>((max.x - min.x) * scale.x);
  const int h = static_cast<int>((max.y - min.y) * scale.y);
  if (w <= 0 || h <= 0) return;

  if (!valid_ || !(key == key_) || w != w_ || h != h_) {
    if (!ensure_target(w, h)) {  // no offscreen target: draw directly
      draw_fn(dl);
      return;
    }
    ImDrawList list(ImGui::GetDrawListSharedData());
    list._ResetForNewFrame();
    list.PushTextureID(io.Fonts->TexID);
    list.PushClipRect(min, max);
    draw_fn(&list);
    ImDrawList* lists[] = {&list};
    ImDrawData data;
    data.Valid = true;
    data.CmdLists = lists;
    data.CmdListsCount = 1;
    data.TotalVtxCount = list.VtxBuffer.Size;
    data.TotalIdxCount = list.IdxBuffer.Size;
    data.DisplayPos = min;
    data.DisplaySize = ImVec2(max.x - min.x, max.y - min.y);
    data.FramebufferScale = scale;
    GLint last_fbo = 0;
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &last_fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glViewport(0, 0, w, h);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(1, 1, 1, 1);  // the tiles' white: the picture is opaque, no blending later
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(&data);
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(last_fbo));
    key_ = key;
    valid_ = true;
    ++redraws_;
  }

  // Copied into the frame at its place in ImGui's drawing order by a callback that blits the
  // picture (same size, GL_NEAREST: the same pixels the textured quad gave). Under llvmpipe a
  // blit with no blending and no shader costs about 60% of the quad (1.3 vs 2.1 ms for a
  // 600x585 plot at 1600x1000), and the cached plots are most of an idle frame's fill.
  // Clipped to the command's clip rectangle like the quad it replaces.
  shown_min_ = min, shown_max_ = max;
  dl->AddCallback(&PlotCache::blit_callback, this);
}

void PlotCache::blit_callback(const ImDrawList*, const ImDrawCmd* cmd) {
  const auto* self = static_cast<const PlotCache*>(cmd->UserCallbackData);
  const ImDrawData* dd = ImGui::GetDrawData();
  if (!dd) return;
  const ImVec2 pos = dd->DisplayPos, sc = dd->FramebufferScale;
  const int fb_h = static_cast<int>(dd->DisplaySize.y * sc.y);
  // The visible part, in ImGui's coordinates: the picture within the clip rectangle.
  const float x0 = std::max(self->shown_min_.x, cmd->ClipRect.x);
  const float y0 = std::max(self->shown_min_.y, cmd->ClipRect.y);
  const float x1 = std::min(self->shown_max_.x, cmd->ClipRect.z);
  const float y1 = std::min(self->shown_max_.y, cmd->ClipRect.w);
  if (x1 <= x0 || y1 <= y0) return;
  // Whole framebuffer pixels; the picture's own pixels start at shown_min_ (row 0 its bottom).
  const int dx0 = static_cast<int>(std::lround((x0 - pos.x) * sc.x));
  const int dx1 = static_cast<int>(std::lround((x1 - pos.x) * sc.x));
  const int dy0 = static_cast<int>(std::lround((y0 - pos.y) * sc.y));  // from the top
  const int dy1 = static_cast<int>(std::lround((y1 - pos.y) * sc.y));
  const int ox = static_cast<int>(std::lround((self->shown_min_.x - pos.x) * sc.x));
  const int oy = static_cast<int>(std::lround((self->shown_min_.y - pos.y) * sc.y));
  const int sx0 = dx0 - ox, sx1 = dx1 - ox;
  const int sy0 = self->h_ - (dy1 - oy), sy1 = self->h_ - (dy0 - oy);  // bottom-up
  GLint read_fbo = 0;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &read_fbo);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, self->fbo_);
  glDisable(GL_SCISSOR_TEST);
  glBlitFramebuffer(sx0, sy0, sx1, sy1, dx0, fb_h - dy1, dx1, fb_h - dy0, GL_COLOR_BUFFER_BIT,
                    GL_NEAREST);
  glEnable(GL_SCISSOR_TEST);  // the renderer sets the rectangle per command
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(read_fbo));
}

int PlotCaches::redraws() const {
  int n = 0;
  for (const auto& [id, c] : caches_) n += c->redraws();
  return n;
}

PlotCache& PlotCaches::get(ImGuiID id) {
  auto& c = caches_[id];
  if (!c) c = std::make_unique<PlotCache>();
  return *c;
}

}  // namespace ps::gui
