#include "ServerWorker.h"

#include "HttpServer.h"
#include "OAuthRoutes.h"
#include "Router.h"
#include "ServerSetup.h"
#include "oauth/Provider.h"

#include <QUrl>
#include <QUrlQuery>

namespace tokenpass::server {

namespace {

// A request as the routes read it. The target is parsed as Qt HTTP Server parsed it before
// (QUrl::fromEncoded), so paths and queries decode as they always have.
ApiRequest apiRequestFrom(FramedRequest framed)
{
    ApiRequest request;
    request.method = std::move(framed.method);
    const QUrl url = QUrl::fromEncoded(framed.target);
    request.path = url.path();
    if (request.path.isEmpty())
        request.path = QStringLiteral("/");
    request.query = QUrlQuery(url);
    request.headers = std::move(framed.headers);
    request.body = std::move(framed.body);
    return request;
}

} // namespace

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

    // What every connection is held to (issue 15), both listeners together.
    HttpServer::Policy policy;
    policy.maxConnections = m_state.options.maxConnections;
    policy.connection.idleMs = m_state.options.idleTimeoutMs;
    Router* router = m_router.get();
    policy.connection.framing.bodyCap = [router](QByteArrayView method, QByteArrayView target) {
        return router->bodyCap(method, target);
    };
    ServerState* state = &m_state;
    policy.connection.hostAllowed = [state](const QByteArray& host) {
        return Router::hostAllowed(host, state->port);
    };

    m_http = new HttpServer(
        policy,
        [router](FramedRequest framed, Responder responder) {
            router->dispatch(apiRequestFrom(std::move(framed)), std::move(responder));
        },
        this);
    const Result<quint16> port = m_http->listen(m_state.options.port, m_state.options.listenIpv6);
    if (!port)
        return port;
    m_state.port = *port;
    return Result<quint16>::ok(m_state.port);
}

void ServerWorker::revokeOAuthClient(const QString& clientId)
{
    (void)OAuthRoutes::provider(m_state).revokeClient(clientId);
    Q_EMIT oauthClientRevoked(clientId);
}

} // namespace tokenpass::server
