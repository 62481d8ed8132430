#include "PageRoutes.h"

#include "Router.h"

namespace tokenpass::server {

namespace {

// §1.1: `HEAD http://localhost:21000/` must answer 200. Plain text, no CORS (not under /api).
ApiResponse health(bool withBody)
{
    ApiResponse r =
        ApiResponse::json(200, withBody ? QByteArrayLiteral("TokenPass is running.\n") : QByteArray());
    r.contentType = QByteArrayLiteral("text/plain; charset=utf-8");
    return r;
}

} // namespace

void PageRoutes::install(Router& router, ServerState& /*state*/)
{
    router.add({"GET",
                QStringLiteral("/"),
                OriginAccess::AnyOrigin,
                BodyMode::None,
                {},
                {},
                [](const ApiRequest&, const Reply& reply) { reply.send(health(true)); }});
    // A HEAD answer carries no body (RFC 9110); Content-Length 0 keeps the connection reusable.
    router.add({"HEAD",
                QStringLiteral("/"),
                OriginAccess::AnyOrigin,
                BodyMode::None,
                {},
                {},
                [](const ApiRequest&, const Reply& reply) { reply.send(health(false)); }});
}

} // namespace tokenpass::server
