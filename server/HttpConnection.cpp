#include "HttpConnection.h"

#include "HttpWire.h"
#include "crypto/SecureBytes.h"

#include <QPointer>
#include <QSocketNotifier>

#include <utility>

namespace tokenpass::server {

namespace {

constexpr qint64 kReadChunk = 16 * 1024;
// After a refusal or "Connection: close": how long the client may take to read the answer and
// close, while what it still sends is dropped. Closing at once with its bytes unread would make
// the kernel reset the connection, and the client could lose the answer.
constexpr int kLingerMs = 2000;

} // namespace

HttpConnection::HttpConnection(net::Socket socket, const ConnectionPolicy& policy, RequestHandler handler,
                               QObject* parent)
    : QObject(parent), m_socket(socket), m_framing(policy.framing), m_handler(std::move(handler)),
      m_hostAllowed(policy.hostAllowed)
{
    m_readNotifier = new QSocketNotifier(m_socket, QSocketNotifier::Read, this);
    m_writeNotifier = new QSocketNotifier(m_socket, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &HttpConnection::readAvailable);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &HttpConnection::flush);

    m_idle.setSingleShot(true);
    connect(&m_idle, &QTimer::timeout, this, &HttpConnection::close);
    if (policy.idleMs > 0) {
        m_idle.setInterval(policy.idleMs);
        m_idle.start();
    }
}

HttpConnection::~HttpConnection()
{
    release();
}

void HttpConnection::readAvailable()
{
    char chunk[kReadChunk];
    const qint64 n = net::readSome(m_socket, chunk, kReadChunk);
    if (n == net::kWouldBlock)
        return;
    if (n <= 0)
        return close(); // the client closed or reset: a request being answered is given up
    if (!m_lingering) {
        const bool accepted = m_framing.feed(QByteArrayView(chunk, n));
        crypto::SecureBytes::wipe(chunk, std::size_t(n)); // a body may hold a password
        if (!accepted)
            return refuse();
        dispatchWaiting();
        sendContinueIfAsked();
    } else {
        crypto::SecureBytes::wipe(chunk, std::size_t(n));
    }
    updateReadInterest();
}

void HttpConnection::dispatchWaiting()
{
    if (m_dispatching)
        return; // an answer given inside the handler: the loop below takes the next request
    m_dispatching = true;
    while (!m_closed && !m_ending && m_inFlight == 0 && m_framing.completeRequests() > 0) {
        FramedRequest request = m_framing.takeRequest();
        const quint64 serial = m_nextSerial++;
        m_inFlight = serial;
        m_inFlightHead = request.method == "HEAD";
        m_inFlightKeepAlive = request.keepAlive;
        const QPointer<HttpConnection> self(this);
        Responder responder(
            [self, serial](int status, const HeaderList& headers, const QByteArray& body) {
                if (self)
                    self->answer(serial, status, headers, body);
            },
            [self, serial] { return self && !self->m_closed && self->m_inFlight == serial; });
        m_handler(std::move(request), std::move(responder));
    }
    m_dispatching = false;
}

void HttpConnection::answer(quint64 serial, int status, const HeaderList& headers, const QByteArray& body)
{
    if (m_closed || serial != m_inFlight)
        return;
    m_inFlight = 0;
    const bool closeAfter = !m_inFlightKeepAlive;
    queueOutput(wire::response(status, headers, body, m_inFlightHead, closeAfter));
    if (closeAfter)
        return endAfterOutput();
    dispatchWaiting();
    sendContinueIfAsked();
    updateReadInterest();
}

void HttpConnection::sendContinueIfAsked()
{
    // Only between answers: an interim 100 must not land before an earlier request's answer.
    if (m_closed || m_ending || m_inFlight != 0 || m_framing.completeRequests() > 0 ||
        !m_framing.expectsContinue())
        return;
    const quint64 request = m_framing.requestsFramed() + 1;
    if (m_continueSentFor == request)
        return;
    m_continueSentFor = request;
    queueOutput(wire::continueInterim());
}

void HttpConnection::queueOutput(const QByteArray& bytes)
{
    if (m_closed)
        return;
    m_out.append(bytes);
    flush();
}

void HttpConnection::flush()
{
    while (!m_closed && m_outSent < m_out.size()) {
        const qint64 n = net::writeSome(m_socket, m_out.constData() + m_outSent, m_out.size() - m_outSent);
        if (n == net::kWouldBlock) {
            m_writeNotifier->setEnabled(true);
            return;
        }
        if (n < 0)
            return close();
        m_outSent += qsizetype(n);
        if (m_idle.interval() > 0 && !m_lingering)
            m_idle.start(); // the server wrote: the idle clock starts again
    }
    if (m_closed)
        return;
    m_writeNotifier->setEnabled(false);
    crypto::SecureBytes::wipeShared(m_out); // an answer may carry secrets (an export)
    m_out.clear();
    m_outSent = 0;
    if (m_ending && !m_lingering) {
        net::shutdownWrite(m_socket);
        m_lingering = true;
        m_idle.start(kLingerMs);
        updateReadInterest();
    }
}

void HttpConnection::refuse()
{
    ApiError error = m_framing.refusal();
    // Decision 2: a foreign Host is told 421 before anything else (the body size included).
    if (error == ApiError::PayloadTooLarge && m_hostAllowed && !m_hostAllowed(m_framing.host()))
        error = ApiError::MisdirectedRequest;
    m_inFlight = 0; // a request still being answered loses its answer: the refusal comes first
    queueOutput(wire::refusal(error));
    endAfterOutput();
}

void HttpConnection::endAfterOutput()
{
    m_ending = true;
    flush(); // FIN once the answer is out (flush() again from the write notifier, if need be)
    updateReadInterest();
}

void HttpConnection::close()
{
    if (m_closed)
        return;
    release();
    deleteLater(); // not now: this may run inside a notifier's signal
}

void HttpConnection::release()
{
    if (m_closed)
        return;
    m_closed = true;
    m_inFlight = 0;
    m_idle.stop();
    // Disabled before their descriptor is closed (its number may be reused at once); they go
    // with this object.
    m_readNotifier->setEnabled(false);
    m_writeNotifier->setEnabled(false);
    net::closeSocket(m_socket);
    m_socket = net::kNoSocket;
    crypto::SecureBytes::wipeShared(m_out);
    m_out.clear();
}

void HttpConnection::updateReadInterest()
{
    if (m_closed)
        return;
    // Stop reading while an answer is pending and another request already waits (bounded memory);
    // the kernel's receive buffer, fixed at accept, holds the rest.
    const bool backlog = m_inFlight != 0 && m_framing.completeRequests() > 0;
    m_readNotifier->setEnabled(m_lingering || (!m_ending && !backlog));
}

} // namespace tokenpass::server
