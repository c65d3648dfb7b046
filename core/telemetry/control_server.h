#pragma once
// The job's end of the steering channel: a Unix-domain socket RUN_DIR/control.sock, mode 0600
// (and peers of another user are turned away), polled without blocking at step boundaries.
// Each line a client sends becomes a Request; the job answers it with reply(). Memory is bounded:
// at most kMaxClients connections, kMaxPending bytes of unanswered input or output each.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ps::telemetry {

class ControlServer {
 public:
  static constexpr int kMaxClients = 16;
  static constexpr std::size_t kMaxPending = 4096;

  struct Request {
    int client = -1;
    std::string line;  // without its newline
  };

  // Binds RUN_DIR/control.sock. A stale socket left by a dead job is replaced; a live one (its
  // job still answers) makes this throw std::runtime_error, as does any other failure.
  explicit ControlServer(const std::string& run_dir);
  ~ControlServer();  // closes every connection and removes the socket file
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  // Accepts new clients and reads what they sent; appends complete lines to `out`. Never blocks.
  void poll(std::vector<Request>& out);
  // Sends `line` (made one line: newlines become spaces) to the client of a request. A client
  // that does not read its replies is dropped rather than waited for.
  void reply(int client, std::string_view line);

  const std::string& path() const { return path_; }
  int num_clients() const { return static_cast<int>(clients_.size()); }

 private:
  struct Client {
    std::string in, out;
    int outstanding = 0;  // requests handed out, not yet answered
    bool eof = false;     // the client shut its sending side
  };
  void accept_new();
  bool read_from(int fd, Client& c, std::vector<Request>& out);  // false: drop the client
  bool flush(int fd, Client& c);                                 // false: drop the client
  void drop(int fd);
  void reap();  // closes clients that are done

  std::string path_;
  int listen_fd_ = -1;
  unsigned long long inode_ = 0;
  std::map<int, Client> clients_;
};

}  // namespace ps::telemetry
