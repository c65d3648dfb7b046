// The Cairo exporter's files: SVG that parses with the asked size, PDFs whose fonts are all
// embedded TrueType (pdffonts), PNGs of inches * dpi pixels, the CSV of the plotted data.
// Set PS_KEEP_FIGURES=DIR to keep the files for a look.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/errors.h"
#include "core/figure/cairo_export.h"
#include "core/figure/toy_figures.h"

using namespace ps::fig;
namespace fs = std::filesystem;

namespace {

fs::path out_dir() {
  if (const char* keep = std::getenv("PS_KEEP_FIGURES")) {
    fs::create_directories(keep);
    return keep;
  }
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("ps_export_test_" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A small figure with every kind of item: heatmap, contours, colour-mapped and solid lines,
// markers, legend, labels with non-ASCII text.
FigureSpec sample_figure() {
  FigureSpec f;
  f.width_in = 5;
  f.height_in = 2.5;
  f.dpi = 100;
  f.cols = 2;
  f.suptitle = "sample \xCE\xB1 = 2";
  Panel a;
  a.title = "loss space";
  a.x.label = "\xE2\x84\x93\xE2\x82\x81";
  a.y.label = "\xE2\x84\x93\xE2\x82\x82";
  a.x.label_at_end = a.y.label_at_end = true;
  a.open_axes = true;
  Polyline front;
  front.name = "Pareto front";
  front.kind = SeriesKind::front;
  front.points = {{-2, -20}, {-1, -19}, {0, -17}};
  front.width_pt = 3;
  a.lines.push_back(front);
  Polyline traj;
  traj.name = "run, with a comma";
  traj.kind = SeriesKind::trajectory;
  for (int k = 0; k <= 50; ++k) {
    traj.points.push_back({0.5 - k / 50.0, 5 - 0.4 * k});
    traj.t.push_back(k / 50.0);
  }
  a.lines.push_back(traj);
  Polyline guide;
  guide.name = "guide";
  guide.points = {{-2, 0}, {0.5, 0}};
  guide.dashed = true;
  a.lines.push_back(guide);
  MarkerSet starts;
  starts.name = "start points";
  starts.points = {{0.5, 5}};
  a.markers.push_back(starts);
  a.legend.push_back({"Pareto front", LegendEntry::Style::line});
  f.panels.push_back(a);
  Panel b;
  b.equal_aspect = true;
  b.x.label = "x\xE2\x82\x81";
  Heatmap h;
  h.field = toy_landscape(0.1, Landscape::mean, 21);
  h.colorbar_label = "mean";
  b.heatmap.push_back(h);
  f.panels.push_back(b);
  return f;
}

// Well-formed XML, checked by hand: tags nest and close, attributes are quoted.
bool well_formed_xml(const std::string& s, std::string& why) {
  std::vector<std::string> stack;
  size_t i = 0;
  while ((i = s.find('<', i)) != std::string::npos) {
    if (s.compare(i, 4, "<!--") == 0) {
      i = s.find("-->", i);
      if (i == std::string::npos) return why = "open comment", false;
      continue;
    }
    if (s.compare(i, 2, "<?") == 0 || s.compare(i, 2, "<!") == 0) {
      i = s.find('>', i);
      continue;
    }
    size_t j = i + 1;
    char quote = 0;
    for (; j < s.size(); ++j) {
      if (quote) {
        if (s[j] == quote) quote = 0;
      } else if (s[j] == '"' || s[j] == '\'') {
        quote = s[j];
      } else if (s[j] == '>') {
        break;
      }
    }
    if (j >= s.size()) return why = "unterminated tag", false;
    std::string tag = s.substr(i + 1, j - i - 1);
    i = j + 1;
    if (tag.empty()) return why = "empty tag", false;
    if (tag[0] == '/') {
      const std::string name = tag.substr(1, tag.find_first_of(" \t\n") - 1);
      if (stack.empty() || stack.back() != name) return why = "</" + name + "> closes nothing", false;
      stack.pop_back();
    } else if (tag.back() != '/') {
      stack.push_back(tag.substr(0, tag.find_first_of(" \t\n/")));
    }
  }
  if (!stack.empty()) return why = "<" + stack.back() + "> never closed", false;
  return true;
}

std::string svg_attr(const std::string& svg, const std::string& name) {
  const size_t root = svg.find("<svg");
  const size_t at = svg.find(" " + name + "=\"", root);
  if (root == std::string::npos || at == std::string::npos) return "";
  const size_t b = at + name.size() + 3;
  return svg.substr(b, svg.find('"', b) - b);
}

// pdffonts' table rows split by the dashed line's column widths.
std::vector<std::vector<std::string>> pdffonts_rows(const fs::path& pdf) {
  const std::string cmd = "pdffonts '" + pdf.string() + "' 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) FAIL("cannot run pdffonts");
  std::string text;
  char buf[512];
  while (fgets(buf, sizeof buf, p)) text += buf;
  const int rc = pclose(p);
  if (rc != 0)
    FAIL("pdffonts failed (exit " << rc << "); it comes with Debian's poppler-utils "
         "(third_party/install-deps.sh gui):\n" << text);
  std::istringstream in(text);
  std::string line, dashes;
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) {
    if (dashes.empty()) {
      if (line.rfind("---", 0) == 0) dashes = line;
      continue;
    }
    std::vector<std::string> cols;
    size_t start = 0;
    while (start < dashes.size()) {
      size_t end = dashes.find(' ', start);
      if (end == std::string::npos) end = dashes.size();
      std::string cell = start < line.size() ? line.substr(start, end - start) : "";
      while (!cell.empty() && cell.back() == ' ') cell.pop_back();
      cols.push_back(cell);
      start = end + 1;
    }
    rows.push_back(cols);
  }
  return rows;
}

}  // namespace

TEST_CASE("SVG export parses as XML and has the asked size", "[export][svg]") {
  const fs::path path = out_dir() / "sample.svg";
  const ExportResult r = export_figure(sample_figure(), path.string());
  const std::string svg = slurp(path);
  std::string why;
  CHECK(well_formed_xml(svg, why));
  INFO(why);
  CHECK(svg_attr(svg, "width") == "360pt");  // 5 in
  CHECK(svg_attr(svg, "height") == "180pt");  // 2.5 in
  CHECK(svg.find("<path") != std::string::npos);
  CHECK(r.csv_path == (out_dir() / "sample.csv").string());
  CHECK(fs::exists(r.csv_path));
}

TEST_CASE("PDF export embeds every font as TrueType, never Type 3", "[export][pdf]") {
  const fs::path path = out_dir() / "sample.pdf";
  export_figure(sample_figure(), path.string());
  const std::string head = slurp(path).substr(0, 5);
  CHECK(head == "%PDF-");
  const auto rows = pdffonts_rows(path);
  REQUIRE_FALSE(rows.empty());  // the figure has text, so fonts must be listed
  for (const auto& row : rows) {
    REQUIRE(row.size() >= 4);
    INFO("font " << row[0] << " type " << row[1]);
    CHECK(row[1] != "Type 3");
    CHECK(row[1].find("TrueType") != std::string::npos);
    CHECK(row[3] == "yes");  // emb
    CHECK(row[0].find("DejaVuSans") != std::string::npos);
  }
}

TEST_CASE("PNG export has inches * dpi pixels", "[export][png]") {
  FigureSpec f = sample_figure();
  f.dpi = 123;
  const fs::path path = out_dir() / "sample.png";
  const ExportResult r = export_figure(f, path.string());
  const std::string png = slurp(path);
  REQUIRE(png.size() > 24);
  CHECK(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  CHECK(png.compare(12, 4, "IHDR") == 0);
  auto be32 = [&](size_t at) {
    return (static_cast<unsigned char>(png[at]) << 24) | (static_cast<unsigned char>(png[at + 1]) << 16) |
           (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]);
  };
  CHECK(be32(16) == 615);  // 5 in * 123 dpi
  CHECK(be32(20) == 308);  // 2.5 in * 123 = 307.5, rounded
  CHECK(r.width_px == 615);
  CHECK(r.height_px == 308);
}

TEST_CASE("the CSV holds one row per plotted vertex and marker", "[export][csv]") {
  const FigureSpec f = sample_figure();
  std::ostringstream ss;
  write_csv(f, ss);
  std::istringstream in(ss.str());
  std::string line;
  std::getline(in, line);
  CHECK(line == "panel,series,kind,index,x,y,t");
  std::vector<std::string> rows;
  while (std::getline(in, line)) rows.push_back(line);
  // 3 front points + 51 trajectory points + 2 guide points + 1 marker; no heatmap rows.
  REQUIRE(rows.size() == 3 + 51 + 2 + 1);
  CHECK(rows[0] == "1,Pareto front,front,0,-2,-20,");
  CHECK(rows[3] == "1,\"run, with a comma\",trajectory,0,0.5,5,0");
  CHECK(rows[53] == "1,\"run, with a comma\",trajectory,50,-0.5,-15,1");
  CHECK(rows[54] == "1,guide,line,0,-2,0,");
  CHECK(rows[56] == "1,start points,marker,0,0.5,5,");
  CHECK(csv_path_for("out/fig.pdf") == "out/fig.csv");
  CHECK(csv_path_for("out.d/fig") == "out.d/fig.csv");
}

TEST_CASE("the exporter refuses bad names, sizes and fonts with InputError", "[export][errors]") {
  const fs::path dir = out_dir();
  CHECK(format_from_path("a.PDF") == Format::pdf);
  CHECK_THROWS_AS(format_from_path("fig.jpg"), ps::InputError);
  CHECK_THROWS_AS(format_from_path("dir.svg/fig"), ps::InputError);
  FigureSpec f = sample_figure();
  f.width_in = 0;
  CHECK_THROWS_AS(export_figure(f, (dir / "bad.pdf").string()), ps::InputError);
  f = sample_figure();
  f.font_family = "No Such Font Family 42";
  CHECK_THROWS_AS(export_figure(f, (dir / "bad.pdf").string()), ps::InputError);
  f = sample_figure();
  CHECK_THROWS_AS(export_figure(f, (dir / "no" / "such" / "dir" / "x.svg").string()),
                  std::runtime_error);
}
