#pragma once

// Every difference between the Qt HTTP Server releases we build against (6.4 .. 6.8) lives in this
// one header, so the rest of server/ is version-free. What changed, per release:
//
//  * 6.4:  QAbstractHttpServer::handleRequest(const QHttpServerRequest&, QTcpSocket*), and the
//          subclass builds its responder with the protected static makeResponder(). The responder
//          keeps a raw QTcpSocket*, and the server deletes a socket as soon as it disconnects
//          (unless handleRequest() is on the stack), so a responder held past handleRequest() must
//          be guarded with a QPointer on that socket (DESIGN.md "Threads").
//  * 6.5+: handleRequest(const QHttpServerRequest&, QHttpServerResponder&); the responder may be
//          moved out and answered later, and the stream stays alive until the responder dies.
//  * 6.4–6.7: headers are written one by one (writeStatusLine/writeHeader/writeBody).
//  * 6.8+: those are gone; write(QByteArray, QHttpHeaders, StatusCode) takes a header list.
//  * 6.4–6.7: bind(QTcpServer*) returns void; 6.8+: bool. We always hand over a QTcpServer that
//          is already listening, which every release accepts, instead of listen() (gone in 6.8).
//  * 6.4–6.7: missingHandler(request, socket | responder&&); 6.8+: missingHandler(request, responder&).
//  * Every release takes a socket from the QTcpServer (6.4: handleNewConnections(), 6.5–6.7:
//    QHttpServerStream, 6.8: QHttpServerHttp1ProtocolHandler), connects its readyRead handler
//    then, and reads the socket only from that handler, inside a read transaction that keeps the
//    request in the socket buffer until it is complete; 6.5+ disconnects the handler while a
//    responder is alive and connects it again (last) afterwards. ConnectionGuard relies on its
//    own readyRead slot, connected before the socket is handed over, staying ahead of Qt's, and
//    on QAbstractSocket's read notifier being a child QSocketNotifier (it fails closed, and the
//    tests fail, if a release changes that).

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtGlobal>

#include <functional>
#include <optional>
#include <utility>

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
#include <QHttpHeaders>
#endif

namespace tokenpass::server::compat {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
#define TOKENPASS_HTTP_HANDLE_REQUEST_ARGS const QHttpServerRequest &request, QHttpServerResponder &responder
#else
#define TOKENPASS_HTTP_HANDLE_REQUEST_ARGS const QHttpServerRequest &request, QTcpSocket *socket
#endif

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
#define TOKENPASS_HTTP_MISSING_HANDLER_ARGS const QHttpServerRequest &request, QHttpServerResponder &responder
#elif QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
#define TOKENPASS_HTTP_MISSING_HANDLER_ARGS                                                                  \
    const QHttpServerRequest &request, QHttpServerResponder &&responder
#else
#define TOKENPASS_HTTP_MISSING_HANDLER_ARGS const QHttpServerRequest &request, QTcpSocket *socket
#endif

// A responder that may outlive handleRequest(). On 6.4 it also watches the socket, because the
// server deletes disconnected sockets and the responder would write through a dangling pointer.
class HeldResponder
{
public:
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    explicit HeldResponder(QHttpServerResponder&& responder) : m_responder(std::move(responder)) {}
#else
    HeldResponder(QHttpServerResponder&& responder, QTcpSocket* socket)
        : m_responder(std::move(responder)), m_socket(socket)
    {}
#endif

    // Without Qt's responder: the answer goes to a function (tests/fuzz feed the Router directly).
    using Sink = std::function<void(int status, const HeaderList& headers, const QByteArray& body)>;
    explicit HeldResponder(Sink sink) : m_sink(std::move(sink)) {}

    // False once the client has gone away (the answer would go nowhere).
    bool connected() const
    {
        if (m_sink)
            return true;
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
        return m_responder.has_value();
#else
        return m_responder.has_value() && !m_socket.isNull() && m_socket->isOpen() &&
               m_socket->state() == QAbstractSocket::ConnectedState;
#endif
    }

    // Writes a complete response once; later calls and calls after a disconnect do nothing.
    void write(int status, const HeaderList& headers, const QByteArray& body)
    {
        if (m_sink) {
            const Sink sink = std::exchange(m_sink, nullptr);
            sink(status, headers, body);
            return;
        }
        if (!connected()) {
            m_responder.reset();
            return;
        }
        const auto code = static_cast<QHttpServerResponder::StatusCode>(status);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
        QHttpHeaders httpHeaders;
        for (const auto& [name, value] : headers)
            httpHeaders.append(name, value);
        m_responder->write(body, httpHeaders, code);
#else
        m_responder->writeStatusLine(code);
        for (const auto& [name, value] : headers)
            m_responder->writeHeader(name, value);
        m_responder->writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
        m_responder->writeBody(body);
#endif
        m_responder.reset();
    }

private:
    Sink m_sink;
    std::optional<QHttpServerResponder> m_responder;
#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
    QPointer<QTcpSocket> m_socket;
#endif
};

// Inside a QAbstractHttpServer subclass's handleRequest(): a HeldResponder for this request.
// (makeResponder() is protected on 6.4, so this must expand inside the subclass.)
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
#define TOKENPASS_HTTP_HOLD_RESPONDER() ::tokenpass::server::compat::HeldResponder(std::move(responder))
#else
#define TOKENPASS_HTTP_HOLD_RESPONDER()                                                                      \
    ::tokenpass::server::compat::HeldResponder(makeResponder(request, socket), socket)
#endif

// Attaches a listening QTcpServer to the HTTP server (which takes ownership).
inline bool bindTcpServer(QAbstractHttpServer& httpServer, QTcpServer* tcpServer)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    return httpServer.bind(tcpServer);
#else
    httpServer.bind(tcpServer);
    return true;
#endif
}

// The request headers as (name, value) pairs, in arrival order.
inline HeaderList requestHeaders(const QHttpServerRequest& request)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    HeaderList out;
    const QHttpHeaders& headers = request.headers();
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const auto name = headers.nameAt(i);
        out.append({QByteArray(name.data(), name.size()), headers.valueAt(i).toByteArray()});
    }
    return out;
#else
    return request.headers();
#endif
}

} // namespace tokenpass::server::compat
