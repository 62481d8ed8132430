#pragma once

namespace tokenpass::server {

class Router;
struct ServerState;

// The token endpoints that use the per-host key: sign, sign-aip, encrypt, decrypt, friend-pubkey
// (API.md §2.8–§2.13). Order per §2.8: lock -> body -> token -> the host's approval policy.
class CryptoRoutes
{
public:
    static void install(Router& router, ServerState& state);
};

} // namespace tokenpass::server
