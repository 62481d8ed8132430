// LocalChannel on Linux and macOS: a Unix-domain stream socket with plain socket calls. QLocalServer
// would do the same, but it lives in Qt Network, and loading that library (with OpenSSL, the TLS
// plugin, GSSAPI and libproxy behind it) costs both binaries megabytes and milliseconds at start.
#include "platform/LocalChannel.h"

#include <QDir>
#include <QFile>
#include <QSocketNotifier>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>

namespace tokenpass::platform {

namespace {

// A stranger that connects and never writes holds a descriptor; beyond this many, new
// connections are closed at once (a second launch always writes straight away).
constexpr std::size_t kMaxClients = 16;

QString systemError(const char* what)
{
    return QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromLocal8Bit(std::strerror(errno)));
}

// QLocalServer's rule, so a Qt Network client (the tests, an older TokenPass) finds us.
QByteArray socketPath(const QString& name)
{
    if (name.startsWith(u'/'))
        return QFile::encodeName(name);
    return QFile::encodeName(QDir::cleanPath(QDir::tempPath()) + u'/' + name);
}

bool fillAddress(const QByteArray& path, sockaddr_un& address, QString* error)
{
    std::memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    if (path.isEmpty() || std::size_t(path.size()) >= sizeof address.sun_path) {
        *error = QStringLiteral("socket path too long: %1").arg(QFile::decodeName(path));
        return false;
    }
    std::memcpy(address.sun_path, path.constData(), std::size_t(path.size()));
    return true;
}

// Non-blocking and close-on-exec (the tray app starts other programs). Two calls, not
// SOCK_NONBLOCK | SOCK_CLOEXEC, which macOS lacks.
int streamSocket()
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    (void)::fcntl(fd, F_SETFD, FD_CLOEXEC);
    (void)::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
#ifdef SO_NOSIGPIPE // macOS: a write to a closed peer must not raise SIGPIPE (Linux: MSG_NOSIGNAL)
    const int one = 1;
    (void)::setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
    return fd;
}

#ifdef MSG_NOSIGNAL
constexpr int kSendFlags = MSG_NOSIGNAL;
#else
constexpr int kSendFlags = 0;
#endif

// Waits for `events` on fd until the deadline; false on timeout or error (errno set).
bool waitFor(int fd, short events, std::chrono::steady_clock::time_point deadline)
{
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd p{fd, events, 0};
        const int n = ::poll(&p, 1, int(std::max<long long>(0, left.count())));
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

} // namespace

struct LocalChannelListener::Private
{
    struct Client
    {
        QSocketNotifier* notifier = nullptr;
        QByteArray received;
    };

    OnLine onLine;
    int listenFd = -1;
    QByteArray path;
    QSocketNotifier* acceptNotifier = nullptr;
    std::map<int, Client> clients;
    QString error;

    void acceptAll();
    void read(int fd);
    void drop(int fd);
    bool bindPrivately(const QByteArray& finalPath);
};

LocalChannelListener::LocalChannelListener(OnLine onLine) : d(std::make_unique<Private>())
{
    d->onLine = std::move(onLine);
}

LocalChannelListener::~LocalChannelListener()
{
    for (auto& [fd, client] : d->clients) {
        delete client.notifier;
        ::close(fd);
    }
    delete d->acceptNotifier;
    if (d->listenFd >= 0) {
        ::close(d->listenFd);
        ::unlink(d->path.constData()); // like QLocalServer::close(): a clean exit leaves no file
    }
}

QString LocalChannelListener::errorString() const
{
    return d->error;
}

