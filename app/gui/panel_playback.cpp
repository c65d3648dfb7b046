// Playback of the trajectories: play/pause, scrub through the steps, speed.
#include <imgui.h>

#include "app/gui/app_state.h"
#include "app/gui/panels.h"

namespace ps::gui {

void draw_playback_controls(AppState& s) {
  Playback& pb = s.toy.playback;
  ImGui::TextUnformatted("playback");
  ImGui::SameLine();
  if (ImGui::Button(pb.playing() ? "pause" : "play", ImVec2(60, 0))) pb.toggle();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("space");
  ImGui::SameLine();
  if (ImGui::Button("all")) pb.show_all();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("show the whole run");
  ImGui::SameLine();
  float speed = static_cast<float>(pb.speed());
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  if (ImGui::SliderFloat("##speed", &speed, Playback::kMinSpeed, Playback::kMaxSpeed, "speed %.2gx",
                         ImGuiSliderFlags_Logarithmic))
    pb.set_speed(speed);

  int step = static_cast<int>(pb.cursor());
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  if (ImGui::SliderInt("##scrub", &step, 0, std::max(1, pb.length()), "step %d")) pb.scrub(step);
}

}  // namespace ps::gui
