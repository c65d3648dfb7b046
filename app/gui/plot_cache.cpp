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

  // One textured quad in the normal drawing order (the texture's row 0 is the picture's
  // bottom). A glBlitFramebuffer here would make llvmpipe flush the whole frame per plot.
  dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex_)), min, max, ImVec2(0, 1),
               ImVec2(1, 0));
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
