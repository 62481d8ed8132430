#pragma once

#include "ConnectionGuard.h"

#include <QTcpServer>

#include <memory>

namespace tokenpass::server {

// The listening socket every client connection arrives through, and the limits it enforces
// before Qt HTTP Server sees the connection:
//  * at most maxConnections open at once (shared by the IPv4 and IPv6 listeners); a connection
//    past that is closed at once, and the open ones keep being served;
//  * a ConnectionGuard on each, which refuses oversized or badly framed requests before Qt
//    reads their bodies (docs/SECURITY.md);
//  * a connection that has gone idleMs without the server writing anything (since it opened, or
//    since its last response) is closed. A slow-loris client therefore holds a connection for
//    idleMs at most; client bytes do not reset the clock, so dribbling a header does not help.
//    idleMs must exceed the longest time a request is legitimately held (decision 5).
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    struct Policy
    {
        int idleMs = 30000; // 0: no idle limit
        int maxConnections = 256;
        std::shared_ptr<int> openConnections = std::make_shared<int>(0); // shared between listeners
        FramingLimits framing;
        ConnectionGuard::HostCheck hostAllowed;
    };

    explicit GuardedTcpServer(Policy policy, QObject* parent = nullptr);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    Policy m_policy;
};

} // namespace tokenpass::server
