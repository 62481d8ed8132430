#include "ConnectionGuard.h"

#include <QEvent>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTcpSocket>
#include <QTimer>

#include <utility>

namespace tokenpass::server {

namespace {

Q_LOGGING_CATEGORY(lcGuard, "tokenpass.server.guard")

constexpr qint64 kReadAheadSlack = 16 * 1024;
constexpr int kRefusalFlushMs = 2000; // a client that does not read its refusal is cut off

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 421:
        return QByteArrayLiteral("Misdirected Request");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    default:
        return QByteArrayLiteral("Error");
    }
}

} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket* socket, FramingLimits limits, HostCheck hostAllowed)
    : QObject(socket), m_socket(socket), m_framing(std::move(limits)), m_hostAllowed(std::move(hostAllowed))
{
    socket->setReadBufferSize(headReadAhead());
    // The socket engine and its read notifier exist once the descriptor is set (HttpServerCompat.h).
    for (QSocketNotifier* notifier : socket->findChildren<QSocketNotifier*>()) {
        if (notifier->type() == QSocketNotifier::Read) {
            notifier->installEventFilter(this);
            m_watchingNotifier = true;
        }
    }
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::beforeHttpServerReads);
}

bool ConnectionGuard::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::SockAct || event->type() == QEvent::SockClose) {
        m_arrival = true;
        m_unreadBeforeArrival = m_socket->bytesAvailable();
    }
    return QObject::eventFilter(watched, event);
}

qint64 ConnectionGuard::headReadAhead()
{
    return FramingLimits::kMaxHeadBytes + kReadAheadSlack;
}

qint64 ConnectionGuard::bodyReadAhead(qsizetype bodyCap)
{
    // Qt keeps the whole request in the socket buffer until it is complete (a read transaction).
    return FramingLimits::kMaxHeadBytes + bodyCap + FramingLimits::kMaxChunkOverhead + kReadAheadSlack;
}

void ConnectionGuard::beforeHttpServerReads()
{
    if (!m_watchingNotifier) {
        // New bytes could not be told from old ones: fail closed, loudly (a Qt change; tests fail).
        qCCritical(lcGuard) << "no read notifier to watch; closing the connection";
        m_socket->abort();
        return;
    }
    if (m_framing.refused() || !std::exchange(m_arrival, false))
        return; // a re-emitted readyRead: nothing new arrived
    const qint64 unread = m_socket->bytesAvailable();
    const qint64 fresh = unread - m_unreadBeforeArrival;
    if (fresh <= 0)
        return;
    const QByteArray bytes = m_socket->peek(unread);
    if (!m_framing.feed(QByteArrayView(bytes).last(qMin<qint64>(fresh, bytes.size()))))
        return refuse();
    capReadBuffer();
}

void ConnectionGuard::capReadBuffer()
{
    const qint64 wanted = m_framing.inBody() ? bodyReadAhead(m_framing.bodyCap()) : headReadAhead();
    const qint64 current = m_socket->readBufferSize();
    if (wanted == current)
        return;
    // Raising is always safe. Lowering below what the buffer holds would stop reading until Qt
    // reads past it, which it may never do: lower only with no request of Qt's half-read (no read
    // transaction keeps bytes) and fewer unread bytes than the new size.
    if (wanted > current || (!m_socket->isTransactionStarted() && m_socket->bytesAvailable() < wanted))
        m_socket->setReadBufferSize(wanted);
}

void ConnectionGuard::refuse()
{
    // Qt's handler must not read on: the answer is ours, and the rest of the bytes stay unread.
    QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    ApiError error = m_framing.refusal();
    // Decision 2: a foreign Host is told 421 before anything else (the body size included).
    if (error == ApiError::PayloadTooLarge && m_hostAllowed && !m_hostAllowed(m_framing.host()))
        error = ApiError::MisdirectedRequest;
    m_socket->write(refusalResponse(error));
    m_socket->disconnectFromHost(); // closes once the answer is written; reads nothing more
    QTimer::singleShot(kRefusalFlushMs, m_socket, &QTcpSocket::abort);
}

QByteArray ConnectionGuard::refusalResponse(ApiError error)
{
    const ApiResponse response = errors::response(error);
    QByteArray out =
        "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) +
        "\r\nContent-Type: " + response.contentType +
        "\r\nContent-Length: " + QByteArray::number(response.body.size()) +
        "\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";
    return out + response.body;
}

} // namespace tokenpass::server
