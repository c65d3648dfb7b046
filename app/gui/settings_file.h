#pragma once
// The user's last settings, remembered between sessions as a small JSON file (beside ImGui's
// own layout file) in $XDG_CONFIG_HOME/paretoscope, or ~/.config/paretoscope.
#include <nlohmann/json.hpp>
#include <string>

namespace ps::gui {

struct AppState;

// The folder the files go in: `override_dir` when given, else $XDG_CONFIG_HOME/paretoscope,
// else $HOME/.config/paretoscope; empty when none can be found.
std::string config_dir(const std::string& override_dir = {});

nlohmann::json settings_to_json(const AppState& s);
// Applies what it recognises; bad or unknown entries are skipped (an old or hand-edited file
// never stops the app). Returns a note for each entry skipped, empty when all applied.
std::string apply_settings_json(const nlohmann::json& j, AppState& s);

// Reads `path` into `s`; false (and a note in `why`) when missing or unreadable.
bool load_settings(const std::string& path, AppState& s, std::string& why);
// Writes atomically (a temporary file, then rename); false when it cannot.
bool save_settings(const std::string& path, const AppState& s);

}  // namespace ps::gui
