#include "app/gui/ui.h"

#include <GLFW/glfw3.h>  // key codes only: ImGui 1.86's GLFW backend indexes KeysDown by them
#include <imgui.h>

#include "app/gui/app_state.h"
#include "app/gui/panels.h"
#include "app/gui/plot_area.h"
#include "app/gui/window_layout.h"

namespace ps::gui {
namespace {

void place(const WinRect& r, bool force) {
  const ImGuiCond c = force ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y), c);
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h), c);
}

void refit_all(AppState& s) {
  s.loss_view.refit();
  s.landscape_view.refit();
  for (auto& v : s.steps.views) v.refit();
}

}  // namespace

void handle_shortcuts(AppState& s) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  const bool ctrl = io.KeyCtrl, toy_page = s.page == Page::toy;
  // Playback, reset and export act on the toy problem: only on its page.
  if (ImGui::IsKeyPressed(GLFW_KEY_SPACE, false) && !ctrl && toy_page) s.toy.playback.toggle();
  if (ImGui::IsKeyPressed(GLFW_KEY_R, false) && !ctrl && toy_page) {
    s.toy.playback.scrub(0);
    refit_all(s);
    s.message = "reset: playback at step 0, views refitted";
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_E, false) && !ctrl && toy_page) s.open_export = true;
  if (ImGui::IsKeyPressed(GLFW_KEY_F1, false)) s.windows.help = !s.windows.help;
  if (ImGui::IsKeyPressed(GLFW_KEY_Q, false) && ctrl) s.quit = true;
}

bool ui_frame(AppState& s, float dt) {
  if (s.toy.update()) {
    const Snapshot& snap = *s.toy.snapshot();
    s.loss_view.set_fit(snap.loss_fit);
    s.landscape_view.set_fit(snap.landscape_fit);
  }
  s.compare.update();
  s.exporter.poll();
  s.runs.update();  // steering replies, smoothing, the runs list (every couple of seconds)
  const bool toy_page = s.page == Page::toy;
  // Off its page the toy idles: no playback (its simulator runs only when its controls change).
  const bool playing = toy_page && s.toy.playback.advance(dt);

  handle_shortcuts(s);
  draw_main_menu(s);
  const ImGuiIO& io = ImGui::GetIO();
  const float menu_h = ImGui::GetFrameHeight();
  const WindowLayout l = default_layout(io.DisplaySize.x, io.DisplaySize.y, menu_h);
  const bool force = s.reset_layout;
  s.reset_layout = false;

  if (toy_page) {
    place(l.controls, force);
    draw_controls_panel(s);
    place(l.loss, force);
    draw_loss_space_panel(s);
    place(l.param, force);
    draw_param_space_panel(s);
    place(l.details, force);
    draw_details_window(s);
  } else {
    place(l.runs, force);
    draw_runs_panel(s);
    place(l.monitor, force);
    draw_monitor_panel(s);
  }
  place(l.help, force);
  draw_help_panel(s);
  draw_export_dialog(s);
  s.toy.submit_if_changed();  // what the widgets changed starts now, not next frame

  return playing || s.exporter.running();
}

}  // namespace ps::gui
