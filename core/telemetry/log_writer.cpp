#include "core/telemetry/log_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "core/telemetry/json_scan.h"

namespace ps::telemetry {
namespace {

void append_numbers(std::string& out, const std::vector<double>& v) {
  out += '[';
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += ',';
    append_number(out, v[i]);
  }
  out += ']';
}

void append_params(std::string& out, const std::vector<std::pair<std::string, double>>& params) {
  out += '{';
  bool first = true;
  for (const auto& [name, value] : params) {
    if (!first) out += ',';
    first = false;
    append_string(out, name);
    out += ':';
    // Parameters keep double precision: they are typed by people ("alpha=0.1").
    if (!std::isfinite(value)) {
      out += "null";
    } else {
      char buf[32];
      auto r = std::to_chars(buf, buf + sizeof buf, value);
      out.append(buf, r.ptr);
    }
  }
  out += '}';
}

// Starts a record: {"type":"<type>","step":N,"time":T
void begin(std::string& out, const char* type, std::int64_t step, double time) {
  out.clear();
  out += "{\"type\":\"";
  out += type;
  out += "\",\"step\":";
  append_int(out, step);
  out += ",\"time\":";
  append_seconds(out, time);
}

bool is_json_object(const std::string& s) {
  JsonScanner sc(s);
  return sc.peek() == '{' && sc.skip_value() && sc.at_end();
}

}  // namespace

void append_number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  const float f = static_cast<float>(v);
  if (!std::isfinite(f)) {  // beyond float range: keep the double
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
    return;
  }
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, f);
  out.append(buf, r.ptr);
}

void append_seconds(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  char buf[48];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 6);
  out.append(buf, r.ptr);
}

void append_int(std::string& out, long long v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// Length of the valid UTF-8 sequence starting at s[i], or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  unsigned min = 0;
  unsigned cp = 0;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2, cp = c & 0x1F, min = 0x80;
  else if (c >= 0xE0 && c <= 0xEF)
    n = 3, cp = c & 0x0F, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4)
    n = 4, cp = c & 0x07, min = 0x10000;
  else
    return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const unsigned char b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

