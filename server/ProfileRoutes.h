#pragma once

namespace tokenpass::server {

class Router;
struct ServerState;

// GET/POST /api/profile (API.md §2.14) and the security image GET /api/auth/icon (§2.21, §5.8).
class ProfileRoutes
{
public:
    static void install(Router& router, ServerState& state);
};

} // namespace tokenpass::server
