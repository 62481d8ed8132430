#pragma once

namespace tokenpass::server {

class Router;
struct ServerState;

// The wallet's own endpoints: status, session-key, register, login, logout, export
// (API.md §2.1–§2.6 with decisions 3, 4, 6, 8, 9).
class WalletRoutes
{
public:
    static void install(Router& router, ServerState& state);
};

} // namespace tokenpass::server
