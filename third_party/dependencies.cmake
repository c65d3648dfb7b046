# Finds the system packages (Debian 12) that Paretoscope builds against.
# third_party/install-deps.sh installs them.
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(Ceres REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(Catch2 2 REQUIRED)
find_package(benchmark REQUIRED)
find_package(Threads REQUIRED)

# The GUI (app/gui): GLFW, OpenGL and Debian's libimgui-dev (its libimgui.a already holds the
# GLFW and OpenGL3 backends; pkg-config `imgui` pulls in stb for PNG writing).
option(PS_GUI "Build the ImGui front end (app/gui)" ON)
if(PS_GUI)
  find_package(glfw3 3.3 REQUIRED)
  set(OpenGL_GL_PREFERENCE GLVND)
  find_package(OpenGL REQUIRED)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
endif()
# Figure export (core/figure): Cairo for PDF/SVG/PNG, fontconfig to find the TrueType font.
find_package(PkgConfig REQUIRED)
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo)
pkg_check_modules(FONTCONFIG REQUIRED IMPORTED_TARGET fontconfig)
