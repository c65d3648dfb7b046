// The steering channel's socket: permissions, stale and live sockets, lines and replies.
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

#include "core/telemetry/control_client.h"
#include "core/telemetry/control_server.h"
#include "core/telemetry/unix_socket.h"
#include "tests/temp_dir.h"

using namespace ps::telemetry;
namespace fs = std::filesystem;

namespace {


// Polls until `n` requests came or two seconds passed.
std::vector<ControlServer::Request> wait_for(ControlServer& s, std::size_t n) {
  std::vector<ControlServer::Request> got;
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (got.size() < n && std::chrono::steady_clock::now() < end) {
    s.poll(got);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return got;
}

int raw_connect(const std::string& dir) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  UnixAddress a(control_socket_path(dir));
  REQUIRE(::connect(fd, a.addr(), a.size()) == 0);
  return fd;
}

std::string read_line(int fd) {
  std::string s;
  char c;
  while (::recv(fd, &c, 1, 0) == 1 && c != '\n') s += c;
  return s;
}

}  // namespace

TEST_CASE("the socket is private to its user and removed when the server goes") {
  TempDir dir;
  std::string path;
  {
    ControlServer server(dir.path.string());
    path = server.path();
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK(S_ISSOCK(st.st_mode));
    CHECK((st.st_mode & 0777) == 0600);
  }
  CHECK_FALSE(fs::exists(path));
}

TEST_CASE("a command goes in and its reply comes back") {
  TempDir dir;
  ControlServer server(dir.path.string());
  auto reply = std::async(std::launch::async,
                          [&] { return send_control_command(dir.path.string(), "ping", 5000); });
  auto got = wait_for(server, 1);
  REQUIRE(got.size() == 1);
  CHECK(got[0].line == "ping");
  server.reply(got[0].client, "ok pong\nstep=3");  // made one line
  CHECK(reply.get() == "ok pong step=3");
}

TEST_CASE("several lines on one connection are answered in order and CRLF is accepted") {
  TempDir dir;
  ControlServer server(dir.path.string());
  const int fd = raw_connect(dir.path.string());
  const std::string msg = "ping\r\nstatus\nset alpha=3";  // the last has no newline yet
  REQUIRE(::send(fd, msg.data(), msg.size(), 0) == static_cast<ssize_t>(msg.size()));
  auto got = wait_for(server, 2);
  REQUIRE(got.size() == 2);
  CHECK(got[0].line == "ping");
  CHECK(got[1].line == "status");
  ::shutdown(fd, SHUT_WR);  // end of input: the unterminated line counts
  auto more = wait_for(server, 1);
  REQUIRE(more.size() == 1);
  CHECK(more[0].line == "set alpha=3");
  server.reply(got[0].client, "ok 1");
  server.reply(got[1].client, "ok 2");
  server.reply(more[0].client, "ok 3");
  CHECK(read_line(fd) == "ok 1");
  CHECK(read_line(fd) == "ok 2");
  CHECK(read_line(fd) == "ok 3");
  ::close(fd);
  std::vector<ControlServer::Request> none;
  server.poll(none);
  CHECK(server.num_clients() == 0);
}

TEST_CASE("an endless line gets an error and the client is dropped, the server goes on") {
  TempDir dir;
  ControlServer server(dir.path.string());
  const int fd = raw_connect(dir.path.string());
  const std::string junk(ControlServer::kMaxPending + 100, 'x');
  REQUIRE(::send(fd, junk.data(), junk.size(), 0) > 0);
  std::vector<ControlServer::Request> got;
  for (int i = 0; i < 100 && server.num_clients() <= 1; ++i) {
    server.poll(got);
    if (server.num_clients() == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  CHECK(got.empty());
  CHECK(read_line(fd).rfind("error line longer", 0) == 0);
  ::close(fd);
  CHECK(server.num_clients() == 0);
  // Still serving.
  auto reply = std::async(std::launch::async,
                          [&] { return send_control_command(dir.path.string(), "ping", 5000); });
  auto ok = wait_for(server, 1);
  REQUIRE(ok.size() == 1);
  server.reply(ok[0].client, "ok");
  CHECK(reply.get() == "ok");
}

TEST_CASE("replying to a client that left neither blocks nor crashes") {
  TempDir dir;
  ControlServer server(dir.path.string());
  const int fd = raw_connect(dir.path.string());
  REQUIRE(::send(fd, "ping\n", 5, 0) == 5);
  auto got = wait_for(server, 1);
  REQUIRE(got.size() == 1);
  ::close(fd);
  for (int i = 0; i < 3; ++i) server.reply(got[0].client, "ok pong");  // EPIPE, no SIGPIPE
  server.poll(got);
  CHECK(server.num_clients() == 0);
}

TEST_CASE("a stale socket is replaced and a live one refuses a second job") {
  TempDir dir;
  {
    // What a killed job leaves: a bound socket file nobody listens on.
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    UnixAddress a(control_socket_path(dir.path.string()));
    REQUIRE(::bind(fd, a.addr(), a.size()) == 0);
    ::close(fd);
  }
  REQUIRE(fs::exists(control_socket_path(dir.path.string())));
  ControlServer first(dir.path.string());
  CHECK_THROWS_WITH(ControlServer(dir.path.string()), Catch::Contains("another job"));
}

TEST_CASE("no job listening: the client says so") {
  TempDir dir;
  CHECK_THROWS_WITH(send_control_command(dir.path.string(), "ping", 200),
                    Catch::Contains("no job answers"));
}

TEST_CASE("no reply in time: the client gives up") {
  TempDir dir;
  ControlServer server(dir.path.string());  // never polled
  CHECK_THROWS_WITH(send_control_command(dir.path.string(), "ping", 100),
                    Catch::Contains("no reply"));
}

TEST_CASE("run directories with paths beyond sockaddr_un's 108 bytes work") {
  TempDir dir;
  fs::path deep = dir.path;
  for (int i = 0; i < 6; ++i) deep /= std::string(30, static_cast<char>('a' + i));
  fs::create_directories(deep);
  REQUIRE(control_socket_path(deep.string()).size() > 108);
  ControlServer server(deep.string());
  CHECK(fs::exists(server.path()));
  auto reply = std::async(std::launch::async,
                          [&] { return send_control_command(deep.string(), "status", 5000); });
  auto got = wait_for(server, 1);
  REQUIRE(got.size() == 1);
  server.reply(got[0].client, "ok deep");
  CHECK(reply.get() == "ok deep");
}
