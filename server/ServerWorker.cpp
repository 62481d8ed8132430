#include "ServerWorker.h"

#include "ApprovalWaiter.h"
#include "AuthRoutes.h"
#include "BackupRoutes.h"
#include "BapProfileRoutes.h"
#include "CryptoRoutes.h"
#include "GuardedTcpServer.h"
#include "HttpFrontend.h"
#include "IdentityRoutes.h"
#include "PageRoutes.h"
#include "ProfileRoutes.h"
#include "Router.h"
#include "SyncRoutes.h"
#include "WalletRoutes.h"

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
    if (!m_state.services.wallet || !m_state.services.database)
        return Result<quint16>::fail(QStringLiteral("The server needs a wallet and a database"));
    const Clock& clock = m_state.clock();
    const auto& db = m_state.services.database;
    m_state.tokens = std::make_unique<access::AccessTokens>(db, clock);
    if (!m_state.services.gatekeeper)
        m_state.ownGatekeeper =
            std::make_unique<access::Gatekeeper>(std::make_shared<access::Grants>(db, clock), nullptr, clock);
    m_state.gatekeeper =
        m_state.services.gatekeeper ? m_state.services.gatekeeper : m_state.ownGatekeeper.get();
    m_state.profiles = std::make_unique<store::ProfileRecords>(db);
    m_state.hostKeys = std::make_unique<store::HostKeyRecords>(db);
    m_state.audit = std::make_unique<store::AuditLog>(db, clock);
    m_state.backoff = std::make_unique<store::UnlockBackoff>(db, clock);
    m_state.limiter = std::make_unique<RateLimiter>(clock);
    m_state.savedOrigins = std::make_unique<access::OriginWhitelist>(db);
    m_state.sessionKey = crypto::PrivateKey::generate();
    m_state.waiter = new ApprovalWaiter(m_state, this);
    m_state.writeBehind = new WriteBehind(m_state, this);

    m_router = std::make_unique<Router>(m_state);
    WalletRoutes::install(*m_router, m_state);
    AuthRoutes::install(*m_router, m_state);
    CryptoRoutes::install(*m_router, m_state);
    ProfileRoutes::install(*m_router, m_state);
    IdentityRoutes::install(*m_router, m_state);
    BackupRoutes::install(*m_router, m_state);
    BapProfileRoutes::install(*m_router, m_state);
    SyncRoutes::install(*m_router, m_state);
    PageRoutes::install(*m_router, m_state);

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

} // namespace tokenpass::server
