#include "app/gui/export_model.h"

#include <chrono>
#include <exception>
#include <filesystem>

namespace ps::gui {

const char* to_string(ExportWhat w) {
  switch (w) {
    case ExportWhat::loss:
      return "loss space";
    case ExportWhat::landscape:
      return "parameter space";
    case ExportWhat::both:
      return "loss + parameter space";
    case ExportWhat::figure1:
      return "the paper's Figure 1";
    case ExportWhat::compare:
      return "the comparison";
  }
  return "?";
}

std::string export_path(const ExportOptions& o) {
  std::filesystem::path p(o.base_path.empty() ? "paretoscope-figure" : o.base_path);
  p.replace_extension(std::string(".") + fig::to_string(o.format));
  return p.string();
}

void default_size(ExportWhat what, int panels, double& w, double& h) {
  switch (what) {
    case ExportWhat::loss:
      w = 3.6, h = 3.0;
      break;
    case ExportWhat::landscape:
      w = 4.0, h = 3.4;
      break;
    case ExportWhat::both:
      w = 7.5, h = 3.3;
      break;
    case ExportWhat::figure1:
      w = 7.2, h = 2.0;
      break;
    case ExportWhat::compare: {
      const int cols = std::max(1, std::min(panels, 4)), rows = (std::max(panels, 1) + 3) / 4;
      w = 1.9 * cols + 0.3, h = 2.0 * rows + 0.2;
      break;
    }
  }
}

void ExportModel::start(std::shared_ptr<const toy::SimResult> result,
                        std::vector<toy::SimResult> many, bool many_is_figure1,
                        fig::Landscape landscape) {
  if (running()) return;
  const ExportOptions o = options;
  fig::FigureOptions fo;
  fo.width_in = o.width_in, fo.height_in = o.height_in, fo.dpi = o.dpi, fo.font_pt = o.font_pt;
  fo.palette = o.palette, fo.landscape = landscape;
  status_ = "exporting " + export_path(o) + " ...";
  failed_ = false;
  future_ = std::async(
      std::launch::async,
      [o, fo, result, many = std::move(many), many_is_figure1]() -> std::string {
        fig::FigureSpec spec;
        switch (o.what) {
          case ExportWhat::loss:
          case ExportWhat::landscape:
          case ExportWhat::both: {
            if (!result) throw std::runtime_error("nothing to export: the run has no result");
            const fig::View v = o.what == ExportWhat::loss        ? fig::View::loss
                                : o.what == ExportWhat::landscape ? fig::View::landscape
                                                                  : fig::View::both;
            spec = fig::single_figure(*result, v, fo);
            break;
          }
          case ExportWhat::figure1:
            if (many_is_figure1 && many.size() == 4)
              spec = fig::figure1(many, fo);
            else if (result)
              spec = fig::figure1(result->settings, fo);  // runs the four settings here
            else
              throw std::runtime_error("nothing to export: no run yet");
            break;
          case ExportWhat::compare:
            if (many.empty())
              throw std::runtime_error("the comparison is empty: add settings first");
            spec = fig::compare(many, fig::View::loss, fo);
            break;
        }
        const fig::ExportResult r = fig::export_figure(spec, export_path(o), o.format, o.csv);
        std::string msg = "wrote " + r.figure_path;
        if (!r.csv_path.empty() && o.csv) msg += " and " + r.csv_path;
        if (r.width_px > 0)
          msg += " (" + std::to_string(r.width_px) + " x " + std::to_string(r.height_px) + " px)";
        return msg;
      });
}

bool ExportModel::poll() {
  if (!running() || future_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    return false;
  try {
    status_ = future_.get();
    failed_ = false;
  } catch (const std::exception& e) {
    status_ = std::string("export failed: ") + e.what();
    failed_ = true;
  }
  return true;
}

}  // namespace ps::gui
