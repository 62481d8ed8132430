#pragma once

namespace tokenpass::server {

class Router;
struct ServerState;

// POST /api/auth (issue a token, API.md §2.7 with decisions 4 and 5) and DELETE /api/auth
// (revoke, decision 7), and GET /auth with /auth/wait (the browser consent page, decision 13).
class AuthRoutes
{
public:
    static void install(Router& router, ServerState& state);
};

} // namespace tokenpass::server
