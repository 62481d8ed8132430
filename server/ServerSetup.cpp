#include "ServerSetup.h"

#include "ApprovalWaiter.h"
#include "AuthPage.h"
#include "RouteTable.h"
#include "Router.h"
#include "ServerState.h"
#include "UpstreamClient.h"

namespace tokenpass::server {

Result<std::unique_ptr<Router>> setUpServer(ServerState& state, QObject* owner)
{
    using Made = Result<std::unique_ptr<Router>>;
    if (!state.services.wallet || !state.services.database)
        return Made::fail(QStringLiteral("The server needs a wallet and a database"));
    const Clock& clock = state.clock();
    const auto& db = state.services.database;
    state.tokens = std::make_unique<access::AccessTokens>(db, clock);
    if (!state.services.gatekeeper) {
        state.ownGatekeeper =
            std::make_unique<access::Gatekeeper>(std::make_shared<access::Grants>(db, clock), nullptr, clock);
        state.ownGatekeeper->setAllowances(std::make_shared<store::SpendingAllowances>(db, clock));
        state.ownGatekeeper->setOAuthConsents(std::make_shared<access::OAuthConsents>(db, clock));
    }
    state.gatekeeper = state.services.gatekeeper ? state.services.gatekeeper : state.ownGatekeeper.get();
    state.profiles = std::make_unique<store::ProfileRecords>(db);
    state.hostKeys = std::make_unique<store::HostKeyRecords>(db);
    state.outpoints = std::make_unique<store::OutpointMemory>(db, clock);
    state.audit = std::make_unique<store::AuditLog>(db, clock);
    state.backoff = std::make_unique<store::UnlockBackoff>(db, clock);
    state.limiter = std::make_unique<RateLimiter>(clock);
    state.savedOrigins = std::make_unique<access::OriginWhitelist>(db);
    state.sessionKey = crypto::PrivateKey::generate();
    state.waiter = new ApprovalWaiter(state, owner);
    state.writeBehind = new WriteBehind(state, owner);
    // Outbound HTTP on the server thread; dies with the server (the waiter is its parent).
    state.upstream = new UpstreamClient(state.waiter);
    state.pageConsents = std::make_shared<PageConsents>();
    return Made::ok(std::make_unique<Router>(state, routeTable()));
}

} // namespace tokenpass::server
