#pragma once
// The desktop window: GLFW with an OpenGL 3.3 core context, Dear ImGui with its GLFW and
// OpenGL3 backends, the UI font, and reading the frame back for screenshots. Runs under Xvfb
// with Mesa llvmpipe.
#include <string>
#include <vector>

struct GLFWwindow;

namespace ps::gui {

struct WindowOptions {
  int width = 1600, height = 1000;
  std::string title = "Paretoscope";
  std::string ini_path;  // ImGui's layout file; empty: none (hermetic runs)
  bool vsync = true;
};

struct Image {
  int width = 0, height = 0;
  std::vector<unsigned char> rgba;  // row 0 at the top
};

class AppWindow {
 public:
  // Throws std::runtime_error with a clear message when no display or no OpenGL 3.3 is there.
  explicit AppWindow(const WindowOptions& o);
  ~AppWindow();
  AppWindow(const AppWindow&) = delete;
  AppWindow& operator=(const AppWindow&) = delete;

  bool should_close() const;
  void request_close();
  // Processes input (blocking up to `wait_s` seconds when > 0 and nothing happens) and starts
  // an ImGui frame.
  void begin_frame(double wait_s = 0);
  // Renders the ImGui frame into the back buffer (ImGui::Render, then draw_rendered()).
  // present() shows it.
  void render();
  // Draws the draw data of an ImGui::Render() already done into the back buffer.
  void draw_rendered();
  void present();
  // The back buffer as rendered by render() (call before present()).
  Image read_pixels() const;

  GLFWwindow* handle() const { return window_; }

 private:
  GLFWwindow* window_ = nullptr;
  std::string ini_path_;
};

// Writes an RGBA image as PNG; throws std::runtime_error when the file cannot be written.
void write_png(const std::string& path, const Image& img);

}  // namespace ps::gui
