// Tier 2: the runs page's model (RunsModel, SteerDraft) against logs written by core's LogWriter
// and a fake job on the steering socket; the command line's --attach / --runs; the page switch
// with ImGui and no GL.
#include <imgui.h>
#include <imgui_internal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>

#include "app/gui/app_state.h"
#include "app/gui/gui_app.h"
#include "app/gui/gui_options.h"
#include "app/gui/panels.h"
#include "app/gui/settings_file.h"
#include "app/gui/ui.h"
#include "app/gui/ui_font.h"
#include "app/cli/command.h"
#include "core/errors.h"
#include "tests/gui/fake_job.h"

using namespace ps::gui;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace telemetry = ps::telemetry;
using ps::test::FakeJob;
using ps::test::fresh_dir;
using ps::test::write_run;

namespace {

// Calls update() until the steering reply is in (bounded: a hang fails the test, never blocks it).
bool await_reply(RunsModel& m, std::chrono::seconds limit = 30s) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (m.steering() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(5ms);
    m.update();
  }
  return !m.steering() && m.last_reply().has_value();
}

template <class F>
bool eventually(F done, std::chrono::seconds limit = 30s) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

}  // namespace

TEST_CASE("attaching a run directory shows its rows, once per run however it is spelled") {
  const fs::path dir = fresh_dir("attach");
  write_run(dir, "reg-fairgrad", 50);
  RunsModel m;
  REQUIRE(m.attach(dir.string()) == 0);
  CHECK(m.selected == 0);
  telemetry::RunWatcher& w = *m.runs()[0].watcher;
  w.poll_now();
  const telemetry::WatchStatus st = w.status();
  CHECK(st.loaded);
  CHECK(st.rows == 50);
  CHECK(st.stats.skipped() == 0);
  CHECK(st.state == telemetry::RunState::interrupted);  // no job, no ending event
  m.update();
  CHECK(m.runs()[0].label == "reg-fairgrad");  // from the header, once it is read

  // The same run by another spelling selects it; nothing new is attached.
  m.selected = -1;
  CHECK(m.attach(dir.string() + "/") == 0);
  CHECK(m.attach((dir / "telemetry.jsonl").string()) == 0);
  CHECK(m.selected == 0);
  CHECK(m.runs().size() == 1);
  CHECK(m.attach("") == -1);
  fs::remove_all(dir);
}

TEST_CASE("a directory with no log yet is attached and waits for it") {
  const fs::path dir = fresh_dir("later");
  RunsModel m;
  REQUIRE(m.attach(dir.string()) == 0);
  m.runs()[0].watcher->poll_now();
  CHECK(m.runs()[0].watcher->status().state == telemetry::RunState::waiting);
  CHECK(m.runs()[0].watcher->status().rows == 0);
  write_run(dir, "late", 7);
  m.runs()[0].watcher->poll_now();
  CHECK(m.runs()[0].watcher->status().rows == 7);
  fs::remove_all(dir);
}

TEST_CASE("a log that keeps growing: the rows follow and the frame loop is woken") {
  const fs::path dir = fresh_dir("grow");
  std::atomic<int> wakes{0};
  RunsModel m([&] { ++wakes; });
  telemetry::LogWriter w(dir.string());
  w.write(ps::test::header("growing", "fairgrad", {{"alpha", 2}}));
  m.attach(dir.string());
  constexpr int kSteps = 300;
  std::thread writer([&] {
    for (int i = 0; i < kSteps; ++i) {
      w.write(ps::test::step(i));
      if (i % 30 == 0) std::this_thread::sleep_for(20ms);
    }
  });
  std::int64_t last = 0;
  bool never_shrank = true;
  const bool all = eventually([&] {
    const std::int64_t rows = m.runs()[0].watcher->status().rows;
    never_shrank = never_shrank && rows >= last;
    last = rows;
    return rows == kSteps;
  });
  writer.join();
  CHECK(all);
  CHECK(never_shrank);
  CHECK(wakes > 0);  // the watcher's on_update is the model's wake function
  CHECK(m.data_version() > 0);
  fs::remove_all(dir);
}

