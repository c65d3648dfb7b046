#include "core/telemetry/control_client.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include "core/telemetry/unix_socket.h"

namespace ps::telemetry {

std::string send_control_command(const std::string& run_dir, std::string_view command,
                                 int timeout_ms) {
  const std::string path = control_socket_path(run_dir);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    throw std::runtime_error(std::string("cannot create a socket: ") + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  {
    UnixAddress a(path);
    if (::connect(fd, a.addr(), a.size()) != 0)
      throw std::runtime_error("no job answers at '" + path + "': " + std::strerror(errno));
  }
  std::string line(command);
  for (char& c : line)
    if (c == '\n' || c == '\r') c = ' ';  // one command, one line
  line += '\n';
  for (std::size_t sent = 0; sent < line.size();) {
    const ssize_t n = ::send(fd, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(std::string("cannot send: ") + std::strerror(errno));
    sent += static_cast<std::size_t>(n);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  std::string reply;
  for (;;) {
    const auto nl = reply.find('\n');
    if (nl != std::string::npos) return reply.substr(0, nl);
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0)
      throw std::runtime_error("no reply from the job within " + std::to_string(timeout_ms) +
                               " ms");
    pollfd p{fd, POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(left));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) continue;  // the deadline check above ends it
    char buf[512];
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (!reply.empty()) return reply;  // a last reply without its newline
      throw std::runtime_error("the job closed the connection without replying");
    }
    reply.append(buf, static_cast<std::size_t>(n));
    if (reply.size() > 65536) throw std::runtime_error("reply too long");
  }
}

}  // namespace ps::telemetry
