#pragma once
// An ImGui context without a window or GL, for tier-2 tests: the app's style and font, a
// 1600 x 1000 display, 60 frames a second. Tests derive their frame helpers from it.
#include <imgui.h>

#include "app/gui/ui_font.h"

struct HeadlessImgui {
  ImGuiContext* ctx;
  HeadlessImgui() {
    ctx = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    ps::gui::setup_style_and_font(io);
    unsigned char* px;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
    io.DisplaySize = ImVec2(1600, 1000);
    io.DeltaTime = 1.0f / 60;
    // As ImGui's OpenGL 3 backend declares: draw lists may pass 65,536 vertices.
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  }
  ~HeadlessImgui() { ImGui::DestroyContext(ctx); }
  HeadlessImgui(const HeadlessImgui&) = delete;
  HeadlessImgui& operator=(const HeadlessImgui&) = delete;
  ImGuiIO& io() { return ImGui::GetIO(); }
};
