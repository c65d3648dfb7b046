#include "core/telemetry/log_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ps::telemetry {
namespace {

constexpr std::size_t kChunk = 8u << 20;

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

void LogParser::line(std::string_view l) {
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  log_->ingest_line(l);
}

void LogParser::feed(std::string_view bytes) {
  while (!bytes.empty()) {
    const void* nl = std::memchr(bytes.data(), '\n', bytes.size());
    if (!nl) {
      // No end of line yet: keep the fragment, unless it already exceeds any sane record.
      if (discarding_) {
        dropped_ += bytes.size();
      } else if (pending_.size() + bytes.size() > kMaxLine) {
        discarding_ = true;
        dropped_ = pending_.size() + bytes.size();
        pending_.clear();
        pending_.shrink_to_fit();
      } else {
        pending_.append(bytes);
      }
      break;
    }
    const std::size_t n = static_cast<std::size_t>(static_cast<const char*>(nl) - bytes.data());
    if (discarding_) {
      discarding_ = false;
      ++log_->stats().overlong;
      ++log_->stats().lines;
      consumed_ += static_cast<std::int64_t>(dropped_ + n + 1);
      dropped_ = 0;
    } else if (pending_.empty()) {
      line(bytes.substr(0, n));  // the common case: no copy
      consumed_ += static_cast<std::int64_t>(n + 1);
    } else if (pending_.size() + n > kMaxLine) {
      ++log_->stats().overlong;
      ++log_->stats().lines;
      consumed_ += static_cast<std::int64_t>(pending_.size() + n + 1);
      pending_.clear();
    } else {
      pending_.append(bytes.substr(0, n));
      line(pending_);
      consumed_ += static_cast<std::int64_t>(pending_.size() + 1);
      pending_.clear();
    }
    bytes.remove_prefix(n + 1);
  }
  log_->stats().bytes = consumed_;
}

void LogParser::finish() {
  if (discarding_) {
    ++log_->stats().overlong;
    consumed_ += static_cast<std::int64_t>(dropped_);
    discarding_ = false;
    dropped_ = 0;
  } else if (!pending_.empty()) {
    // An unterminated last line: a whole record whose newline is missing is kept; a torn one
    // (the writer died mid-write) is counted.
    const auto before = log_->stats();
    std::string_view l = pending_;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (!log_->ingest_line(l)) {
      auto& s = log_->stats();
      s.garbled = before.garbled;
      s.invalid = before.invalid;
      s.unknown = before.unknown;
      s.lines = before.lines;
      // A blank fragment is nothing; anything else did not make it whole.
      bool blank = true;
      for (char c : l) blank = blank && (c == ' ' || c == '\t');
      if (!blank) ++s.truncated;
    }
    consumed_ += static_cast<std::int64_t>(pending_.size());
    pending_.clear();
  }
  log_->stats().bytes = consumed_;
}

LogReader::LogReader(std::string path, std::int64_t offset)
    : path_(std::move(path)), parser_(log_), base_(offset), read_pos_(offset) {
  struct stat st {};
  if (::stat(path_.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    path_ += std::string("/") + kLogFileName;
}

PollResult LogReader::poll() {
  PollResult r;
  Fd f{::open(path_.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) {
    r.ok = false;
    r.error = "cannot open '" + path_ + "': " + std::strerror(errno);
    return r;
  }
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) {
    r.ok = false;
    r.error = "cannot stat '" + path_ + "': " + std::strerror(errno);
    return r;
  }
  const auto inode = static_cast<std::uint64_t>(st.st_ino);
  if ((inode_ != 0 && inode != inode_) || st.st_size < read_pos_) {
    // Replaced or cut short: what we hold no longer describes the file.
    log_.clear();
    parser_ = LogParser(log_);
    base_ = read_pos_ = 0;
    r.restarted = true;
  }
  inode_ = inode;
  const std::int64_t records_before = log_.stats().records;
  const std::int64_t size = st.st_size;
  if (buf_.size() < kChunk && size - read_pos_ > 0)
    buf_.resize(static_cast<std::size_t>(std::min<std::int64_t>(kChunk, size - read_pos_)));
  bool first_chunk = true;
  const std::size_t rows_before = log_.steps().size();
  while (read_pos_ < size) {
    const std::size_t want =
        static_cast<std::size_t>(std::min<std::int64_t>(buf_.size(), size - read_pos_));
    const ssize_t n = ::pread(f.fd, buf_.data(), want, read_pos_);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      r.ok = false;
      r.error = "cannot read '" + path_ + "': " + std::strerror(errno);
      break;
    }
    if (n == 0) break;  // truncated under us; the next poll notices
    parser_.feed(std::string_view(buf_.data(), static_cast<std::size_t>(n)));
    read_pos_ += n;
    if (first_chunk && rows_before == 0 && size - read_pos_ > static_cast<std::int64_t>(kChunk)) {
      // A big backlog: size the columns once from the density of the first chunk instead of
      // doubling them a dozen times.
      const auto rows = log_.steps().size();
      if (rows > 0) {
        const double per_row = static_cast<double>(parser_.consumed()) / static_cast<double>(rows);
        if (per_row > 0)
          log_.reserve(
              static_cast<std::size_t>(static_cast<double>(size - read_pos_) / per_row * 1.02));
      }
    }
    first_chunk = false;
  }
  if (buf_.size() > kChunk) buf_.resize(kChunk);
  r.new_records = log_.stats().records - records_before;
  return r;
}

PollResult LogReader::finish() {
  PollResult r = poll();
  const std::int64_t before = log_.stats().records;
  parser_.finish();
  r.new_records += log_.stats().records - before;
  return r;
}

PollResult read_log(const std::string& path, RunLog& out) {
  LogReader reader(path);
  PollResult r = reader.finish();
  out = std::move(reader.log());
  return r;
}

}  // namespace ps::telemetry
