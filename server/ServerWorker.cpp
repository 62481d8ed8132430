#include "ServerWorker.h"

#include "GuardedTcpServer.h"
#include "HttpFrontend.h"
#include "OAuthRoutes.h"
#include "Router.h"
#include "ServerSetup.h"
#include "oauth/Provider.h"

#include <QHostAddress>
#include <QTcpServer>

namespace tokenpass::server {

ServerWorker::ServerWorker(ServerOptions options, ServerServices services, QObject* parent) : QObject(parent)
{
    m_state.options = std::move(options);
    m_state.services = std::move(services);
    m_state.pool = &m_pool;
    // Pool threads live as long as the server: each thread opens its own SQLite connection, and a
    // pool that retired idle threads would open a new one for every burst of requests.
    m_pool.setExpiryTimeout(-1);
}

ServerWorker::~ServerWorker()
{
    // Wallet work still running (a client that gave up, a stop during unlock) finishes first: the
    // wallet outlives the server, not the other way round. Its continuations are dropped with the
    // waiter, their context object.
    m_pool.waitForDone();
}

Result<quint16> ServerWorker::start()
{
    auto made = setUpServer(m_state, this);
    if (!made)
        return Result<quint16>::fail(made.error());
    m_router = std::move(*made);

    m_frontend = new HttpFrontend(*m_router, this);

    // What every connection is held to before Qt reads it (issue 15), both listeners together.
    GuardedTcpServer::Policy policy;
    policy.idleMs = m_state.options.idleTimeoutMs;
    policy.maxConnections = m_state.options.maxConnections;
    Router* router = m_router.get();
    policy.framing.bodyCap = [router](QByteArrayView method, QByteArrayView target) {
        return router->bodyCap(method, target);
    };
    ServerState* state = &m_state;
    policy.hostAllowed = [state](const QByteArray& host) { return Router::hostAllowed(host, state->port); };

    // Decision 1: loopback only, never all interfaces.
    auto* v4 = new GuardedTcpServer(policy, m_frontend);
    if (!v4->listen(QHostAddress::LocalHost, m_state.options.port)) {
        const QString why = v4->serverError() == QAbstractSocket::AddressInUseError
                                ? QStringLiteral("Port %1 is already in use; is TokenPass already running?")
                                      .arg(m_state.options.port)
                                : QStringLiteral("Cannot listen on 127.0.0.1:%1: %2")
                                      .arg(m_state.options.port)
                                      .arg(v4->errorString());
        delete v4;
        return Result<quint16>::fail(why);
    }
    m_state.port = v4->serverPort();
    if (!compat::bindTcpServer(*m_frontend, v4))
        return Result<quint16>::fail(QStringLiteral("Cannot attach the HTTP server to its socket"));

    if (m_state.options.listenIpv6) {
        // ::1 where the system has it; its absence is not an error.
        auto* v6 = new GuardedTcpServer(policy, m_frontend);
        if (v6->listen(QHostAddress::LocalHostIPv6, m_state.port))
            compat::bindTcpServer(*m_frontend, v6);
        else
            delete v6;
    }
    return Result<quint16>::ok(m_state.port);
}

void ServerWorker::revokeOAuthClient(const QString& clientId)
{
    (void)OAuthRoutes::provider(m_state).revokeClient(clientId);
    Q_EMIT oauthClientRevoked(clientId);
}

} // namespace tokenpass::server
