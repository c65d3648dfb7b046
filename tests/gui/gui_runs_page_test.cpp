// Tier 2: the runs page's controls and pages: the `set` command the steering controls build,
// the command line's --attach / --runs, the remembered runs root, and the page switch drawn with
// ImGui and no GL.
#include <imgui.h>
#include <imgui_internal.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "app/cli/command.h"
#include "app/gui/app_state.h"
#include "app/gui/gui_app.h"
#include "app/gui/gui_options.h"
#include "app/gui/panels.h"
#include "app/gui/settings_file.h"
#include "app/gui/ui.h"
#include "app/gui/ui_font.h"
#include "tests/gui/headless_imgui.h"
#include "tests/gui/fake_job.h"

using namespace ps::gui;
namespace fs = std::filesystem;
namespace telemetry = ps::telemetry;
using ps::test::fresh_dir;
using ps::test::write_run;

TEST_CASE("set_command names only what changed, and the job makes the target of it") {
  using telemetry::MethodConfig;
  const MethodConfig fair2 = telemetry::resolve_config("fairgrad", {{"alpha", 2}});
  CHECK(set_command(fair2, fair2).empty());
  MethodConfig to = fair2;
  to.params["alpha"] = 10;
  CHECK(set_command(fair2, to) == "set alpha=10");
  to.params["alpha"] = 0.125;
  CHECK(set_command(fair2, to) == "set alpha=0.125");

  // Every method as a target, from FairGrad, with its defaults and with a changed parameter: the
  // command parses, and applying it as the job does gives exactly the target.
  for (const ps::MethodInfo& info : ps::methods()) {
    for (int variant = 0; variant < 2; ++variant) {
      SteerDraft d;
      d.sync("run", fair2, 1);
      d.set_method(info.name);
      if (variant == 1 && !info.params.empty()) {
        const ps::ParamSpec& p = info.params.front();
        double& v = d.edit.params[p.name];
        v = std::isfinite(p.max_value) && v < p.max_value ? std::min(p.max_value, v + 1) : v + 1;
        if (p.integer) v = std::round(v);
      }
      const std::string cmd = d.command();
      INFO(info.name << " variant " << variant << ": " << cmd);
      if (info.name == "fairgrad" && variant == 0) {
        CHECK(cmd.empty());
        continue;
      }
      REQUIRE_FALSE(cmd.empty());
      const auto parsed = telemetry::parse_steer_command(cmd);
      REQUIRE(parsed.ok);
      const MethodConfig got = telemetry::apply_assignments(fair2, parsed.command.sets);
      CHECK(got.method == d.edit.method);
      CHECK(got.params == d.edit.params);
    }
  }
  // Switching back to the running method restores its values.
  SteerDraft d;
  d.sync("run", fair2, 1);
  d.set_method("mgda");
  d.set_method("fairgrad");
  CHECK(d.edit.params == fair2.params);
}

TEST_CASE("options --attach (repeatable) and --runs: the runs page, bad values in one line") {
  const GuiOptions o =
      parse_gui_options({"--attach", "runs/a", "--attach", "runs/b", "--runs", "somewhere"});
  REQUIRE(o.attach.size() == 2);
  CHECK(o.attach[1] == "runs/b");
  CHECK(o.runs_root == "somewhere");
  AppState s;
  apply_options(o, s);
  CHECK(s.page == Page::runs);
  CHECK(s.runs.runs().size() == 2);
  CHECK(s.runs.selected == 0);
  CHECK(s.runs.root == "somewhere");
  CHECK(AppState().page == Page::toy);

  CHECK_THROWS_AS(parse_gui_options({"--attach", ""}), ps::cli::UsageError);
  const fs::path dir = fresh_dir("opts");
  fs::create_directories(dir);
  std::ofstream(dir / "notes.txt") << "x\n";
  CHECK_THROWS_WITH(parse_gui_options({"--attach", (dir / "notes.txt").string()}),
                    Catch::Contains("is a file"));
  CHECK_THROWS_WITH(parse_gui_options({"--runs", (dir / "notes.txt").string()}),
                    Catch::Contains("not a folder"));
  CHECK_NOTHROW(parse_gui_options({"--attach", (dir / "not-yet").string()}));
  fs::remove_all(dir);
}

