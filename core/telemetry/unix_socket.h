#pragma once
// Unix-domain socket addresses for a file path of any length. sockaddr_un holds at most 107
// bytes of path; a longer one is reached through the directory's descriptor
// (/proc/self/fd/N/NAME), which Linux resolves for bind() and connect() alike.
#include <sys/socket.h>
#include <sys/un.h>

#include <string>

namespace ps::telemetry {

class UnixAddress {
 public:
  // Throws std::runtime_error when the path is too long and its directory cannot be opened.
  explicit UnixAddress(const std::string& path);
  ~UnixAddress();
  UnixAddress(const UnixAddress&) = delete;
  UnixAddress& operator=(const UnixAddress&) = delete;

  const sockaddr* addr() const { return reinterpret_cast<const sockaddr*>(&addr_); }
  socklen_t size() const { return len_; }

 private:
  sockaddr_un addr_{};
  socklen_t len_ = 0;
  int dir_fd_ = -1;  // kept open while the address is in use
};

// The control socket of a run directory: RUN_DIR/control.sock.
std::string control_socket_path(const std::string& run_dir);

}  // namespace ps::telemetry