void append_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      // Readers reject invalid UTF-8 (JSON is UTF-8): replace bad bytes rather than garble.
      const std::size_t n = utf8_length(s, i);
      if (n == 0) {
        out += '?';
      } else {
        out.append(s.substr(i, n));
        i += n - 1;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void format_step(const StepRecord& r, std::string& out) {
  begin(out, "step", r.step, r.time);
  out += ",\"epoch\":";
  append_int(out, r.epoch);
  out += ",\"losses\":";
  append_numbers(out, r.losses);
  out += ",\"weights\":";
  append_numbers(out, r.weights);
  out += ",\"rates\":";
  append_numbers(out, r.rates);
  out += ",\"grad_norms\":";
  append_numbers(out, r.grad_norms);
  if (!r.status.empty()) {
    out += ",\"status\":";
    append_string(out, r.status);
  }
  out += ",\"iterations\":";
  append_int(out, r.iterations);
  out += ",\"residual\":";
  append_number(out, r.residual);
  out += ",\"step_time\":";
  append_number(out, r.step_time);
  out += ",\"method_time\":";
  append_number(out, r.method_time);
  out += "}\n";
}

LogWriter::LogWriter(const std::string& run_dir) {
  std::error_code ec;
  std::filesystem::create_directories(run_dir, ec);
  if (ec)
    throw std::runtime_error("cannot create run directory '" + run_dir + "': " + ec.message());
  path_ = (std::filesystem::path(run_dir) / kLogFileName).string();
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw std::runtime_error("cannot open '" + path_ + "' for appending: " + std::strerror(errno));
  // A job killed mid-write (or a writer that died) may have left a fragment: end it.
  struct stat st {};
  if (::fstat(fd_, &st) == 0 && st.st_size > 0) {
    const int rfd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    char last = '\n';
    if (rfd >= 0) {
      if (::pread(rfd, &last, 1, st.st_size - 1) != 1) last = '\n';
      ::close(rfd);
    }
    need_newline_ = last != '\n';
  }
  buf_.reserve(4096);
}

LogWriter::~LogWriter() {
  if (fd_ >= 0) ::close(fd_);
}

bool LogWriter::emit() {
  if (need_newline_) buf_.insert(buf_.begin(), '\n');
  const char* p = buf_.data();
  std::size_t left = buf_.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      // Nothing or part of the line reached the file: start the next record on a fresh line.
      need_newline_ = left != buf_.size() || need_newline_;
      ++failed_;
      return false;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  need_newline_ = false;
  return true;
}

bool LogWriter::write(const StepRecord& r) {
  format_step(r, buf_);
  return emit();
}

bool LogWriter::write(const HeaderRecord& r) {
  buf_.clear();
  buf_ += "{\"type\":\"header\",\"format\":";
  append_string(buf_, kFormatName);
  buf_ += ",\"version\":";
  append_int(buf_, kFormatVersion);
  buf_ += ",\"run\":";
  append_string(buf_, r.run);
  buf_ += ",\"workload\":";
  append_string(buf_, r.workload);
  buf_ += ",\"method\":";
  append_string(buf_, r.method);
  buf_ += ",\"params\":";
  append_params(buf_, r.params);
  buf_ += ",\"tasks\":[";
  for (std::size_t i = 0; i < r.tasks.size(); ++i) {
    if (i) buf_ += ',';
    append_string(buf_, r.tasks[i]);
  }
  buf_ += "],\"device\":";
  append_string(buf_, r.device);
  buf_ += ",\"versions\":{";
  for (std::size_t i = 0; i < r.versions.size(); ++i) {
    if (i) buf_ += ',';
    append_string(buf_, r.versions[i].first);
    buf_ += ':';
    append_string(buf_, r.versions[i].second);
  }
  buf_ += "},\"start_unix\":";
  append_seconds(buf_, r.start_unix);
  if (!r.config_json.empty()) {
    buf_ += ",\"config\":";
    if (is_json_object(r.config_json))
      buf_ += r.config_json;
    else
      append_string(buf_, r.config_json);  // never let a bad caller garble the header
  }
  buf_ += "}\n";
  return emit();
}

bool LogWriter::write(const CosineRecord& r) {
  begin(buf_, "cosine", r.step, r.time);
  buf_ += ",\"matrix\":[";
  for (int i = 0; i < r.k; ++i) {
    if (i) buf_ += ',';
    buf_ += '[';
    for (int j = 0; j < r.k; ++j) {
      if (j) buf_ += ',';
      const std::size_t at = static_cast<std::size_t>(i) * r.k + j;
      append_number(buf_, at < r.matrix.size() ? r.matrix[at] : NAN);
    }
    buf_ += ']';
  }
  buf_ += "]}\n";
  return emit();
}

bool LogWriter::write(const EvalRecord& r) {
  begin(buf_, "eval", r.step, r.time);
  buf_ += ",\"epoch\":";
  append_int(buf_, r.epoch);
  buf_ += ",\"split\":";
  append_string(buf_, r.split);
  buf_ += ",\"metrics\":{";
  for (std::size_t i = 0; i < r.metrics.size(); ++i) {
    if (i) buf_ += ',';
    append_string(buf_, r.metrics[i].first);
    buf_ += ':';
    append_numbers(buf_, r.metrics[i].second);
  }
  buf_ += "}}\n";
  return emit();
}

bool LogWriter::write(const EventRecord& r) {
  begin(buf_, "event", r.step, r.time);
  buf_ += ",\"kind\":";
  append_string(buf_, r.kind);
  buf_ += ",\"message\":";
  append_string(buf_, r.message);
  if (!r.method.empty()) {
    buf_ += ",\"method\":";
    append_string(buf_, r.method);
    buf_ += ",\"params\":";
    append_params(buf_, r.params);
  }
  buf_ += "}\n";
  return emit();
}

}  // namespace ps::telemetry
