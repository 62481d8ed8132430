#pragma once

namespace tokenpass::server {

class Router;
struct ServerState;

// BAP identities and the settings stub: GET/POST /api/identity, POST /api/identity/guest,
// GET/POST /api/settings (API.md §2.15, §2.16, §2.20). The POSTs refuse browser origins
// (decision 4).
class IdentityRoutes
{
public:
    static void install(Router& router, ServerState& state);
};

} // namespace tokenpass::server
