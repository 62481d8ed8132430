#pragma once

#include "RequestFraming.h"
#include "Responder.h"
#include "SocketOps.h"

#include <QObject>
#include <QTimer>

#include <functional>

class QSocketNotifier;

namespace tokenpass::server {

// What every client connection is held to (docs/SECURITY.md, issue 15).
struct ConnectionPolicy
{
    // A connection that has gone idleMs without the server writing anything (since it opened, or
    // since it last wrote) is closed. Client bytes do not reset the clock, so a slow-loris client
    // holds a connection for idleMs at most. It must exceed the longest time a request is
    // legitimately held (decision 5). 0: no limit.
    int idleMs = 30000;
    FramingLimits framing;
    // Whether a Host value names this server (Router::hostAllowed with our port): a foreign Host
    // is told 421 before anything else, the body size included (decision 2).
    std::function<bool(const QByteArray& host)> hostAllowed;
};

// Each complete request, with the channel its answer goes back through.
using RequestHandler = std::function<void(FramedRequest request, Responder responder)>;

// One HTTP/1.1 client connection on a plain socket. Every byte read goes through RequestFraming,
// which refuses oversized or badly framed requests before their bodies are read; complete
// requests go to the handler one at a time, and their answers go out in order (pipelining).
// While a request is being answered the connection reads on (so a client that leaves is noticed
// and its pending request given up), but stops once a further complete request is waiting: what
// a connection holds is bounded by one request being answered, one read's worth of queued ones,
// and one request being read. Read and write buffers are wiped after use (issue 20).
// It deletes itself (deleteLater) when the connection ends.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    HttpConnection(net::Socket socket, const ConnectionPolicy& policy, RequestHandler handler,
                   QObject* parent = nullptr);
    ~HttpConnection() override;

private:
    void readAvailable();
    void dispatchWaiting();
    void answer(quint64 serial, int status, const HeaderList& headers, const QByteArray& body);
    void sendContinueIfAsked();
    void queueOutput(const QByteArray& bytes);
    void flush();
    void refuse();
    void endAfterOutput();
    void close();   // ends the connection and deletes this object later
    void release(); // closes the socket
    void updateReadInterest();

    net::Socket m_socket;
    QSocketNotifier* m_readNotifier = nullptr;
    QSocketNotifier* m_writeNotifier = nullptr;
    QTimer m_idle;
    RequestFraming m_framing;
    RequestHandler m_handler;
    std::function<bool(const QByteArray&)> m_hostAllowed;

    QByteArray m_out; // bytes not yet written, wiped once they have gone
    qsizetype m_outSent = 0;
    quint64 m_nextSerial = 1;
    quint64 m_inFlight = 0; // the serial of the request being answered; 0: none
    bool m_inFlightHead = false;
    bool m_inFlightKeepAlive = true;
    quint64 m_continueSentFor = 0; // 1 + requestsFramed() of the request told "100 Continue"
    bool m_dispatching = false;
    bool m_ending = false;    // no more requests: the output is flushed, then FIN, then close
    bool m_lingering = false; // FIN sent; what the client still sends is read and dropped
    bool m_closed = false;
};

} // namespace tokenpass::server
