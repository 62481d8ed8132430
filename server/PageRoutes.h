#pragma once

namespace tokenpass::server {

struct ApiRequest;
class Reply;
struct ServerState;

// GET / and HEAD /: the health check v0.0.8's desktop app (and scripts) use (API.md §1.1).
class PageRoutes
{
public:
    // Route handlers (RouteTable.cpp).
    static void health(ServerState& state, const ApiRequest& request, const Reply& reply);
    // A HEAD answer carries no body (RFC 9110); Content-Length 0 keeps the connection reusable.
    static void healthHead(ServerState& state, const ApiRequest& request, const Reply& reply);
};

} // namespace tokenpass::server
