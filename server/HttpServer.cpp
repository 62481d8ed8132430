#include "HttpServer.h"

#include <QSocketNotifier>

namespace tokenpass::server {

namespace {

constexpr int kKernelReceiveBuffer = 64 * 1024;

} // namespace

HttpServer::HttpServer(Policy policy, RequestHandler handler, QObject* parent)
    : QObject(parent), m_policy(std::move(policy)), m_handler(std::move(handler))
{}

HttpServer::~HttpServer()
{
    for (const Listener& listener : std::as_const(m_listeners)) {
        listener.notifier->setEnabled(false);
        net::closeSocket(listener.socket);
    }
}

Result<quint16> HttpServer::listen(quint16 port, bool alsoIpv6)
{
    net::ListenFailure failure;
    const Result<net::Listening> v4 = net::listenLoopback(false, port, &failure);
    if (!v4) {
        const QString why =
            failure.addressInUse
                ? QStringLiteral("Port %1 is already in use; is TokenPass already running?").arg(port)
                : QStringLiteral("Cannot listen on 127.0.0.1:%1: %2").arg(port).arg(failure.reason);
        return Result<quint16>::fail(why);
    }
    addListener(*v4);
    if (alsoIpv6) {
        // ::1 where the system has it; its absence is not an error.
        const Result<net::Listening> v6 = net::listenLoopback(true, v4->port, nullptr);
        if (v6)
            addListener(*v6);
    }
    return Result<quint16>::ok(v4->port);
}

void HttpServer::addListener(const net::Listening& listening)
{
    Listener listener;
    listener.socket = listening.socket;
    listener.notifier = new QSocketNotifier(listening.socket, QSocketNotifier::Read, this);
    const net::Socket socket = listening.socket;
    connect(listener.notifier, &QSocketNotifier::activated, this, [this, socket] { acceptFrom(socket); });
    m_listeners.append(listener);
}

void HttpServer::acceptFrom(net::Socket listening)
{
    // Everything waiting now; the notifier fires again for later arrivals.
    for (;;) {
        const net::Socket client = net::acceptClient(listening, kKernelReceiveBuffer);
        if (client == net::kNoSocket)
            return;
        if (m_open >= m_policy.maxConnections) {
            net::closeSocket(client); // nothing read or written; the open ones keep being served
            continue;
        }
        auto* connection = new HttpConnection(client, m_policy.connection, m_handler, this);
        ++m_open;
        connect(connection, &QObject::destroyed, this, [this] { --m_open; });
    }
}

} // namespace tokenpass::server
