#pragma once

#include <QString>

namespace tokenpass::server {

struct ApiRequest;
class Reply;
struct ServerState;

// Cloud backup sync through Sigma (API.md §2.19, CRYPTO.md §10.8): POST /api/sync/push,
// POST /api/sync/pull, GET /api/sync/status. Each call to the sync server carries
// "Authorization: Bitcoin-Auth <brc77 token>" signed with the primary identity's member key over
// the path /api/backup/sync. Network work never blocks the server thread (decision 12); browser
// origins are refused unless whitelisted (decision 4).
class SyncRoutes
{
public:
    // Route handlers (RouteTable.cpp).
    static void push(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void pull(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void status(ServerState& state, const ApiRequest& request, const Reply& reply);

    static constexpr char kSyncPath[] = "/api/backup/sync";
    // ServerOptions::syncServerUrl, else SIGMA_AUTH_URL, else the SyncServerUrl setting.
    static QString serverUrl(const ServerState& state);
};

} // namespace tokenpass::server
