#pragma once

namespace tokenpass::server {

class Router;
struct ServerState;

// GET / and HEAD /: the health check v0.0.8's desktop app (and scripts) use (API.md §1.1).
class PageRoutes
{
public:
    static void install(Router& router, ServerState& state);
};

} // namespace tokenpass::server
