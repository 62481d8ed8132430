#pragma once

namespace tokenpass::server {

struct ApiRequest;
class Reply;
struct ServerState;

// BAP identities and the settings stub: GET/POST /api/identity, POST /api/identity/guest,
// GET/POST /api/settings (API.md §2.15, §2.16, §2.20). The POSTs refuse browser origins
// (decision 4).
class IdentityRoutes
{
public:
    // Route handlers (RouteTable.cpp).
    static void getIdentity(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void postIdentity(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void postGuest(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void getSettings(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void postSettings(ServerState& state, const ApiRequest& request, const Reply& reply);
};

} // namespace tokenpass::server