TEST_CASE("attached runs get distinct Okabe-Ito colours; detaching keeps the selection sane") {
  RunsModel m;
  std::vector<fs::path> dirs;
  for (int i = 0; i < 4; ++i) dirs.push_back(fresh_dir("colour" + std::to_string(i)));
  for (const auto& d : dirs) m.attach(d.string());
  REQUIRE(m.runs().size() == 4);
  auto distinct = [&] {
    for (size_t i = 0; i < m.runs().size(); ++i)
      for (size_t j = i + 1; j < m.runs().size(); ++j)
        if (ps::fig::to_hex(m.runs()[i].color) == ps::fig::to_hex(m.runs()[j].color)) return false;
    return true;
  };
  CHECK(distinct());
  CHECK(ps::fig::to_hex(m.runs()[0].color) == ps::fig::to_hex(ps::fig::okabe_ito(0)));
  m.selected = 3;
  m.detach(1);
  CHECK(m.runs().size() == 3);
  CHECK(m.selected == 2);  // still the same run
  CHECK(m.runs()[2].watcher->dir() == dirs[3].string());
  m.attach(fresh_dir("colour9").string());  // takes the freed colour, not a repeat
  CHECK(distinct());
  m.selected = 3;
  m.detach(3);
  CHECK(m.selected == 2);
  m.detach(7);  // out of range: ignored
  CHECK(m.runs().size() == 3);
}

TEST_CASE("smoothing set in the view reaches every watcher's series") {
  const fs::path dir = fresh_dir("smooth");
  write_run(dir, "s", 20);
  RunsModel m;
  m.attach(dir.string());
  m.view.smoothing = 0.9f;
  m.update();
  // The watcher recomputes on its worker and swaps the result in.
  double f = -1;
  CHECK(eventually([&] {
    m.runs()[0].watcher->read(
        [&](const telemetry::RunLog&, const telemetry::RunSeries& s) { f = s.smoothing(); });
    return f == Approx(0.9);
  }));
  CHECK(f == Approx(0.9));
  fs::remove_all(dir);
}

TEST_CASE("the runs list: run directories under the root, newest first") {
  const fs::path root = fresh_dir("root");
  const auto now = fs::file_time_type::clock::now();
  const char* names[] = {"old", "newest", "middle"};
  const int ages_h[] = {30, 1, 5};
  for (int i = 0; i < 3; ++i) {
    write_run(root / names[i], std::string("run-") + names[i], 3);
    fs::last_write_time(root / names[i] / "telemetry.jsonl", now - std::chrono::hours(ages_h[i]));
  }
  fs::create_directories(root / "not-a-run");
  RunsModel m;
  m.root = root.string();
  m.refresh_listing();
  const auto& l = m.listing();
  REQUIRE(l.size() == 3);
  CHECK(l[0].name == "run-newest");
  CHECK(l[1].name == "run-middle");
  CHECK(l[2].name == "run-old");
  CHECK(l[0].method == "fairgrad");
  CHECK_FALSE(l[0].live);
  m.root = (root / "missing").string();
  m.refresh_listing();
  CHECK(m.listing().empty());
  fs::remove_all(root);
}

TEST_CASE("steering: the job's reply comes back, ok or the job's own error") {
  const fs::path dir = fresh_dir("steer");
  write_run(dir, "steered", 5);
  FakeJob job(dir);
  RunsModel m;
  m.attach(dir.string());

  REQUIRE(m.steer(0, "set alpha=10"));
  REQUIRE(await_reply(m));
  CHECK(m.last_reply()->ok);
  CHECK(m.last_reply()->command == "set alpha=10");
  CHECK(m.last_reply()->reply.rfind("ok applied", 0) == 0);
  CHECK(job.config().params.at("alpha") == 10);

  REQUIRE(m.steer(0, "set alpha=-1"));  // out of range: the job refuses and says why
  REQUIRE(await_reply(m));
  CHECK_FALSE(m.last_reply()->ok);
  CHECK(m.last_reply()->reply.rfind("error ", 0) == 0);
  CHECK(m.last_reply()->reply.find("alpha") != std::string::npos);
  CHECK(job.config().params.at("alpha") == 10);

  REQUIRE(m.steer(0, "fly away"));  // not the steering language
  REQUIRE(await_reply(m));
  CHECK_FALSE(m.last_reply()->ok);
  CHECK(m.last_reply()->reply.rfind("error ", 0) == 0);
  CHECK(job.applied == 1);
  CHECK_FALSE(m.steer(5, "stop"));  // no such run
  fs::remove_all(dir);
}

