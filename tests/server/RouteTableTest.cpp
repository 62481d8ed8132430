// The route table (server/RouteTable.cpp) is the one list of routes: no (method, path) twice, and
// every row is served by the real server, not answered by the router's "no such route".

#include "RouteTable.h"
#include "ApiErrors.h"
#include "ServerHarness.h"

#include <QSet>

namespace tokenpass::test {
namespace {

using server::Route;

class RouteTable : public ServerHarness
{
protected:
    server::ServerOptions startOptions() const override
    {
        server::ServerOptions options = defaultOptions();
        // Sync and the BAP profile stay on this machine: a closed local port refuses at once.
        options.syncServerUrl = QStringLiteral("http://127.0.0.1:9");
        options.bapProfileUrl = QStringLiteral("http://127.0.0.1:9");
        return options;
    }
};

bool isRouterAnswer(const HttpResult& r, server::ApiError error)
{
    const server::ApiResponse expected = server::errors::response(error);
    return r.status == expected.status && r.body == expected.body;
}

TEST(RouteTableRows, NoMethodAndPathTwiceAndEveryRowComplete)
{
    QSet<QString> seen;
    for (const Route& route : server::routeTable()) {
        const QString key = QString::fromLatin1(route.method) + QLatin1Char(' ') + route.path;
        EXPECT_FALSE(seen.contains(key)) << qPrintable(key) << " is in the table twice";
        seen.insert(key);
        EXPECT_TRUE(route.path.startsWith(QLatin1Char('/'))) << qPrintable(key);
        EXPECT_TRUE(route.handler != nullptr) << qPrintable(key) << " has no handler";
        EXPECT_GT(route.maxBodyBytes, 0) << qPrintable(key);
    }
    // Every route of API.md, BapProfile and Sync included, transaction signing (TX.md) and the 20
    // of the OAuth provider, plus its 3 of the consent form and device flow (issue 16), plus the
    // MCP endpoint (issue 18): POST /mcp and the two RFC 9728 documents.
    EXPECT_EQ(seen.size(), 36 + 20 + 3 + 3);
    EXPECT_TRUE(seen.contains(QStringLiteral("POST /api/sign/transaction")));
    EXPECT_TRUE(seen.contains(QStringLiteral("GET /api/bap-profile")));
    EXPECT_TRUE(seen.contains(QStringLiteral("POST /api/sync/pull")));
    EXPECT_TRUE(seen.contains(QStringLiteral("POST /oauth/token")));
}

TEST_F(RouteTable, EveryRouteIsServedOverHttp)
{
    registerWallet(); // the handlers get past "locked" where they can
    // What the router answers for a path it does not know, to tell it apart below.
    ASSERT_TRUE(isRouterAnswer(get(QStringLiteral("/no-such-route")), server::ApiError::NotFound));

    for (const Route& route : server::routeTable()) {
        const QString what = QString::fromLatin1(route.method) + QLatin1Char(' ') + route.path;
        const bool withBody = route.method == "POST" || route.method == "DELETE";
        const HttpResult r = request(route.method, route.path, withBody ? QByteArray("{}") : QByteArray());
        EXPECT_GE(r.status, 200) << qPrintable(what) << ": no HTTP answer";
        EXPECT_LT(r.status, 600) << qPrintable(what);
        EXPECT_FALSE(isRouterAnswer(r, server::ApiError::NotFound)) << qPrintable(what) << ": not routed";
        EXPECT_FALSE(isRouterAnswer(r, server::ApiError::MethodNotAllowed)) << qPrintable(what);
        EXPECT_FALSE(isRouterAnswer(r, server::ApiError::BetterAuthNotConfigured)) << qPrintable(what);
    }
}

} // namespace
} // namespace tokenpass::test
