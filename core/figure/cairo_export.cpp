#include "core/figure/cairo_export.h"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "core/errors.h"
#include "core/figure/display_list.h"

namespace ps::fig {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A FreeType face found through fontconfig. Cairo embeds such faces as TrueType subsets in PDFs
// (CID TrueType), never as Type 3 bitmaps. Throws InputError when fontconfig only offers a
// different family: a silent substitute would change every figure's metrics.
struct Fonts {
  cairo_font_face_t* regular = nullptr;
  cairo_font_face_t* bold = nullptr;
  explicit Fonts(const std::string& family) {
    regular = load(family, false);
    bold = load(family, true);
  }
  ~Fonts() {
    if (regular) cairo_font_face_destroy(regular);
    if (bold) cairo_font_face_destroy(bold);
  }
  Fonts(const Fonts&) = delete;
  Fonts& operator=(const Fonts&) = delete;

  static cairo_font_face_t* load(const std::string& family, bool bold) {
    FcPattern* pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
    FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
    FcConfigSubstitute(nullptr, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res = FcResultNoMatch;
    FcPattern* match = FcFontMatch(nullptr, pat, &res);
    FcPatternDestroy(pat);
    if (!match) throw InputError("font '" + family + "': fontconfig finds no font at all");
    bool same = false;
    FcChar8* got = nullptr;
    std::string offered;
    for (int k = 0; FcPatternGetString(match, FC_FAMILY, k, &got) == FcResultMatch; ++k) {
      const std::string name = reinterpret_cast<const char*>(got);
      same = same || lower(name) == lower(family);
      if (offered.empty()) offered = name;
    }
    if (!same) {
      FcPatternDestroy(match);
      throw InputError("font '" + family + "' is not installed (fontconfig offers '" + offered +
                       "'); DejaVu Sans comes with Debian's fonts-dejavu-core");
    }
    cairo_font_face_t* face = cairo_ft_font_face_create_for_pattern(match);
    FcPatternDestroy(match);  // the face keeps its own reference
    return face;
  }
};

void set_color(cairo_t* cr, const Color& c) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a); }

void clip_to(cairo_t* cr, const Rect& r) {
  if (r.w > 0 && r.h > 0) {
    cairo_rectangle(cr, r.x, r.y, r.w, r.h);
    cairo_clip(cr);
  }
}

