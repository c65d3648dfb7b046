// Run monitor benchmark: the real app on the training-runs page with one attached finished run
// of 1,000,000 steps and 10 tasks, under Xvfb + Mesa llvmpipe:
//   xvfb-run -a -s "-screen 0 1600x1000x24" build/tests/gui/gui_monitor_bench [steps] [frames]
// Writes the log once to /tmp/ps_monitor_bench_STEPS/telemetry.jsonl (reused later). Prints the
// time to load it, the median idle frame (panels and plot pictures cached), the median frame
// that rebuilds every panel after a zoom (decimating every series of the visible range), the
// rebuild alone, and the frame that rebuilds when following the whole run (smoothing 0.6, raw
// curves toggled so that each frame rebuilds).
#include <GL/gl.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/gui/gui_app.h"
#include "app/gui/monitor_model.h"
#include "app/gui/ui.h"
#include "core/telemetry/log_writer.h"

using namespace ps::gui;
namespace tel = ps::telemetry;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// A made-up FairGrad run: 10 tasks, losses decaying with noise, weights drifting, an event
// every 100,000 steps, cosines every 1,000.
void write_log(const std::string& dir, long steps) {
  std::filesystem::create_directories(dir);
  tel::LogWriter w(dir);
  tel::HeaderRecord h;
  h.run = "bench-1m";
  h.workload = "regression";
  h.method = "fairgrad";
  h.params = {{"alpha", 2}};
  // append, not "t" + to_string: GCC 12 warns falsely (-Wrestrict) on the latter here.
  for (int t = 0; t < 10; ++t) h.tasks.emplace_back("t").append(std::to_string(t + 1));
  h.start_unix = 1.7e9;
  w.write(h);
  w.write(tel::EventRecord{0, 0, "run_started", "run started", "fairgrad", {{"alpha", 2}}});
  std::ofstream out(dir + "/telemetry.jsonl", std::ios::app);
  std::string line, chunk;
  unsigned rng = 12345;
  auto noise = [&] { return ((rng = rng * 1664525u + 1013904223u) >> 8) / 16777216.0 - 0.5; };
  for (long i = 0; i < steps; ++i) {
    tel::StepRecord r;
    r.step = i, r.epoch = static_cast<int>(i / 10000), r.time = 0.004 * i;
    for (int t = 0; t < 10; ++t) {
      r.losses.push_back(std::pow(10.0, t - 4) * (0.2 + std::exp(-i / 2e5)) * (1 + 0.3 * noise()));
      r.weights.push_back((1 + t) * (1 + 0.5 * noise()) * (1 + i / 2e5));
      r.rates.push_back(0.1 * (1 + noise()));
      r.grad_norms.push_back(1 + t);
    }
    r.status = "ok", r.iterations = 5, r.residual = 1e-12 * (1 + noise());
    r.step_time = 0.004 * (1 + 0.1 * noise()), r.method_time = 2e-5;
    tel::format_step(r, line);
    chunk += line;
    if (i > 0 && i % 100000 == 0) {
      chunk += "{\"type\":\"event\",\"step\":" + std::to_string(i) + ",\"time\":" +
               std::to_string(0.004 * i) +
               ",\"kind\":\"params_changed\",\"message\":\"alpha 2 -> 10 (steered)\"}\n";
    }
    if (chunk.size() > (8u << 20)) out << chunk, chunk.clear();
  }
  out << chunk;
}

}  // namespace

int main(int argc, char** argv) {
  const long steps = argc > 1 ? std::atol(argv[1]) : 1000000;
  const int frames = argc > 2 ? std::atoi(argv[2]) : 60;
  const std::string dir = "/tmp/ps_monitor_bench_" + std::to_string(steps);
  if (!std::filesystem::exists(dir + "/telemetry.jsonl")) {
    const auto t0 = Clock::now();
    write_log(dir, steps);
    std::printf("  wrote %s (%.0f MB) in %.1f s\n", dir.c_str(),
                std::filesystem::file_size(dir + "/telemetry.jsonl") / 1e6, ms(Clock::now() - t0) / 1e3);
  }
  GuiOptions o;
  o.no_config = true;
  o.vsync = false;
  o.width = 1600, o.height = 1000;
  o.attach = {dir};
  try {
    GuiApp app(o);
    AppState& s = app.state();
    const auto t0 = Clock::now();
    if (!app.settle(300)) std::fprintf(stderr, "warning: the run did not load\n");
    const double load = ms(Clock::now() - t0);
    for (int i = 0; i < 10; ++i) app.frame();  // warm-up: glyphs, caches
    auto frame_ms = [&] {
      const auto a = Clock::now();
      app.frame();
      glFinish();
      return ms(Clock::now() - a);
    };
    std::vector<double> idle, zoom, follow, build, follow_build, zoom_ui, zoom_gl;
    // One frame in its parts: the UI's CPU work (models, panels, the plot pictures' draw lists)
    // and GL (the pictures drawn into their textures and the window; llvmpipe rasterises here).
    auto parts = [&] {
      const auto a = Clock::now();
      app.window().begin_frame();
      ui_frame(s, 1.0f / 60);
      ImGui::Render();
      const auto b = Clock::now();
      app.window().draw_rendered();
      glFinish();
      app.window().present();
      zoom_ui.push_back(ms(b - a));
      zoom_gl.push_back(ms(Clock::now() - b));
    };
    for (int i = 0; i < frames; ++i) idle.push_back(frame_ms());
    // Zooms: alternate between two ranges of ~100,000 and ~300,000 steps, as a wheel turn
    // would leave them (one rebuild of every panel per frame).
    for (int i = 0; i < frames; ++i) {
      const double c = 0.5 * steps + (i % 7) * 1000.0, half = (i % 2 ? 0.05 : 0.15) * steps;
      Range2 r = s.monitor.plots.ranges[0];
      r.x0 = c - half, r.x1 = c + half;
      monitor_user_range(s.monitor, s.runs.view, 0, r);
      const std::uint64_t rev = s.monitor.revision;
      if (i % 2) {
        parts();
      } else {
        zoom.push_back(frame_ms());
        build.push_back(1e3 * s.monitor.build_seconds);
      }
      if (s.monitor.revision == rev) std::fprintf(stderr, "warning: no rebuild\n");
    }
    // Following the whole run, raw curves on and off (each frame rebuilds every panel from all
    // 1,000,000 rows of every series).
    monitor_follow(s.monitor, s.runs.view);
    s.runs.view.smoothing = 0.6f;
    app.frame();
    app.frame();
    for (int i = 0; i < std::max(6, frames / 4); ++i) {
      s.runs.view.show_raw = i % 2 == 0;
      follow.push_back(frame_ms());
      follow_build.push_back(1e3 * s.monitor.build_seconds);
    }
    std::printf("gui_monitor_bench: %ld steps x 10 tasks, 1600x1000, %d frames\n", steps, frames);
    std::printf("  GL renderer: %s\n", reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
    std::printf("  load (settle):                  %.0f ms\n", load);
    std::printf("  idle frame (cached):            median %.2f ms\n", median(idle));
    std::printf("  frame after a zoom (rebuild):   median %.2f ms (rebuild alone %.2f ms)\n",
                median(zoom), median(build));
    std::printf("    its parts: UI (CPU) %.2f ms, GL (pictures, window, swap) %.2f ms\n",
                median(zoom_ui), median(zoom_gl));
    std::printf("  frame rebuilding from all rows: median %.2f ms (rebuild alone %.2f ms)\n",
                median(follow), median(follow_build));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gui_monitor_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
