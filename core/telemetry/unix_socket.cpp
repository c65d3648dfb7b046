#include "core/telemetry/unix_socket.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "core/telemetry/records.h"

namespace ps::telemetry {

UnixAddress::UnixAddress(const std::string& path) {
  addr_.sun_family = AF_UNIX;
  std::string target = path;
  if (target.size() >= sizeof(addr_.sun_path)) {
    const std::filesystem::path p(path);
    const std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
    dir_fd_ = ::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd_ < 0)
      throw std::runtime_error("cannot open directory '" + dir + "': " + std::strerror(errno));
    target = "/proc/self/fd/" + std::to_string(dir_fd_) + "/" + p.filename().string();
    if (target.size() >= sizeof(addr_.sun_path))
      throw std::runtime_error("socket file name too long: '" + path + "'");
  }
  std::memcpy(addr_.sun_path, target.c_str(), target.size() + 1);
  len_ = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + target.size() + 1);
}

UnixAddress::~UnixAddress() {
  if (dir_fd_ >= 0) ::close(dir_fd_);
}

std::string control_socket_path(const std::string& run_dir) {
  return (std::filesystem::path(run_dir) / kSocketFileName).string();
}

}  // namespace ps::telemetry
