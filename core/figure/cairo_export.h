#pragma once
// Renders a FigureSpec with Cairo to PDF, SVG or PNG, and writes the plotted data as CSV.
// Text uses a real TrueType font through FreeType, so PDFs embed it (never Type 3).
#include <iosfwd>
#include <optional>
#include <string>

#include "core/figure/figure_spec.h"

namespace ps::fig {

enum class Format { pdf, svg, png };
const char* to_string(Format f);
// From the extension (.pdf, .svg, .png, any case); throws ps::InputError otherwise.
Format format_from_path(const std::string& path);

// "out/fig.pdf" -> "out/fig.csv".
std::string csv_path_for(const std::string& figure_path);

// The plotted data, one row per vertex: panel,series,kind,index,x,y,t (t empty when none).
// Panels are numbered from 1; markers have kind "marker"; heatmaps are not written.
void write_csv(const FigureSpec& spec, std::ostream& out);

struct ExportResult {
  std::string figure_path, csv_path;
  int width_px = 0, height_px = 0;  // PNG only
};

// Fits the axes (a copy), renders to `path` and writes the CSV beside it (unless
// `write_csv_file` is false). Throws ps::InputError for a bad size, an unknown format or a
// font that cannot be found, std::runtime_error when a file cannot be written.
ExportResult export_figure(const FigureSpec& spec, const std::string& path,
                           std::optional<Format> format = std::nullopt,
                           bool write_csv_file = true);

}  // namespace ps::fig
