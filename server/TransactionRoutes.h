#pragma once

class QString;

namespace tokenpass::server {

struct ApiRequest;
class Reply;
struct ServerState;

// POST /api/sign/transaction (TX.md §2.3, §2.4; issue 17). Order: lock -> token with scope
// "transfer" -> body -> parse and safety rules (400 with a reason code) -> the Gatekeeper (ask the
// person in GUI mode; the wallet password in headless mode) -> sign the very plan that was shown.
// Only the site's own host key signs (the address /api/sign reports).
class TransactionRoutes
{
public:
    static void sign(ServerState& state, const ApiRequest& request, const Reply& reply);
    // Everything after the token check, for the key of `host`: also the MCP tool sign_transaction
    // (McpToolCalls.cpp, host "oauth:<client_id>").
    static void signFor(ServerState& state, const QString& host, const ApiRequest& request,
                        const Reply& reply);
};

} // namespace tokenpass::server
