#pragma once

#include "Result.h"
#include "access/AccessTokens.h"

#include <QString>

namespace tokenpass::server {

struct ApiRequest;
struct AuthParams;
class Reply;
struct ServerState;

// POST /api/auth (issue a token, API.md §2.7 with decisions 4 and 5) and DELETE /api/auth
// (revoke, decision 7). The browser consent page, GET /auth, is AuthPage.
class AuthRoutes
{
public:
    // Route handlers (RouteTable.cpp).
    static void postAuth(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void deleteAuth(ServerState& state, const ApiRequest& request, const Reply& reply);

    // Issues the token (§2.7) and audits it; the identity defaults to the first one, which is
    // written to *bapIdOut. Shared with AuthPage.
    static Result<access::IssuedToken> issueToken(ServerState& state, const AuthParams& params,
                                                  const QString& origin, QString* bapIdOut);
};

} // namespace tokenpass::server
