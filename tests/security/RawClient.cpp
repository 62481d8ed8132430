#include "RawClient.h"

#include <QFile>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tokenpass::test {

namespace {

constexpr qint64 kBlock = 64 * 1024;

const QByteArray& zeroBlock()
{
    static const QByteArray block(kBlock, 'a');
    return block;
}

const QByteArray& chunkBlock()
{
    static const QByteArray block = QByteArray::number(kBlock, 16) + "\r\n" + zeroBlock() + "\r\n";
    return block;
}

bool waitFor(int fd, short events, int ms)
{
    pollfd p{fd, events, 0};
    return ::poll(&p, 1, ms) > 0;
}

} // namespace

RawClient::RawClient(quint16 port)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_fd < 0)
        return;
    // A fixed send buffer: what send() accepts is then what the server side took (its kernel
    // buffer and what it read), not megabytes queued in this client's own kernel buffer.
    const int sendBuffer = 64 * 1024;
    ::setsockopt(m_fd, SOL_SOCKET, SO_SNDBUF, &sendBuffer, sizeof sendBuffer);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(m_fd);
        m_fd = -1;
        return;
    }
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
}

RawClient::~RawClient()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

qint64 RawClient::sendSome(const char* data, qint64 size)
{
    if (m_fd < 0 || m_closed || m_sendFailed)
        return -1;
    const ssize_t n = ::send(m_fd, data, size_t(size), MSG_NOSIGNAL);
    if (n >= 0)
        return n;
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
        return 0;
    m_sendFailed = true; // EPIPE, ECONNRESET: the server has closed; its answer may still be readable
    return -1;
}

bool RawClient::receiveSome()
{
    if (m_fd < 0 || m_closed)
        return false;
    char buffer[16384];
    for (int i = 0; i < 64; ++i) {
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            m_received.append(buffer, n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
            return true;
        m_closed = true; // 0: orderly close; ECONNRESET: closed with unread data
        return false;
    }
    return true;
}

bool RawClient::sendAll(const QByteArray& bytes, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    qint64 sent = 0;
    while (sent < bytes.size() && timer.elapsed() < timeoutMs) {
        const qint64 n = sendSome(bytes.constData() + sent, bytes.size() - sent);
        if (n < 0)
            return false;
        sent += n;
        if (n == 0)
            waitFor(m_fd, POLLOUT, 10);
    }
    return sent == bytes.size();
}

void RawClient::readUntilClosed(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!m_closed && timer.elapsed() < timeoutMs) {
        waitFor(m_fd, POLLIN, 10);
        receiveSome();
    }
}

bool RawClient::readOneResponse(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        const qsizetype end = m_received.indexOf("\r\n\r\n");
        if (end >= 0 && m_received.size() >= end + 4 + header("Content-Length").toLongLong())
            return true;
        if (m_closed)
            return false;
        waitFor(m_fd, POLLIN, 10);
        receiveSome();
    }
    return false;
}

int RawClient::status() const
{
    if (!m_received.startsWith("HTTP/1.1 "))
        return 0;
    return m_received.mid(9, 3).toInt();
}

QByteArray RawClient::body() const
{
    const qsizetype end = m_received.indexOf("\r\n\r\n");
    if (end < 0)
        return {};
    return m_received.mid(end + 4, header("Content-Length").toLongLong());
}

QByteArray RawClient::header(const QByteArray& name) const
{
    const qsizetype end = m_received.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = m_received.left(end < 0 ? 0 : end).split('\n');
    for (const QByteArray& line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

BodyStreamer::BodyStreamer(quint16 port, const QByteArray& head, qint64 bodyBytes, bool chunked)
    : m_client(port), m_pending(head), m_headBytes(head.size()), m_bodyLeft(bodyBytes), m_chunked(chunked)
{
    m_timer.start();
}

bool BodyStreamer::finished() const
{
    return !m_client.connected() || m_client.closed();
}

bool BodyStreamer::step()
{
    if (finished())
        return false;
    // Up to 1 MiB a step, so many streamers take turns.
    for (qint64 budget = 16; budget > 0; --budget) {
        if (m_pending.isEmpty() && m_bodyLeft > 0) {
            m_pending = m_chunked ? chunkBlock() : zeroBlock(); // shared, not copied
            m_bodyLeft = qMax<qint64>(0, m_bodyLeft - kBlock);
        }
        if (m_pending.isEmpty())
            break;
        const qint64 n = m_client.sendSome(m_pending.constData(), m_pending.size());
        if (n <= 0)
            break;
        m_sent += n;
        m_pending = n == m_pending.size() ? QByteArray() : m_pending.mid(n);
    }
    const qsizetype before = m_client.received().size();
    m_client.receiveSome();
    if (m_answerMs < 0 && m_client.received().size() > before)
        m_answerMs = m_timer.elapsed();
    return !m_client.closed();
}

StreamOutcome BodyStreamer::outcome() const
{
    StreamOutcome o;
    o.status = m_client.status();
    o.body = m_client.body();
    o.connectionHeader = m_client.header("Connection");
    o.acceptedBodyBytes = qMax<qint64>(0, m_sent - m_headBytes);
    o.closed = m_client.closed();
    o.msToAnswer = m_answerMs;
    return o;
}

void runStreamers(std::vector<std::unique_ptr<BodyStreamer>>& streamers, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        std::vector<pollfd> fds;
        for (const auto& s : streamers) {
            if (!s->finished())
                fds.push_back({s->fd(), POLLIN | POLLOUT, 0});
        }
        if (fds.empty())
            return;
        ::poll(fds.data(), fds.size(), 10);
        for (const auto& s : streamers) {
            if (!s->finished())
                s->step();
        }
    }
}

qint64 residentKib()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace tokenpass::test
