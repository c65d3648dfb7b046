#include "core/telemetry/log_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>
#include <vector>

namespace ps::telemetry {
namespace {

constexpr std::size_t kChunk = 8u << 20;
// Backlogs at least this big are parsed by several threads (a finished run being opened).
constexpr std::int64_t kParallelMin = 32 << 20;

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// Feeds bytes [begin, end) of fd to p (which fills log); `reached` is where reading stopped.
// False, with `error`, on a read error.
bool read_range(int fd, std::int64_t begin, std::int64_t end, LogParser& p, RunLog& log,
                std::string& buf, std::string& error, std::int64_t& reached) {
  reached = begin;
  if (end <= begin) return true;
  if (buf.size() < kChunk)
    buf.resize(static_cast<std::size_t>(std::min<std::int64_t>(kChunk, end - begin)));
  const std::size_t rows_before = log.steps().size();
  bool first = true;
  for (std::int64_t pos = begin; pos < end;) {
    const auto want = static_cast<std::size_t>(std::min<std::int64_t>(buf.size(), end - pos));
    const ssize_t n = ::pread(fd, buf.data(), want, pos);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::string("read error: ") + std::strerror(errno);
      return false;
    }
    if (n == 0) break;  // cut short under us; the next poll notices
    p.feed(std::string_view(buf.data(), static_cast<std::size_t>(n)));
    pos += n;
    reached = pos;
    if (first && rows_before == 0 && end - pos > static_cast<std::int64_t>(kChunk) &&
        log.steps().size() > 0) {
      // A big backlog: size the columns once from the density of the first chunk instead of
      // doubling them a dozen times.
      const double per_row = static_cast<double>(n) / static_cast<double>(log.steps().size());
      log.reserve(static_cast<std::size_t>(static_cast<double>(end - pos) / per_row * 1.02));
    }
    first = false;
  }
  if (buf.size() > kChunk) buf.resize(kChunk);
  return true;
}

// The offset just past the first newline at or after pos (or `limit`).
std::int64_t next_line_start(int fd, std::int64_t pos, std::int64_t limit) {
  char buf[65536];
  while (pos < limit) {
    const ssize_t n = ::pread(
        fd, buf, static_cast<std::size_t>(std::min<std::int64_t>(sizeof buf, limit - pos)), pos);
    if (n <= 0) return limit;
    if (const void* nl = std::memchr(buf, '\n', static_cast<std::size_t>(n)))
      return pos + (static_cast<const char*>(nl) - buf) + 1;
    pos += n;
  }
  return limit;
}

// The offset just past the last newline in [from, size), or `from`.
std::int64_t last_line_end(int fd, std::int64_t from, std::int64_t size) {
  char buf[65536];
  for (std::int64_t end = size; end > from;) {
    const std::int64_t begin = std::max(from, end - static_cast<std::int64_t>(sizeof buf));
    const ssize_t n = ::pread(fd, buf, static_cast<std::size_t>(end - begin), begin);
    if (n <= 0) return from;
    for (ssize_t i = n - 1; i >= 0; --i)
      if (buf[i] == '\n') return begin + i + 1;
    end = begin;
  }
  return from;
}

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
  if (S_ISDIR(st.st_mode)) {
    // A run directory (perhaps created after this reader): its log is inside.
    path_ += std::string("/") + kLogFileName;
    return poll();
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
  if (size - read_pos_ >= kParallelMin && parser_.pending() == 0) read_parallel(f.fd, size);
  if (!read_range(f.fd, read_pos_, size, parser_, log_, buf_, r.error, read_pos_)) r.ok = false;
  r.new_records = log_.stats().records - records_before;
  return r;
}

void LogReader::read_parallel(int fd, std::int64_t size) {
  const int n = static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
  if (n < 2) return;
  // Cut the backlog at line starts into n parts; the unterminated tail is left to poll().
  const std::int64_t last = last_line_end(fd, read_pos_, size);
  std::vector<std::int64_t> cut{read_pos_};
  for (int i = 1; i < n; ++i)
    cut.push_back(std::clamp(next_line_start(fd, read_pos_ + (last - read_pos_) * i / n, last),
                             cut.back(), last));
  cut.push_back(last);
  std::vector<RunLog> parts(static_cast<std::size_t>(n));
  std::vector<std::string> errors(static_cast<std::size_t>(n));
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&, i] {
      LogParser p(parts[i]);
      std::string buf;
      std::int64_t reached = 0;
      if (read_range(fd, cut[i], cut[i + 1], p, parts[i], buf, errors[i], reached) &&
          reached != cut[i + 1])
        errors[i] = "file cut short";
    });
  for (auto& t : threads) t.join();
  for (const auto& e : errors)
    if (!e.empty()) return;  // read sequentially instead, and report it there
  for (int i = 0; i < n; ++i) {
    if (log_.append(std::move(parts[i]))) {
      parser_.skip(cut[i + 1] - cut[i]);
    } else {
      std::string error;  // its lines disagree with ours: take them one by one, as in order
      std::int64_t reached = 0;
      read_range(fd, cut[i], cut[i + 1], parser_, log_, buf_, error, reached);
    }
  }
  read_pos_ = base_ + parser_.consumed();
  log_.stats().bytes = parser_.consumed();
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
