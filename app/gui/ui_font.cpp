#include "app/gui/ui_font.h"

#include <imgui.h>

#include <filesystem>

namespace ps::gui {

void setup_style_and_font(ImGuiIO& io) {
  // Latin, Greek (alpha), arrows, subscripts, the script ell and the minus sign.
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0391, 0x03C9, 0x2013, 0x2014, 0x1D62,
                                   0x1D62, 0x2080, 0x208F, 0x2113, 0x2113, 0x2190, 0x2193,
                                   0x2212, 0x2212, 0x25A0, 0x25CF, 0};
  const char* path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::error_code ec;
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  cfg.OversampleV = 2;
  if (std::filesystem::exists(path, ec))
    io.Fonts->AddFontFromFileTTF(path, kFontPx, &cfg, ranges);
  else
    io.Fonts->AddFontDefault();

  ImGui::StyleColorsLight();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 3;
  s.FrameRounding = 3;
  s.GrabRounding = 3;
  s.WindowPadding = ImVec2(8, 8);
  s.ItemSpacing = ImVec2(8, 5);
  // The tiled windows draw no background: the cleared (white) framebuffer is theirs. Under
  // Mesa's software rasteriser a full-screen layer of window backgrounds costs ~10 ms a frame.
  // Windows that float over others (Help) push an opaque one.
  s.Colors[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 0);
  s.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.82f, 0.84f, 0.90f, 1);
  s.Colors[ImGuiCol_TitleBg] = ImVec4(0.90f, 0.91f, 0.94f, 1);
  // Light frames on the white windows, so sliders, checkboxes and radio buttons show.
  s.Colors[ImGuiCol_FrameBg] = ImVec4(0.88f, 0.90f, 0.94f, 1);
  s.Colors[ImGuiCol_FrameBgHovered] = ImVec4(0.80f, 0.85f, 0.95f, 1);
  s.Colors[ImGuiCol_FrameBgActive] = ImVec4(0.72f, 0.80f, 0.95f, 1);
  s.FrameBorderSize = 0;
}

}  // namespace ps::gui