TEST_CASE("the runs root is remembered in the settings") {
  AppState a;
  a.runs.root = "/data/runs";
  const auto j = settings_to_json(a);
  AppState b;
  CHECK(apply_settings_json(j, b).empty());
  CHECK(b.runs.root == "/data/runs");
  auto bad = j;
  bad["runs_root"] = 3;
  AppState c;
  CHECK_FALSE(apply_settings_json(bad, c).empty());  // noted, skipped
  CHECK(c.runs.root == "runs");
}

namespace {
struct Imgui : HeadlessImgui {
  void frame(AppState& s) {
    ImGui::NewFrame();
    ui_frame(s, 1.0f / 60);
    ImGui::Render();
  }
  static bool shown(const char* title) {
    const ImGuiWindow* w = ImGui::FindWindowByName(title);
    return w && w->Active;
  }
};
}  // namespace

TEST_CASE("the pages: toy windows on one, Runs and Run monitor on the other, side by side") {
  const fs::path dir = fresh_dir("pages");
  write_run(dir, "paged", 40);
  Imgui g;
  AppState s;
  g.frame(s);
  g.frame(s);
  CHECK(Imgui::shown(kControlsTitle));
  CHECK_FALSE(Imgui::shown(kRunsTitle));

  s.runs.attach(dir.string());
  s.runs.runs()[0].watcher->poll_now();
  s.page = Page::runs;
  g.frame(s);
  g.frame(s);
  CHECK_FALSE(Imgui::shown(kControlsTitle));
  CHECK_FALSE(Imgui::shown(kLossTitle));
  REQUIRE(Imgui::shown(kRunsTitle));
  REQUIRE(Imgui::shown(kMonitorTitle));
  const ImGuiWindow* runs = ImGui::FindWindowByName(kRunsTitle);
  const ImGuiWindow* mon = ImGui::FindWindowByName(kMonitorTitle);
  CHECK(runs->Pos.x == 0);
  CHECK(mon->Pos.x == Approx(runs->Pos.x + runs->Size.x));
  CHECK(mon->Pos.x + mon->Size.x == Approx(1600));
  // The toy page's playback does not run while its page is hidden.
  s.toy.playback.set_length(1000);
  s.toy.playback.scrub(0);
  s.toy.playback.play();
  g.frame(s);
  CHECK(s.toy.playback.cursor() == 0);
  s.page = Page::toy;  // back on its page it plays on
  g.frame(s);
  CHECK(s.toy.playback.cursor() > 0);
  fs::remove_all(dir);
}

TEST_CASE("the menu bar's page switch: a click on 'Training runs' shows the runs page and back") {
  Imgui g;
  AppState s;
  ImGuiIO& io = ImGui::GetIO();
  g.frame(s);
  // The items' ids in the main menu bar (BeginMenuBar pushes "##menubar").
  const ImGuiID bar = ImHashStr("##menubar", 0, ImHashStr("##MainMenuBar"));
  auto find = [&](const char* label) {
    const ImGuiID id = ImHashStr(label, 0, bar);
    for (float x = 2; x < 1000; x += 4) {
      io.MousePos = ImVec2(x, ImGui::GetFrameHeight() * 0.5f);
      g.frame(s);
      if (ImGui::GetCurrentContext()->HoveredId == id) return x;
    }
    return -1.0f;
  };
  auto click = [&] {
    io.MouseDown[0] = true;
    g.frame(s);
    io.MouseDown[0] = false;
    g.frame(s);
  };
  const float runs_x = find("Training runs");
  REQUIRE(runs_x > 0);
  click();
  CHECK(s.page == Page::runs);
  g.frame(s);
  CHECK(Imgui::shown(kRunsTitle));
  CHECK_FALSE(Imgui::shown(kControlsTitle));
  const float toy_x = find("Toy problem");
  REQUIRE(toy_x > 0);
  CHECK(toy_x < runs_x);
  click();
  CHECK(s.page == Page::toy);
}
