#pragma once
// What the Export dialog sets (what to draw, format, size in inches, DPI, palette, CSV) and the
// export itself, run on a background thread: core/figure builds the FigureSpec from the shown
// snapshot and its Cairo exporter writes the file and the CSV beside it.
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "core/figure/cairo_export.h"
#include "core/figure/toy_figures.h"
#include "toy/simulator.h"

namespace ps::gui {

enum class ExportWhat { loss, landscape, both, figure1, compare };
const char* to_string(ExportWhat w);

struct ExportOptions {
  ExportWhat what = ExportWhat::both;
  fig::Format format = fig::Format::pdf;
  double width_in = 7.5, height_in = 3.3;
  double dpi = 200;
  double font_pt = 8;
  fig::Palette palette = fig::Palette::paper;
  bool csv = true;
  std::string base_path = "paretoscope-figure";  // the extension follows the format
};

// base_path with the format's extension ("out/fig" + pdf -> "out/fig.pdf"; a matching
// extension is kept, another one replaced).
std::string export_path(const ExportOptions& o);

// The size a figure of `what` looks right at (inches), for the dialog's "fit" button.
void default_size(ExportWhat what, int panels, double& width_in, double& height_in);

class ExportModel {
 public:
  ExportOptions options;

  // Starts an export of `result` (and, for figure1/compare, `many`; figure1 runs the paper's
  // settings from `result`'s when `many` does not hold four runs). Ignored while one runs.
  void start(std::shared_ptr<const toy::SimResult> result, std::vector<toy::SimResult> many,
             bool many_is_figure1, fig::Landscape landscape);
  bool running() const { return future_.valid(); }
  // Collects a finished export; true when one finished this call.
  bool poll();
  // "wrote fig.pdf and fig.csv" or the error, for the status line.
  const std::string& status() const { return status_; }
  bool failed() const { return failed_; }

 private:
  std::future<std::string> future_;
  std::string status_;
  bool failed_ = false;
};

}  // namespace ps::gui
