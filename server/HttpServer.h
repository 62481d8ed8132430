#pragma once

#include "HttpConnection.h"
#include "Result.h"

#include <QList>
#include <QObject>

class QSocketNotifier;

namespace tokenpass::server {

// The HTTP/1.1 server: loopback listeners on plain sockets, and one HttpConnection per client.
// Our own rather than Qt HTTP Server: every byte is judged by RequestFraming before anything
// holds it, answers may be given long after the request (a person deciding), nothing differs
// between Qt releases, and tokenpassd loads no Qt Network (docs/ARCHITECTURE.md "The HTTP server").
class HttpServer : public QObject
{
    Q_OBJECT
public:
    struct Policy
    {
        int maxConnections = 256; // past that, a new connection is closed at once
        ConnectionPolicy connection;
    };

    HttpServer(Policy policy, RequestHandler handler, QObject* parent = nullptr);
    ~HttpServer() override;

    // Decision 1: loopback only. 127.0.0.1 on `port` (0: a free one), and ::1 on the same port
    // where the system has it and `alsoIpv6`. Returns the port, or a sentence saying why not.
    Result<quint16> listen(quint16 port, bool alsoIpv6);

    int openConnections() const { return m_open; }

private:
    struct Listener
    {
        net::Socket socket = net::kNoSocket;
        QSocketNotifier* notifier = nullptr;
    };
    void addListener(const net::Listening& listening);
    void acceptFrom(net::Socket listening);

    Policy m_policy;
    RequestHandler m_handler;
    QList<Listener> m_listeners;
    int m_open = 0;
};

} // namespace tokenpass::server