TEST_CASE("steering with no job listening says so, within the timeout") {
  const fs::path dir = fresh_dir("nojob");
  write_run(dir, "dead", 5);
  RunsModel m;
  m.steer_timeout_ms = 2000;
  m.attach(dir.string());
  REQUIRE(m.steer(0, "set alpha=10"));
  REQUIRE(await_reply(m, 10s));
  CHECK_FALSE(m.last_reply()->ok);
  const std::string& r = m.last_reply()->reply;
  INFO(r);
  CHECK(r.find("no job is listening at") != std::string::npos);
  CHECK(r.find((dir / "control.sock").string()) != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("a second command while one waits for its reply is refused") {
  const fs::path dir = fresh_dir("pending");
  write_run(dir, "slow", 5);
  FakeJob job(dir);
  job.hold = true;  // the job is inside a long step
  RunsModel m;
  m.attach(dir.string());
  REQUIRE(m.steer(0, "set alpha=5"));
  CHECK(m.steering());
  CHECK_FALSE(m.steer(0, "set alpha=7"));
  m.update();
  CHECK(m.steering());
  CHECK_FALSE(m.last_reply().has_value());
  job.hold = false;
  REQUIRE(await_reply(m));
  CHECK(m.last_reply()->ok);
  CHECK(job.requests == 1);  // the refused one never left
  CHECK(job.config().params.at("alpha") == 5);
  CHECK(m.steer(0, "set alpha=7"));  // free again
  REQUIRE(await_reply(m));
  CHECK(job.config().params.at("alpha") == 7);
  fs::remove_all(dir);
}

TEST_CASE("a slow job's reply times out with a clear message") {
  const fs::path dir = fresh_dir("timeout");
  write_run(dir, "stuck", 5);
  FakeJob job(dir);
  job.hold = true;
  RunsModel m;
  m.steer_timeout_ms = 300;
  m.attach(dir.string());
  REQUIRE(m.steer(0, "set alpha=5"));
  REQUIRE(await_reply(m));
  CHECK_FALSE(m.last_reply()->ok);
  CHECK(m.last_reply()->reply.find("no reply") != std::string::npos);
  job.hold = false;
  fs::remove_all(dir);
}

TEST_CASE("the steering controls start from what the job does: header, then logged changes") {
  const fs::path dir = fresh_dir("config");
  write_run(dir, "c", 10, "fairgrad", {{"alpha", 2}});
  RunsModel m;
  m.attach(dir.string());
  m.runs()[0].watcher->poll_now();
  m.update();
  CHECK(m.steer_draft.running.method == "fairgrad");
  CHECK(m.steer_draft.running.params.at("alpha") == 2);
  CHECK(m.steer_draft.running.params.count("loss_alpha") == 1);  // completed from the registry
  CHECK_FALSE(m.steer_draft.edited());

  {  // the job applies `set alpha=10` and logs it
    telemetry::LogWriter w(dir.string());
    telemetry::EventRecord ev;
    ev.step = 10, ev.kind = "params_changed", ev.method = "fairgrad";
    ev.params = {{"alpha", 10}, {"loss_alpha", 0}};
    w.write(ev);
  }
  m.runs()[0].watcher->poll_now();
  m.update();
  CHECK(m.steer_draft.running.params.at("alpha") == 10);
  CHECK(m.steer_draft.edit.params.at("alpha") == 10);  // an untouched edit follows the run

  m.steer_draft.edit.params["alpha"] = 5;  // the user moves the slider
  CHECK(m.steer_draft.command() == "set alpha=5");
  {  // a method change logged meanwhile: the user's edit is kept, the running config follows
    telemetry::LogWriter w(dir.string());
    telemetry::EventRecord ev;
    ev.step = 12, ev.kind = "method_changed", ev.method = "mgda";
    w.write(ev);
  }
  m.runs()[0].watcher->poll_now();
  m.update();
  CHECK(m.steer_draft.running.method == "mgda");
  CHECK(m.steer_draft.edit.method == "fairgrad");
  CHECK(m.steer_draft.edit.params.at("alpha") == 5);
  fs::remove_all(dir);
}

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

TEST_CASE("--attach (repeatable) and --runs: the runs page, bad values in one line") {
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
struct Imgui {
  ImGuiContext* ctx;
  Imgui() {
    ctx = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    setup_style_and_font(io);
    unsigned char* px;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
    io.DisplaySize = ImVec2(1600, 1000);
    io.DeltaTime = 1.0f / 60;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  }
  ~Imgui() { ImGui::DestroyContext(ctx); }
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
