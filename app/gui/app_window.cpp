#include "app/gui/app_window.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "app/gui/ui_font.h"

namespace ps::gui {
namespace {

std::string last_glfw_error;

void on_glfw_error(int code, const char* text) {
  last_glfw_error = std::to_string(code) + ": " + (text ? text : "");
}

}  // namespace

AppWindow::AppWindow(const WindowOptions& o) : ini_path_(o.ini_path) {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit())
    throw std::runtime_error("cannot open a window (no display? run under xvfb-run): " +
                             last_glfw_error);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  window_ = glfwCreateWindow(o.width, o.height, o.title.c_str(), nullptr, nullptr);
  if (!window_) {
    glfwTerminate();
    throw std::runtime_error("cannot create an OpenGL 3.3 core window: " + last_glfw_error);
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(o.vsync ? 1 : 0);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = ini_path_.empty() ? nullptr : ini_path_.c_str();
  if (!ini_path_.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(ini_path_).parent_path(), ec);
  }
  setup_style_and_font(io);
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  if (!ImGui_ImplOpenGL3_Init("#version 330 core")) {
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window_);
    glfwTerminate();
    throw std::runtime_error("cannot initialise ImGui's OpenGL 3 renderer");
  }
}

AppWindow::~AppWindow() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

bool AppWindow::should_close() const { return glfwWindowShouldClose(window_); }
void AppWindow::request_close() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }

void AppWindow::begin_frame(double wait_s) {
  if (wait_s > 0)
    glfwWaitEventsTimeout(wait_s);
  else
    glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void AppWindow::render() {
  ImGui::Render();
  draw_rendered();
}

void AppWindow::draw_rendered() {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  glClearColor(1.0f, 1.0f, 1.0f, 1.0f);  // the tiled windows' background (ui_font.cpp)
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void AppWindow::present() { glfwSwapBuffers(window_); }

Image AppWindow::read_pixels() const {
  Image img;
  glfwGetFramebufferSize(window_, &img.width, &img.height);
  img.rgba.resize(static_cast<size_t>(img.width) * img.height * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, img.width, img.height, GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
  // OpenGL's row 0 is the bottom: flip to the usual top-first order.
  const size_t row = static_cast<size_t>(img.width) * 4;
  std::vector<unsigned char> tmp(row);
  for (int y = 0; y < img.height / 2; ++y) {
    unsigned char* a = img.rgba.data() + row * y;
    unsigned char* b = img.rgba.data() + row * (img.height - 1 - y);
    std::copy(a, a + row, tmp.data());
    std::copy(b, b + row, a);
    std::copy(tmp.data(), tmp.data() + row, b);
  }
  for (size_t i = 3; i < img.rgba.size(); i += 4) img.rgba[i] = 255;  // opaque PNG
  return img;
}

void write_png(const std::string& path, const Image& img) {
  if (img.width <= 0 || img.height <= 0) throw std::runtime_error("empty image for " + path);
  if (!stbi_write_png(path.c_str(), img.width, img.height, 4, img.rgba.data(), img.width * 4))
    throw std::runtime_error("cannot write '" + path + "'");
}

}  // namespace ps::gui
