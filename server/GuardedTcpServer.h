#pragma once

#include <QTcpServer>

namespace tokenpass::server {

// A listening socket whose connections are closed when they have gone idleMs without the server
// writing anything: since the connection opened, or since its last response. A client that opens
// connections and never finishes its request (slow-loris) therefore holds them for idleMs at
// most, and an idle keep-alive connection is let go as well. Client bytes do not reset the clock,
// so dribbling a header a byte at a time does not help. idleMs must exceed the longest time a
// request is legitimately held (the approval hold, decision 5).
class IdleClosingTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    IdleClosingTcpServer(int idleMs, QObject* parent = nullptr);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    int m_idleMs;
};

} // namespace tokenpass::server
