#pragma once

namespace tokenpass::server {

struct ApiRequest;
class Reply;
struct ServerState;

// The token endpoints that use the per-host key: sign, sign-aip, encrypt, decrypt, friend-pubkey
// (API.md §2.8–§2.13). Order per §2.8: lock -> body -> token -> the host's approval policy.
class CryptoRoutes
{
public:
    // Route handlers (RouteTable.cpp).
    static void sign(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void signAip(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void encrypt(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void decrypt(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void friendPubkey(ServerState& state, const ApiRequest& request, const Reply& reply);
};

} // namespace tokenpass::server
