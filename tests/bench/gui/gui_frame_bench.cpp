// GUI frame benchmark: the real app at 1600x1000 with every view open (controls, loss space,
// parameter space, per-step plots, and Compare showing Figure 1), under Xvfb + Mesa llvmpipe:
//   xvfb-run -a -s "-screen 0 1600x1000x24" build/tests/gui/gui_frame_bench
//       [frames] [changes] [views|none] [WxH]
// (docs/gui.md lists the environment switches.) Prints the median frame time (idle and while playing; target <= 16.7 ms) and the time from
// an alpha change to the new trajectories on screen (target median <= 50 ms).
#include <GL/gl.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "app/gui/gui_app.h"
#include "app/gui/ui.h"

using namespace ps::gui;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Stats {
  double median = 0, p90 = 0, max = 0;
};
Stats stats(std::vector<double> v) {
  Stats s;
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  s.median = v[v.size() / 2];
  s.p90 = v[std::min(v.size() - 1, v.size() * 9 / 10)];
  s.max = v.back();
  return s;
}

// Frame times of `n` frames, each measured to the end of its swap (glFinish: the pixels are done).
std::vector<double> time_frames(GuiApp& app, int n) {
  std::vector<double> t;
  for (int i = 0; i < n; ++i) {
    const auto t0 = Clock::now();
    app.frame();
    glFinish();
    t.push_back(ms(Clock::now() - t0));
  }
  return t;
}

// One frame split in its parts: the UI's CPU work (models, panels, ImGui's tessellation), the
// GL drawing (llvmpipe rasterises here: glFinish waits for it), and the swap. Also the vertex
// count ImGui hands to GL.
struct Parts {
  std::vector<double> ui, gl, swap;
  std::vector<double> vertices, calls;
};
Parts time_parts(GuiApp& app, int n) {
  Parts p;
  for (int i = 0; i < n; ++i) {
    const auto t0 = Clock::now();
    app.window().begin_frame();
    ui_frame(app.state(), 1.0f / 60);
    ImGui::Render();
    const auto t1 = Clock::now();
    const ImDrawData* dd = ImGui::GetDrawData();
    p.vertices.push_back(dd->TotalVtxCount);
    int calls = 0;
    for (int l = 0; l < dd->CmdListsCount; ++l) calls += dd->CmdLists[l]->CmdBuffer.Size;
    p.calls.push_back(calls);
    app.window().draw_rendered();
    glFinish();
    const auto t2 = Clock::now();
    app.window().present();
    glFinish();
    p.ui.push_back(ms(t1 - t0));
    p.gl.push_back(ms(t2 - t1));
    p.swap.push_back(ms(Clock::now() - t2));
  }
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  const int frames = argc > 1 ? std::atoi(argv[1]) : 300;
  const int changes = argc > 2 ? std::atoi(argv[2]) : 30;
  GuiOptions o;
  o.no_config = true;
  o.vsync = false;
  o.width = 1600, o.height = 1000;
  // Optional third argument: the open windows (as --view takes them), to see what costs what.
  o.views = {"all", "compare"};
  o.no_plot_cache = std::getenv("PS_BENCH_NO_CACHE") != nullptr;  // to see what the cache saves
  const bool none = argc > 3 && std::string(argv[3]) == "none";   // the floor: clear and swap
  if (argc > 3 && !none) o.views = parse_gui_options({"--view", argv[3]}).views;
  if (argc > 4 && std::sscanf(argv[4], "%dx%d", &o.width, &o.height) != 2) return 2;
  if (std::count(o.views.begin(), o.views.end(), "compare") || argc <= 3) o.compare = "figure1";
  try {
    GuiApp app(o);
    AppState& s = app.state();
    if (none) s.windows = WindowFlags{false, false, false, false, false, false};
    s.toy.params()["alpha"] = 2;
    if (!app.settle()) std::fprintf(stderr, "warning: runs did not settle\n");
    time_frames(app, 20);  // warm-up: textures, glyphs, caches

    const int redraws0 = s.plot_caches ? s.plot_caches->redraws() : 0;
    const Stats idle = stats(time_frames(app, frames));
    if (s.plot_caches)
      std::printf("  plot pictures redrawn during %d idle frames: %d\n", frames,
                  s.plot_caches->redraws() - redraws0);
    const Parts parts = time_parts(app, std::max(10, frames / 4));
    if (const ImDrawData* dd = ImGui::GetDrawData(); dd && std::getenv("PS_BENCH_LISTS"))
      for (int l = 0; l < dd->CmdListsCount; ++l)
        std::printf("    draw list %-24s %6d vertices\n", dd->CmdLists[l]->_OwnerName,
                    dd->CmdLists[l]->VtxBuffer.Size);
    s.toy.playback.set_speed(0.2);  // keep playing through the measurement
    s.toy.playback.play();
    const Stats play = stats(time_frames(app, frames));
    s.toy.playback.show_all();

    // Alpha changes: from the change to the end of the first frame that draws the new run.
    const double alphas[] = {0, 1, 2, 5, 10, 0.5, 3, 1000};
    std::vector<double> latency, sim, build;
    for (int i = 0; i < changes; ++i) {
      app.settle();
      const auto t0 = Clock::now();
      s.toy.params()["alpha"] = alphas[i % 8] + 1e-3 * (i / 8);  // never the same twice in a row
      app.frame();
      const uint64_t want = s.toy.submitted_version();
      // Like the app's loop: sleep until the worker posts the finished run, then draw it.
      while (app.shown_version() < want) app.frame(nullptr, 0.5);
      glFinish();
      latency.push_back(ms(Clock::now() - t0));
      sim.push_back(1e3 * s.toy.snapshot()->sim_seconds);
      build.push_back(1e3 * s.toy.snapshot()->build_seconds);
      if (std::getenv("PS_BENCH_EACH"))
        std::printf("    change %d: %.1f ms (simulation %.1f, panels %.1f)\n", i, latency.back(),
                    sim.back(), build.back());
    }
    const Stats lat = stats(latency), simt = stats(sim);

    std::printf("gui_frame_bench: %dx%d, views %s%s, %d frames\n", o.width, o.height,
                argc > 3 ? argv[3] : "all,compare", o.compare ? " (Compare shows Figure 1)" : "",
                frames);
    if (o.no_plot_cache) std::printf("  plots drawn every frame (PS_BENCH_NO_CACHE)\n");
    std::printf("  GL renderer: %s\n", reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
    std::printf(
        "  frame time, idle:     median %.2f ms  p90 %.2f ms  max %.2f ms  (target <= 16.7)\n",
        idle.median, idle.p90, idle.max);
    std::printf(
        "    parts of an idle frame (median): UI on the CPU %.2f ms, GL drawing %.2f ms, "
        "swap %.2f ms; %.0f vertices in %.0f draw calls\n",
        stats(parts.ui).median, stats(parts.gl).median, stats(parts.swap).median,
        stats(parts.vertices).median, stats(parts.calls).median);
    std::printf(
        "  frame time, playing:  median %.2f ms  p90 %.2f ms  max %.2f ms  (target <= 16.7)\n",
        play.median, play.p90, play.max);
    std::printf(
        "  alpha change -> new trajectories on screen (%d changes): median %.1f ms  p90 %.1f ms"
        "  (target median <= 50)\n",
        changes, lat.median, lat.p90);
    std::printf(
        "    of which the simulation (5 starts, %d worker threads): median %.1f ms;"
        " building the panels: median %.1f ms\n",
        std::max(1u, std::thread::hardware_concurrency()), simt.median, stats(build).median);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gui_frame_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
