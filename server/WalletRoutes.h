#pragma once

namespace tokenpass::server {

struct ApiRequest;
class Reply;
struct ServerState;

// The wallet's own endpoints: status, session-key, register, login, logout, export
// (API.md §2.1–§2.6 with decisions 3, 4, 6, 8, 9).
class WalletRoutes
{
public:
    // Route handlers (RouteTable.cpp).
    static void status(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void sessionKey(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void registerWallet(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void login(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void logout(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void exportSecrets(ServerState& state, const ApiRequest& request, const Reply& reply);
};

} // namespace tokenpass::server
