#include "IdleClosingTcpServer.h"

#include <QTcpSocket>
#include <QTimer>

namespace tokenpass::server {

IdleClosingTcpServer::IdleClosingTcpServer(int idleMs, QObject* parent) : QTcpServer(parent), m_idleMs(idleMs)
{}

void IdleClosingTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    if (m_idleMs > 0) {
        auto* idle = new QTimer(socket); // dies with the socket
        idle->setSingleShot(true);
        idle->setInterval(m_idleMs);
        connect(idle, &QTimer::timeout, socket, &QTcpSocket::abort);
        connect(socket, &QTcpSocket::bytesWritten, idle, qOverload<>(&QTimer::start));
        idle->start();
    }
    addPendingConnection(socket); // the HTTP server takes it from here
}

} // namespace tokenpass::server
