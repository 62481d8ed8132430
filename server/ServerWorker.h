#pragma once

#include "Result.h"
#include "ServerOptions.h"
#include "ServerState.h"

#include <QObject>
#include <QThreadPool>

#include <memory>

namespace tokenpass::server {

class HttpServer;
class Router;

// The server thread's root object: owns the HTTP server (its listening sockets and connections), the route
// table and the shared route state. It is created, used and destroyed on the server thread (ServerController
// does that), so every Qt object below it belongs to that thread.
class ServerWorker : public QObject
{
    Q_OBJECT
public:
    ServerWorker(ServerOptions options, ServerServices services, QObject* parent = nullptr);
    ~ServerWorker() override;

    // Binds 127.0.0.1 (and ::1 where the system has it) on the configured port. Returns the port
    // actually bound (port 0 picks one), or a sentence saying why not.
    Result<quint16> start();

    // oauth::Provider::revokeClient on this thread's provider (ServerController::revokeOAuthClient).
    void revokeOAuthClient(const QString& clientId);

Q_SIGNALS:
    void oauthClientRevoked(const QString& clientId);

private:
    QThreadPool m_pool; // waited for in the destructor, before anything it may touch goes away
    ServerState m_state;
    std::unique_ptr<Router> m_router;
    HttpServer* m_http = nullptr;
};

} // namespace tokenpass::server
