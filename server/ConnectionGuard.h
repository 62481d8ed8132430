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
// Which bytes are new: the guard's readyRead hook runs before Qt's (connected first) and a second
// hook runs after it (connected once Qt has connected, GuardedTcpServer::nextPendingConnection).
// Between the two nothing but the socket adds bytes, so the new ones are the unread bytes minus
// those Qt left unread last time.
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

    // Becomes a child of the socket. Connect before the HTTP server does.
    ConnectionGuard(QTcpSocket* socket, FramingLimits limits, HostCheck hostAllowed);

    // Connects the hook that runs after the HTTP server's readyRead handler.
    void watchAfterHttpServer();

    // The complete HTTP/1.1 answer for a refusal: the JSON error, no-store, nosniff, close.
    static QByteArray refusalResponse(ApiError error);

    // Socket read buffer sizes: while reading a head, and while reading a body with this cap.
    static qint64 headReadAhead();
    static qint64 bodyReadAhead(qsizetype bodyCap);

private:
    void beforeHttpServerReads();
    void afterHttpServerRead();
    void refuse();
    void capReadBuffer();

    QTcpSocket* m_socket;
    RequestFraming m_framing;
    HostCheck m_hostAllowed;
    qint64 m_unreadLeft = 0; // what the HTTP server left unread after its last handler ran
    bool m_watchingAfter = false;
};

} // namespace tokenpass::server
