#include "SocketOps.h"

#ifndef _WIN32 // SocketOps_win.cpp there

#include <QString>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tokenpass::server::net {

namespace {

#ifdef MSG_NOSIGNAL
constexpr int kSendFlags = MSG_NOSIGNAL;
#else
constexpr int kSendFlags = 0; // macOS: SO_NOSIGPIPE on each socket instead
#endif

void makeNonBlockingAndPrivate(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC);
#ifdef SO_NOSIGPIPE
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
}

QString lastError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

Result<Listening> listenLoopback(bool ipv6, quint16 port, ListenFailure* failure)
{
    const int fd = ::socket(ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
    const auto fail = [&](QString reason) {
        const bool inUse = errno == EADDRINUSE;
        if (fd >= 0)
            ::close(fd);
        if (failure)
            *failure = {inUse, reason};
        return Result<Listening>::fail(reason);
    };
    if (fd < 0)
        return fail(lastError());
    makeNonBlockingAndPrivate(fd);
    const int one = 1;
    // As QTcpServer does on Unix: a restart may bind while old connections sit in TIME_WAIT.
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    int bound = -1;
    if (ipv6) {
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
        sockaddr_in6 address{};
        address.sin6_family = AF_INET6;
        address.sin6_port = htons(port);
        address.sin6_addr = in6addr_loopback;
        bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    } else {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    }
    if (bound != 0 || ::listen(fd, SOMAXCONN) != 0)
        return fail(lastError());

    sockaddr_storage local{};
    socklen_t length = sizeof local;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) != 0)
        return fail(lastError());
    const quint16 actual = local.ss_family == AF_INET6
                               ? ntohs(reinterpret_cast<sockaddr_in6*>(&local)->sin6_port)
                               : ntohs(reinterpret_cast<sockaddr_in*>(&local)->sin_port);
    return Result<Listening>::ok(Listening{fd, actual});
}

Socket acceptClient(Socket listening, int receiveBufferBytes)
{
    int fd = -1;
    do {
        fd = ::accept(int(listening), nullptr, nullptr);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return kNoSocket;
    makeNonBlockingAndPrivate(fd);
    // A fixed receive buffer: no auto-tuning to megabytes for a client that sends faster than a
    // request needs (what the server has not read stays in the kernel, bounded too).
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBufferBytes, sizeof receiveBufferBytes);
    return fd;
}

qint64 readSome(Socket socket, char* into, qint64 capacity)
{
    for (;;) {
        const ssize_t n = ::recv(int(socket), into, size_t(capacity), 0);
        if (n >= 0)
            return qint64(n);
        if (errno == EINTR)
            continue;
        return errno == EAGAIN || errno == EWOULDBLOCK ? kWouldBlock : kFailed;
    }
}

qint64 writeSome(Socket socket, const char* from, qint64 size)
{
    for (;;) {
        const ssize_t n = ::send(int(socket), from, size_t(size), kSendFlags);
        if (n >= 0)
            return qint64(n);
        if (errno == EINTR)
            continue;
        return errno == EAGAIN || errno == EWOULDBLOCK ? kWouldBlock : kFailed;
    }
}

void shutdownWrite(Socket socket)
{
    ::shutdown(int(socket), SHUT_WR);
}

void closeSocket(Socket socket)
{
    if (socket != kNoSocket)
        ::close(int(socket));
}

} // namespace tokenpass::server::net

#endif // _WIN32
