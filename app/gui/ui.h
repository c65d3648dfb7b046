#pragma once
// One frame of the GUI between ImGui::NewFrame() and ImGui::Render(): updates the models
// (adopts finished runs, advances playback), handles the keyboard shortcuts, places the windows
// and draws every panel. Needs no GL: tests run it with ImGui alone.
namespace ps::gui {

struct AppState;

// `dt` is the wall time since the last frame, in seconds. Returns true while something animates
// (playback, an export in progress), so the caller keeps drawing frames; runs on their way wake
// the loop themselves (SimWorker::Options::on_publish).
bool ui_frame(AppState& s, float dt);

// Space: play/pause; R: rewind playback and refit every view; E: export; F1: help;
// Ctrl+Q: quit. Ignored while a text field has the keyboard.
void handle_shortcuts(AppState& s);

}  // namespace ps::gui