void draw(cairo_t* cr, const DrawPath& p) {
  if (p.points.size() < 2) return;
  cairo_save(cr);
  clip_to(cr, p.clip);
  cairo_move_to(cr, p.points[0].x, p.points[0].y);
  for (size_t i = 1; i < p.points.size(); ++i) cairo_line_to(cr, p.points[i].x, p.points[i].y);
  if (p.closed) cairo_close_path(cr);
  if (p.fill.a > 0) {
    set_color(cr, p.fill);
    cairo_fill_preserve(cr);
  }
  if (p.stroke.a > 0) {
    set_color(cr, p.stroke);
    cairo_set_line_width(cr, p.width_pt);
    cairo_set_line_cap(cr, p.round ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
    cairo_set_line_join(cr, p.round ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_MITER);
    if (p.dashed) {
      const double w = std::max(p.width_pt, 1.0);
      const double dash[2] = {3.7 * w, 1.6 * w};  // matplotlib's "--"
      cairo_set_dash(cr, dash, 2, 0);
    }
    cairo_stroke(cr);
  }
  cairo_new_path(cr);
  cairo_restore(cr);
}

void draw(cairo_t* cr, const DrawText& t, const Fonts& fonts) {
  if (t.text.empty()) return;
  cairo_save(cr);
  cairo_set_font_face(cr, t.bold ? fonts.bold : fonts.regular);
  cairo_set_font_size(cr, t.size_pt);
  cairo_font_extents_t fe;
  cairo_font_extents(cr, &fe);
  cairo_text_extents_t te;
  cairo_text_extents(cr, t.text.c_str(), &te);
  cairo_translate(cr, t.at.x, t.at.y);
  if (t.vertical) cairo_rotate(cr, -M_PI / 2);
  const double x = -t.align_x * te.x_advance;
  const double y = fe.ascent - t.align_y * (fe.ascent + fe.descent);
  cairo_move_to(cr, x, y);
  set_color(cr, t.color);
  cairo_show_text(cr, t.text.c_str());
  cairo_new_path(cr);
  cairo_restore(cr);
}

void draw(cairo_t* cr, const DrawImage& img) {
  if (img.width <= 0 || img.height <= 0 || img.dest.w <= 0 || img.dest.h <= 0) return;
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, img.width, img.height);
  cairo_surface_flush(s);
  unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  for (int j = 0; j < img.height; ++j) {
    auto* row = reinterpret_cast<uint32_t*>(data + static_cast<ptrdiff_t>(j) * stride);
    for (int i = 0; i < img.width; ++i) {
      const Color& c = img.pixels[static_cast<size_t>(j) * img.width + i];
      auto ch = [&](double v) {  // premultiplied, as ARGB32 wants
        return static_cast<uint32_t>(std::lround(std::clamp(v * c.a, 0.0, 1.0) * 255));
      };
      row[i] = ch(1.0) << 24 | ch(c.r) << 16 | ch(c.g) << 8 | ch(c.b);
    }
  }
  cairo_surface_mark_dirty(s);
  cairo_save(cr);
  clip_to(cr, img.clip);
  cairo_rectangle(cr, img.dest.x, img.dest.y, img.dest.w, img.dest.h);
  cairo_clip(cr);
  cairo_translate(cr, img.dest.x, img.dest.y);
  cairo_scale(cr, img.dest.w / img.width, img.dest.h / img.height);
  cairo_set_source_surface(cr, s, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_surface_destroy(s);
}

void draw(cairo_t* cr, const DrawMarker& m) {
  const double r = 0.5 * m.size_pt;
  const double x = m.at.x, y = m.at.y;
  cairo_save(cr);
  cairo_new_path(cr);
  switch (m.shape) {
    case MarkerShape::dot: cairo_arc(cr, x, y, r, 0, 2 * M_PI); break;
    case MarkerShape::square: cairo_rectangle(cr, x - 0.85 * r, y - 0.85 * r, 1.7 * r, 1.7 * r); break;
    case MarkerShape::diamond:
      cairo_move_to(cr, x, y - r);
      cairo_line_to(cr, x + 0.75 * r, y);
      cairo_line_to(cr, x, y + r);
      cairo_line_to(cr, x - 0.75 * r, y);
      cairo_close_path(cr);
      break;
    case MarkerShape::triangle:
      cairo_move_to(cr, x, y - r);
      cairo_line_to(cr, x + 0.87 * r, y + 0.5 * r);
      cairo_line_to(cr, x - 0.87 * r, y + 0.5 * r);
      cairo_close_path(cr);
      break;
    case MarkerShape::star:
      for (int k = 0; k < 10; ++k) {
        const double a = -M_PI / 2 + k * M_PI / 5, rr = k % 2 ? 0.45 * r : r;
        if (k == 0) cairo_move_to(cr, x + rr * std::cos(a), y + rr * std::sin(a));
        else cairo_line_to(cr, x + rr * std::cos(a), y + rr * std::sin(a));
      }
      cairo_close_path(cr);
      break;
    case MarkerShape::cross:
      cairo_move_to(cr, x - r, y - r);
      cairo_line_to(cr, x + r, y + r);
      cairo_move_to(cr, x - r, y + r);
      cairo_line_to(cr, x + r, y - r);
      set_color(cr, m.fill);
      cairo_set_line_width(cr, std::max(m.edge_width_pt, 0.3 * r));
      cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke(cr);
      cairo_restore(cr);
      return;
  }
  set_color(cr, m.fill);
  if (m.edge_width_pt > 0) {
    cairo_fill_preserve(cr);
    set_color(cr, m.edge);
    cairo_set_line_width(cr, m.edge_width_pt);
    cairo_stroke(cr);
  } else {
    cairo_fill(cr);
  }
  cairo_restore(cr);
}

void render(cairo_t* cr, const DisplayList& dl, const Fonts& fonts) {
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);  // same layout at any dpi
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options(cr, fo);
  cairo_font_options_destroy(fo);
  for (const DrawItem& item : dl.items)
    std::visit([&](const auto& v) {
      if constexpr (std::is_same_v<std::decay_t<decltype(v)>, DrawText>) draw(cr, v, fonts);
      else draw(cr, v);
    }, item);
}

