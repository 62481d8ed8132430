// HttpClient on Linux and macOS: HTTP/1.1 over a plain TCP socket (HttpWire.h frames it). The
// command line only talks to TokenPass on loopback, so it needs none of QNetworkAccessManager's
// proxies, TLS, caches or HTTP/2; and without it `tokenpass` (tray app and command line in one
// binary) never loads Qt Network. Each request runs against one deadline, with poll().
#include "HttpClient.h"
#include "HttpWire.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace tokenpass::cli {

namespace {

using Clock = std::chrono::steady_clock;

#ifdef MSG_NOSIGNAL
constexpr int kSendFlags = MSG_NOSIGNAL; // a closed peer must not raise SIGPIPE
#else
constexpr int kSendFlags = 0; // macOS: SO_NOSIGPIPE on the socket instead
#endif

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

int msLeft(Clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return int(std::clamp<long long>(left, 0, 24LL * 3600 * 1000));
}

// Waits for `events`; false on timeout (errno ETIMEDOUT) or error.
bool waitFor(int fd, short events, Clock::time_point deadline)
{
    for (;;) {
        pollfd p{fd, events, 0};
        const int n = ::poll(&p, 1, msLeft(deadline));
        if (n > 0)
            return true;
        if (n == 0) {
            errno = ETIMEDOUT;
            return false;
        }
        if (errno != EINTR)
            return false;
    }
}

int tcpSocket(int family)
{
    const int fd = ::socket(family, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    (void)::fcntl(fd, F_SETFD, FD_CLOEXEC); // the MCP bridge's host may start other programs
    (void)::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    const int one = 1;
    (void)::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); // small requests, at once
#ifdef SO_NOSIGPIPE
    (void)::setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
    return fd;
}

// A connected socket to the URL's host and port, or -1 and why.
int connectTo(const QUrl& url, Clock::time_point deadline, QString* error)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* list = nullptr;
    const QByteArray host = url.host().toUtf8();
    const QByteArray port = QByteArray::number(url.port(80));
    if (const int rc = ::getaddrinfo(host.constData(), port.constData(), &hints, &list); rc != 0) {
        *error = QStringLiteral("%1: %2").arg(url.host(), QString::fromLocal8Bit(::gai_strerror(rc)));
        return -1;
    }
    int fd = -1;
    for (addrinfo* ai = list; ai && fd < 0; ai = ai->ai_next) {
        fd = tcpSocket(ai->ai_family);
        if (fd < 0) {
            *error = systemError(errno);
            continue;
        }
        int rc = ::connect(fd, ai->ai_addr, ai->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS) {
            int soError = ETIMEDOUT;
            socklen_t length = sizeof soError;
            if (waitFor(fd, POLLOUT, deadline))
                (void)::getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length);
            rc = soError == 0 ? 0 : -1;
            errno = soError;
        }
        if (rc != 0) {
            *error = errno == ETIMEDOUT ? QStringLiteral("connection timed out") : systemError(errno);
            ::close(fd);
            fd = -1;
        }
    }
    ::freeaddrinfo(list);
    return fd;
}

// An idle keep-alive connection that is readable has been closed by the server (or holds bytes
// nobody asked for): either way it cannot carry the next request.
bool isStale(int fd)
{
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, 0) != 0;
}

enum class Exchange
{
    Answered, // the reader holds a complete answer
    TimedOut, // the deadline passed
    Failed,   // write or read error, close before the end, or a malformed answer
};

// Writes the request and reads until the answer is complete.
Exchange exchange(int fd, const QByteArray& request, Clock::time_point deadline, HttpResponseReader& reader,
                  QString* error)
{
    qsizetype written = 0;
    while (written < request.size()) {
        const ssize_t n =
            ::send(fd, request.constData() + written, std::size_t(request.size() - written), kSendFlags);
        if (n > 0) {
            written += n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!waitFor(fd, POLLOUT, deadline))
                return errno == ETIMEDOUT ? Exchange::TimedOut
                                          : (*error = systemError(errno), Exchange::Failed);
        } else {
            *error = systemError(errno);
            return Exchange::Failed;
        }
    }
    char buffer[64 * 1024];
    for (;;) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        HttpResponseReader::State state = reader.state();
        if (n > 0) {
            state = reader.feed(QByteArrayView(buffer, n));
        } else if (n == 0) {
            state = reader.closed();
        } else if (errno == EINTR) {
            continue;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            if (!waitFor(fd, POLLIN, deadline))
                return errno == ETIMEDOUT ? Exchange::TimedOut
                                          : (*error = systemError(errno), Exchange::Failed);
            continue;
        } else {
            *error = systemError(errno);
            return Exchange::Failed;
        }
        if (state == HttpResponseReader::State::Complete)
            return Exchange::Answered;
        if (state == HttpResponseReader::State::Malformed) {
            *error = reader.error();
            return Exchange::Failed;
        }
    }
}

} // namespace

struct HttpClient::Connection
{
    int fd = -1;
    QString peer; // "host:port" of fd

    ~Connection() { close(); }
    void close()
    {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
};

HttpClient::HttpClient() : m_connection(std::make_unique<Connection>()) {}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::send(const QByteArray& method, const QUrl& url, const QByteArray& body,
                              const HttpHeaders& headers, int timeoutMs)
{
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    const QByteArray request = httpRequestBytes(method, url, body, headers);
    const QString peer = url.host() + u':' + QString::number(url.port(80));
    Connection& c = *m_connection;
    HttpResponse response;
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (c.fd >= 0 && (c.peer != peer || isStale(c.fd)))
            c.close();
        const bool reused = c.fd >= 0;
        if (!reused) {
            c.fd = connectTo(url, deadline, &response.error);
            if (c.fd < 0)
                return response;
            c.peer = peer;
        }
        HttpResponseReader reader;
        QString error;
        const Exchange outcome = exchange(c.fd, request, deadline, reader, &error);
        if (outcome == Exchange::Answered) {
            response.reached = true;
            response.status = reader.status();
            response.headers = reader.headers();
            response.body = reader.body();
            if (!reader.keepAlive())
                c.close();
            return response;
        }
        c.close();
        if (outcome == Exchange::TimedOut) {
            response.error = QStringLiteral("no answer within %1 s").arg(timeoutMs / 1000);
            return response;
        }
        // A kept connection the server closed while we wrote: once more on a fresh one.
        if (reused && !reader.receivedAnything())
            continue;
        response.error = error;
        return response;
    }
    return response;
}

} // namespace tokenpass::cli
