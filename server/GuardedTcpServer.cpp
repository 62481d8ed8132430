#include "GuardedTcpServer.h"

#include <QTcpSocket>
#include <QTimer>

namespace tokenpass::server {

namespace {

constexpr int kKernelReceiveBuffer = 64 * 1024;

} // namespace

GuardedTcpServer::GuardedTcpServer(Policy policy, QObject* parent)
    : QTcpServer(parent), m_policy(std::move(policy))
{}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    if (*m_policy.openConnections >= m_policy.maxConnections) {
        QTcpSocket refused; // closes the descriptor when it goes; nothing is read or written
        if (refused.setSocketDescriptor(socketDescriptor))
            refused.abort();
        return;
    }
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    // A fixed kernel receive buffer: no auto-tuning to megabytes for a client that sends faster
    // than a request needs (what the guard has not read stays in the kernel, and is bounded too).
    socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, kKernelReceiveBuffer);
    ++*m_policy.openConnections;
    connect(socket, &QObject::destroyed, this, [open = m_policy.openConnections] { --*open; });

    if (m_policy.idleMs > 0) {
        auto* idle = new QTimer(socket); // dies with the socket
        idle->setSingleShot(true);
        idle->setInterval(m_policy.idleMs);
        connect(idle, &QTimer::timeout, socket, &QTcpSocket::abort);
        connect(socket, &QTcpSocket::bytesWritten, idle, qOverload<>(&QTimer::start));
        idle->start();
    }
    // Before the HTTP server connects to readyRead, so the guard's check runs first.
    new ConnectionGuard(socket, m_policy.framing, m_policy.hostAllowed);
    addPendingConnection(socket); // the HTTP server takes it from here
}

} // namespace tokenpass::server