void check(cairo_status_t st, const std::string& path) {
  if (st != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cannot write '" + path + "': " + cairo_status_to_string(st));
}

}  // namespace

const char* to_string(Format f) {
  switch (f) {
    case Format::pdf: return "pdf";
    case Format::svg: return "svg";
    case Format::png: return "png";
  }
  return "?";
}

Format format_from_path(const std::string& path) {
  const size_t dot = path.find_last_of('.');
  const size_t slash = path.find_last_of('/');
  const std::string ext =
      dot == std::string::npos || (slash != std::string::npos && dot < slash) ? ""
                                                                              : lower(path.substr(dot + 1));
  if (ext == "pdf") return Format::pdf;
  if (ext == "svg") return Format::svg;
  if (ext == "png") return Format::png;
  throw InputError("cannot tell the format of '" + path + "': use a .pdf, .svg or .png name");
}

ExportResult export_figure(const FigureSpec& spec, const std::string& path,
                           std::optional<Format> format, bool write_csv_file) {
  if (!(spec.width_in > 0 && spec.width_in <= 100 && spec.height_in > 0 && spec.height_in <= 100))
    throw InputError("figure size must be within (0, 100] inches, got " +
                     std::to_string(spec.width_in) + " x " + std::to_string(spec.height_in));
  if (!(spec.font_pt > 0 && spec.font_pt <= 200))
    throw InputError("font size must be within (0, 200] pt");
  const Format fmt = format ? *format : format_from_path(path);
  ExportResult res;
  res.figure_path = path;
  if (fmt == Format::png) {
    res.width_px = static_cast<int>(std::lround(spec.width_in * spec.dpi));
    res.height_px = static_cast<int>(std::lround(spec.height_in * spec.dpi));
    if (!(spec.dpi > 0) || res.width_px < 1 || res.height_px < 1 ||
        static_cast<double>(res.width_px) * res.height_px > 2.0e8)
      throw InputError("PNG of " + std::to_string(res.width_px) + " x " +
                       std::to_string(res.height_px) + " pixels is out of range; check --dpi");
  }
  const Fonts fonts(spec.font_family);
  const DisplayList dl = build_display_list(spec);

  cairo_surface_t* surface = nullptr;
  switch (fmt) {
    case Format::pdf:
      surface = cairo_pdf_surface_create(path.c_str(), dl.width_pt, dl.height_pt);
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Paretoscope");
      break;
    case Format::svg:
      surface = cairo_svg_surface_create(path.c_str(), dl.width_pt, dl.height_pt);
      cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT);
      break;
    case Format::png:
      surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, res.width_px, res.height_px);
      break;
  }
  check(cairo_surface_status(surface), path);
  cairo_t* cr = cairo_create(surface);
  if (fmt == Format::png) {
    cairo_set_source_rgb(cr, 1, 1, 1);  // PNGs get a white page; vector pages stay transparent
    cairo_paint(cr);
    cairo_scale(cr, res.width_px / dl.width_pt, res.height_px / dl.height_pt);
  }
  render(cr, dl, fonts);
  const cairo_status_t drawn = cairo_status(cr);
  cairo_destroy(cr);
  cairo_status_t st = drawn;
  if (fmt == Format::png && st == CAIRO_STATUS_SUCCESS)
    st = cairo_surface_write_to_png(surface, path.c_str());
  cairo_surface_finish(surface);
  if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  check(st, path);

  if (write_csv_file) {
    res.csv_path = csv_path_for(path);
    std::ofstream csv(res.csv_path);
    if (!csv) throw std::runtime_error("cannot write '" + res.csv_path + "'");
    write_csv(spec, csv);
    if (!csv.flush()) throw std::runtime_error("cannot write '" + res.csv_path + "'");
  }
  return res;
}

}  // namespace ps::fig
