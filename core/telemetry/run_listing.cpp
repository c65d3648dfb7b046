// list_runs() and job_is_listening() (declared in run_watcher.h): finding run directories and
// asking whether their job is still there, without reading more than a log's first line.
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/telemetry/records.h"
#include "core/telemetry/run_watcher.h"
#include "core/telemetry/unix_socket.h"

namespace ps::telemetry {

bool job_is_listening(const std::string& run_dir) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  bool ok = false;
  try {
    UnixAddress a(control_socket_path(run_dir));
    // Non-blocking: a job whose backlog is full (EAGAIN) is still there.
    ok = ::connect(fd, a.addr(), a.size()) == 0 || errno == EAGAIN || errno == EINPROGRESS;
  } catch (...) {
    ok = false;  // a path that cannot be addressed has no job behind it
  }
  ::close(fd);
  return ok;
}

namespace {

// The first line of a log (at most 1 MiB: a header is far smaller), or "".
std::string first_line(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  std::string line;
  char buf[8192];
  while (line.size() < (1u << 20)) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    const char* nl = static_cast<const char*>(std::memchr(buf, '\n', static_cast<std::size_t>(n)));
    line.append(buf, nl ? static_cast<std::size_t>(nl - buf) : static_cast<std::size_t>(n));
    if (nl) break;
  }
  ::close(fd);
  return line;
}

// A run directory's entry, or false when it holds no log.
bool describe(const std::filesystem::path& dir, RunDirInfo& info) {
  const std::string log = (dir / kLogFileName).string();
  struct stat st {};
  if (::stat(log.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  info.dir = dir.string();
  info.bytes = st.st_size;
  info.modified_unix = static_cast<double>(st.st_mtim.tv_sec) + st.st_mtim.tv_nsec * 1e-9;
  RunLog head;
  head.ingest_line(first_line(log));
  if (!head.headers().empty()) {
    const HeaderRecord& h = head.headers()[0].header;
    info.name = h.run;
    info.workload = h.workload;
    info.method = h.method;
  }
  if (info.name.empty()) {
    info.name = std::filesystem::path(info.dir).lexically_normal().filename().string();
    if (info.name.empty()) info.name = std::filesystem::path(info.dir).parent_path().filename().string();
  }
  info.live = job_is_listening(info.dir);
  return true;
}

}  // namespace

std::vector<RunDirInfo> list_runs(const std::string& root) {
  std::vector<RunDirInfo> runs;
  try {
    namespace fs = std::filesystem;
    RunDirInfo info;
    if (describe(root, info)) runs.push_back(std::move(info));
    std::error_code ec;
    for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code dec;
      if (!it->is_directory(dec)) continue;
      RunDirInfo sub;
      if (describe(it->path(), sub)) runs.push_back(std::move(sub));
    }
    std::stable_sort(runs.begin(), runs.end(), [](const RunDirInfo& a, const RunDirInfo& b) {
      return a.modified_unix != b.modified_unix ? a.modified_unix > b.modified_unix : a.dir < b.dir;
    });
  } catch (...) {
    // Out of memory or a filesystem oddity: what was found so far is still a fine answer.
  }
  return runs;
}

}  // namespace ps::telemetry
