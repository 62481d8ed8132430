#pragma once

#include "RequestFraming.h"

#include <QObject>

#include <functional>

class QTcpSocket;

namespace tokenpass::server {

// Watches one client connection on behalf of Qt HTTP Server, which reads the socket itself and
// would otherwise buffer any body a client announces (issue 15). Every byte the socket receives
// goes through a RequestFraming before Qt's readyRead handler can read it; when the framing
// refuses, Qt's handler is cut off, the refusal is written with Connection: close and the socket
// is closed without reading the rest. The guard only moves bytes; the verdicts are RequestFraming's.
//
// Which bytes are new: the socket appends bytes only when its read notifier fires, and then emits
// readyRead, whose first slot is the guard's (connected before Qt's; Qt 6.5+ reconnects its own
// at the end). The guard watches the notifier's events, so it knows how many unread bytes there
// were before the append; the rest are new, and it judges them before any other slot runs. A
// readyRead without a notifier event (Qt re-emits it for pipelined requests) brings nothing new.
//
// The socket's read buffer is capped as well, to what the current stage may need (a head, or a
// head and a body at its cap), so Qt never holds more than one capped request whatever it makes
// of the bytes, and the socket does not read far ahead of a verdict.
class ConnectionGuard : public QObject
{
    Q_OBJECT
public:
    // Whether a Host value names this server (Router::hostAllowed with our port).
    using HostCheck = std::function<bool(const QByteArray& host)>;

    // Becomes a child of the socket. Create it before the HTTP server takes the socket.
    ConnectionGuard(QTcpSocket* socket, FramingLimits limits, HostCheck hostAllowed);

    // The complete HTTP/1.1 answer for a refusal: the JSON error, no-store, nosniff, close.
    static QByteArray refusalResponse(ApiError error);

    // Socket read buffer sizes: while reading a head, and while reading a body with this cap.
    static qint64 headReadAhead();
    static qint64 bodyReadAhead(qsizetype bodyCap);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void beforeHttpServerReads();
    void refuse();
    void capReadBuffer();

    QTcpSocket* m_socket;
    RequestFraming m_framing;
    HostCheck m_hostAllowed;
    bool m_watchingNotifier = false;
    bool m_arrival = false; // the read notifier fired; readyRead has not run since
    qint64 m_unreadBeforeArrival = 0;
};

} // namespace tokenpass::server
