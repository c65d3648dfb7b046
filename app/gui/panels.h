#pragma once
// The GUI's panels, one file each (panel_NAME.cpp). Each draws one ImGui window (or popup) from
// AppState and edits it; none keeps state of its own.
namespace ps::gui {

struct AppState;

void draw_main_menu(AppState& s);
void draw_controls_panel(AppState& s);
void draw_playback_controls(AppState& s);  // a section inside the controls window
void draw_loss_space_panel(AppState& s);
void draw_param_space_panel(AppState& s);
// The bottom window: tabs for the per-step plots and the comparison (its content, each in its
// own file below).
void draw_details_window(AppState& s);
void draw_step_plots_tab(AppState& s);
void draw_compare_tab(AppState& s);
void draw_export_dialog(AppState& s);
void draw_help_panel(AppState& s);
// The runs page: the runs list, attached runs and steering (panel_runs.cpp), and the monitor
// plots of the attached runs (panel_monitor.cpp).
void draw_runs_panel(AppState& s);
void draw_steer_section(AppState& s);  // a section inside the Runs window (panel_runs_steer.cpp)
void draw_monitor_panel(AppState& s);

// Window titles (ImGui ids, also the keys of the remembered layout).
inline constexpr const char* kControlsTitle = "Controls";
inline constexpr const char* kLossTitle = "Loss space";
inline constexpr const char* kParamTitle = "Parameter space";
inline constexpr const char* kDetailsTitle = "Details";
inline constexpr const char* kStepsTitle = "Per-step plots";
inline constexpr const char* kCompareTitle = "Compare";
inline constexpr const char* kHelpTitle = "Help";
inline constexpr const char* kExportTitle = "Export figure";
inline constexpr const char* kRunsTitle = "Runs";
inline constexpr const char* kMonitorTitle = "Run monitor";

}  // namespace ps::gui
