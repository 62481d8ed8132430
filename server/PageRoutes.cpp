#include "PageRoutes.h"

#include "ApiTypes.h"

namespace tokenpass::server {

namespace {

// §1.1: `HEAD http://localhost:21000/` must answer 200. Plain text, no CORS (not under /api).
ApiResponse healthAnswer(bool withBody)
{
    ApiResponse r =
        ApiResponse::json(200, withBody ? QByteArrayLiteral("TokenPass is running.\n") : QByteArray());
    r.contentType = QByteArrayLiteral("text/plain; charset=utf-8");
    return r;
}

} // namespace

void PageRoutes::health(ServerState& /*state*/, const ApiRequest& /*request*/, const Reply& reply)
{
    reply.send(healthAnswer(true));
}

void PageRoutes::healthHead(ServerState& /*state*/, const ApiRequest& /*request*/, const Reply& reply)
{
    reply.send(healthAnswer(false));
}

} // namespace tokenpass::server
