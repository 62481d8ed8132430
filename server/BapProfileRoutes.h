#pragma once

#include <QJsonObject>
#include <QString>

namespace tokenpass::server {

struct ApiRequest;
class Reply;
struct ServerState;

// GET /api/bap-profile?idKey= (API.md §2.17): the public BAP profile, fetched from the BAP API
// (the BapProfileUrl setting, decision 12) without blocking the server thread.
class BapProfileRoutes
{
public:
    // Route handlers (RouteTable.cpp).
    static void fetchProfile(ServerState& state, const ApiRequest& request, const Reply& reply);

    // What the dashboard gets from the upstream `result`: `_` renamed to `txHash`, and
    // identity.image|logo|banner made displayable (displayableImage).
    static QJsonObject profileFromResult(QJsonObject result);
    // "/<64-hex>…", "b://…", "ord://…", "bitfs://…" and bare "<64-hex>[_n]" -> ordfs.network;
    // anything else (https:, data:, …) as it is.
    static QString displayableImage(const QString& image);
};

} // namespace tokenpass::server
