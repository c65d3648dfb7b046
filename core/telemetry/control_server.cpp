#include "core/telemetry/control_server.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "core/telemetry/unix_socket.h"

namespace ps::telemetry {
namespace {

std::runtime_error sys_error(const std::string& what) {
  return std::runtime_error(what + ": " + std::strerror(errno));
}

// True when something accepts connections at `path` (another job owns the run directory).
bool socket_answers(const std::string& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  UnixAddress a(path);
  const bool live = ::connect(fd, a.addr(), a.size()) == 0;
  ::close(fd);
  return live;
}

}  // namespace

ControlServer::ControlServer(const std::string& run_dir) : path_(control_socket_path(run_dir)) {
  struct stat st {};
  if (::lstat(path_.c_str(), &st) == 0) {
    if (!S_ISSOCK(st.st_mode))
      throw std::runtime_error("'" + path_ + "' exists and is not a socket; remove it");
    if (socket_answers(path_))
      throw std::runtime_error("another job is running in '" + run_dir +
                               "' (its control socket answers); use another --run-dir");
    ::unlink(path_.c_str());  // left by a job that died
  }
  listen_fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw sys_error("cannot create the control socket");
  UnixAddress a(path_);
  // Created 0600 from the start (no window in which others could connect), then made sure.
  const mode_t old = ::umask(0177);
  const int rc = ::bind(listen_fd_, a.addr(), a.size());
  const int bind_errno = errno;
  ::umask(old);
  if (rc != 0) {
    ::close(listen_fd_);
    errno = bind_errno;
    throw sys_error("cannot bind '" + path_ + "'");
  }
  if (::chmod(path_.c_str(), 0600) != 0 || ::listen(listen_fd_, kMaxClients) != 0) {
    const auto e = sys_error("cannot set up '" + path_ + "'");
    ::close(listen_fd_);
    ::unlink(path_.c_str());
    throw e;
  }
  if (::stat(path_.c_str(), &st) == 0) inode_ = st.st_ino;
}

ControlServer::~ControlServer() {
  for (auto& [fd, c] : clients_) ::close(fd);
  if (listen_fd_ >= 0) ::close(listen_fd_);
  // Remove the file only if it is still ours (not a newer job's).
  struct stat st {};
  if (::stat(path_.c_str(), &st) == 0 && st.st_ino == inode_) ::unlink(path_.c_str());
}

void ControlServer::accept_new() {
  for (;;) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;  // EAGAIN: none waiting (other errors: try again next poll)
    ucred cred{};
    socklen_t len = sizeof cred;
    const char* refuse = nullptr;
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 || cred.uid != ::geteuid())
      refuse = "error only the user who started the job may steer it\n";
    else if (static_cast<int>(clients_.size()) >= kMaxClients)
      refuse = "error too many clients\n";
    if (refuse) {
      [[maybe_unused]] auto n =
          ::send(fd, refuse, std::strlen(refuse), MSG_NOSIGNAL | MSG_DONTWAIT);
      ::close(fd);
      continue;
    }
    clients_.emplace(fd, Client{});
  }
}

bool ControlServer::read_from(int fd, Client& c, std::vector<Request>& out) {
  char buf[1024];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      return false;
    }
    if (n == 0) {
      c.eof = true;
      break;
    }
    c.in.append(buf, static_cast<std::size_t>(n));
    if (c.in.size() > kMaxPending && c.in.find('\n') == std::string::npos) {
      c.out += "error line longer than " + std::to_string(kMaxPending) + " bytes\n";
      flush(fd, c);  // best effort: the client is dropped either way
      return false;
    }
    if (c.in.size() > 4 * kMaxPending) break;  // enough for one poll; the rest waits
  }
  std::size_t start = 0;
  for (std::size_t nl; (nl = c.in.find('\n', start)) != std::string::npos; start = nl + 1) {
    std::string line = c.in.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    ++c.outstanding;
    out.push_back({fd, std::move(line)});
  }
  c.in.erase(0, start);
  if (c.eof && !c.in.empty()) {  // a last command without its newline
    ++c.outstanding;
    out.push_back({fd, std::move(c.in)});
    c.in.clear();
  }
  return true;
}

bool ControlServer::flush(int fd, Client& c) {
  while (!c.out.empty()) {
    const ssize_t n = ::send(fd, c.out.data(), c.out.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return c.out.size() <= kMaxPending;
      return false;
    }
    c.out.erase(0, static_cast<std::size_t>(n));
  }
  return true;
}

void ControlServer::drop(int fd) {
  ::close(fd);
  clients_.erase(fd);
}

void ControlServer::reap() {
  for (auto it = clients_.begin(); it != clients_.end();) {
    if (it->second.eof && it->second.outstanding == 0 && it->second.out.empty()) {
      ::close(it->first);
      it = clients_.erase(it);
    } else {
      ++it;
    }
  }
}

void ControlServer::poll(std::vector<Request>& out) {
  accept_new();
  std::vector<int> bad;
  for (auto& [fd, c] : clients_) {
    if (!flush(fd, c)) {
      bad.push_back(fd);
      continue;
    }
    if (!c.eof && !read_from(fd, c, out)) bad.push_back(fd);
  }
  for (int fd : bad) {
    drop(fd);
    // Requests of a dropped client stay in `out`; replies to them go nowhere.
  }
  reap();
}

void ControlServer::reply(int client, std::string_view line) {
  auto it = clients_.find(client);
  if (it == clients_.end()) return;
  Client& c = it->second;
  if (c.outstanding > 0) --c.outstanding;
  std::string l(line);
  for (char& ch : l)
    if (ch == '\n' || ch == '\r') ch = ' ';
  c.out += l;
  c.out += '\n';
  if (!flush(client, c)) {
    drop(client);
    return;
  }
  if (c.eof && c.outstanding == 0 && c.out.empty()) drop(client);
}

}  // namespace ps::telemetry
