#pragma once

namespace tokenpass::server {

struct ApiRequest;
class Reply;
struct ServerState;

// GET/POST /api/profile (API.md §2.14) and the security image GET /api/auth/icon (§2.21, §5.8).
class ProfileRoutes
{
public:
    // Route handlers (RouteTable.cpp).
    static void getProfile(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void postProfile(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void icon(ServerState& state, const ApiRequest& request, const Reply& reply);
};

} // namespace tokenpass::server