// Binds in a fresh 0700 folder beside the final path, restricts the socket to its owner, then
// moves it into place: nobody else can connect in between (what QLocalServer::UserAccessOption
// does too).
bool LocalChannelListener::Private::bindPrivately(const QByteArray& finalPath)
{
    const qsizetype slash = finalPath.lastIndexOf('/');
    QByteArray folder = finalPath.left(slash + 1) + "tokenpass-bind.XXXXXX";
    if (!::mkdtemp(folder.data())) {
        error = systemError("mkdtemp");
        return false;
    }
    const QByteArray staging = folder + "/s";
    sockaddr_un address;
    bool ok = fillAddress(staging, address, &error);
    if (ok && ::bind(listenFd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        error = systemError("bind");
        ok = false;
    }
    if (ok && (::chmod(staging.constData(), S_IRUSR | S_IWUSR) != 0 ||
               ::rename(staging.constData(), finalPath.constData()) != 0)) {
        error = systemError("rename");
        ok = false;
    }
    ::unlink(staging.constData()); // gone after a successful rename; cleans up after a failure
    ::rmdir(folder.constData());
    return ok;
}

bool LocalChannelListener::listen(const QString& name)
{
    d->error.clear();
    d->path = socketPath(name);
    sockaddr_un unused;
    if (!fillAddress(d->path, unused, &d->error))
        return false;
    ::unlink(d->path.constData()); // a crashed instance's leftover (QLocalServer::removeServer)
    d->listenFd = streamSocket();
    if (d->listenFd < 0) {
        d->error = systemError("socket");
        return false;
    }
    if (!d->bindPrivately(d->path) || ::listen(d->listenFd, 8) != 0) {
        if (d->error.isEmpty())
            d->error = systemError("listen");
        ::close(d->listenFd);
        d->listenFd = -1;
        return false;
    }
    d->acceptNotifier = new QSocketNotifier(d->listenFd, QSocketNotifier::Read);
    QObject::connect(d->acceptNotifier, &QSocketNotifier::activated, [p = d.get()] { p->acceptAll(); });
    return true;
}

void LocalChannelListener::Private::acceptAll()
{
    for (;;) {
        const int fd = ::accept(listenFd, nullptr, nullptr);
        if (fd < 0)
            return; // EAGAIN: all taken; anything else: try again at the next wake-up
        if (clients.size() >= kMaxClients) {
            ::close(fd);
            continue;
        }
        (void)::fcntl(fd, F_SETFD, FD_CLOEXEC);
        (void)::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        auto* notifier = new QSocketNotifier(fd, QSocketNotifier::Read);
        clients[fd].notifier = notifier;
        QObject::connect(notifier, &QSocketNotifier::activated, [this, fd] { read(fd); });
        read(fd); // the line may be there already
    }
}

void LocalChannelListener::Private::read(int fd)
{
    auto it = clients.find(fd);
    if (it == clients.end())
        return;
    QByteArray& received = it->second.received;
    char buffer[kLocalChannelMaxLine];
    for (;;) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            received.append(buffer, n);
            const qsizetype newline = received.indexOf('\n');
            // QIODevice::readLine(kLocalChannelMaxLine): up to the newline, at most max - 1 bytes.
            const qsizetype end =
                newline >= 0 ? std::min(newline + 1, kLocalChannelMaxLine - 1)
                             : (received.size() >= kLocalChannelMaxLine - 1 ? kLocalChannelMaxLine - 1 : -1);
            if (end < 0)
                continue; // wait for the rest of the line
            const QByteArray line = received.left(end);
            drop(fd);
            onLine(line);
            return;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        drop(fd); // closed before a whole line, or an error
        return;
    }
}

void LocalChannelListener::Private::drop(int fd)
{
    auto it = clients.find(fd);
    if (it == clients.end())
        return;
    // We may be inside this notifier's activated(): delete it from the event loop.
    it->second.notifier->setEnabled(false);
    it->second.notifier->deleteLater();
    ::close(fd);
    clients.erase(it);
}

LocalChannelSend sendLocalLine(const QString& name, QByteArrayView message, int timeoutMs)
{
    LocalChannelSend result;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    sockaddr_un address;
    if (!fillAddress(socketPath(name), address, &result.error))
        return result;
    const int fd = streamSocket();
    if (fd < 0) {
        result.error = systemError("socket");
        return result;
    }
    int rc;
    for (;;) {
        rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
        if (rc == 0 || errno != EINTR) {
            if (rc != 0 && errno == EAGAIN && std::chrono::steady_clock::now() < deadline) {
                ::usleep(5000); // Linux: the listener's backlog is full; it may drain
                continue;
            }
            break;
        }
    }
    if (rc != 0 && errno == EINPROGRESS) {
        // macOS may finish the connection later: wait until it is writable, then ask how it went.
        int soError = 0;
        socklen_t length = sizeof soError;
        if (waitFor(fd, POLLOUT, deadline) &&
            ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length) == 0 && soError == 0)
            rc = 0;
        else if (soError != 0)
            errno = soError;
    }
    if (rc != 0) {
        result.error = systemError("connect");
        ::close(fd);
        return result;
    }
    result.status = LocalChannelSend::Status::NotWritten;
    qsizetype written = 0;
    while (written < message.size()) {
        const ssize_t n =
            ::send(fd, message.data() + written, std::size_t(message.size() - written), kSendFlags);
        if (n > 0) {
            written += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && waitFor(fd, POLLOUT, deadline))
            continue;
        result.error = systemError("write");
        ::close(fd);
        return result;
    }
    // The bytes are in the kernel's buffer; the listener reads them after we close. Not waiting
    // for its answer keeps a second launch from stalling on a busy first one.
    ::close(fd);
    result.status = LocalChannelSend::Status::Sent;
    return result;
}

} // namespace tokenpass::platform
