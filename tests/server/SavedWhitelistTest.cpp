// The Settings window's origin whitelist (Settings::Key::OriginWhitelist) is honoured by the
// running server at once, beside TOKENPASS_ORIGIN_WHITELIST (API.md decision 4).
#include "ServerHarness.h"
#include "access/OriginWhitelist.h"

#include <QJsonArray>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {
class SavedWhitelist : public ServerHarness
{
};
const QList<QPair<QByteArray, QByteArray>> kFromApp{{"Origin", "https://app.example"}};
} // namespace

TEST_F(SavedWhitelist, SavingAnOriginOpensPasswordEndpointsWithoutRestart)
{
    const QByteArray body = R"({"password":"correct horse battery"})";
    const HttpResult refused = post(QStringLiteral("/api/register"), body, kFromApp);
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(refused.body, QByteArray(R"({"error":"Origin not allowed","success":false})"));
    EXPECT_EQ(request("OPTIONS", QStringLiteral("/api/login"), QByteArray(), kFromApp).status, 403);

    // What the Settings window does, through the GUI thread's own database connection.
    access::OriginWhitelist saved(m_db);
    ASSERT_TRUE(saved.setOrigins({QStringLiteral("HTTPS://app.example:443")}));

    EXPECT_EQ(request("OPTIONS", QStringLiteral("/api/login"), QByteArray(), kFromApp).status, 204);
    const HttpResult ok = post(QStringLiteral("/api/register"), body, kFromApp);
    EXPECT_EQ(ok.status, 200) << ok.body.constData();
    EXPECT_EQ(ok.header("Access-Control-Allow-Origin"), QByteArray("https://app.example"));
    // /api/status shows the full view to a trusted origin only.
    const auto states = [this] {
        return get(QStringLiteral("/api/status"), kFromApp).json().value(QStringLiteral("states")).toArray();
    };
    EXPECT_FALSE(states().isEmpty());

    // Removing it closes the door again; another origin never got in.
    ASSERT_TRUE(saved.setOrigins({}));
    EXPECT_TRUE(states().isEmpty());
    EXPECT_EQ(post(QStringLiteral("/api/login"), body, kFromApp).status, 403);
    EXPECT_EQ(post(QStringLiteral("/api/login"), body, {{"Origin", "https://other.example"}}).status, 403);
}

TEST_F(SavedWhitelist, EnvironmentListStillWorksBesideTheSavedOne)
{
    auto options = defaultOptions();
    options.originWhitelist = {QStringLiteral("http://localhost:3000")};
    restart(options);
    access::OriginWhitelist saved(m_db);
    ASSERT_TRUE(saved.setOrigins({QStringLiteral("https://app.example")}));
    for (const QByteArray& origin : {QByteArray("http://localhost:3000"), QByteArray("https://app.example")})
        EXPECT_EQ(request("OPTIONS", QStringLiteral("/api/login"), QByteArray(), {{"Origin", origin}}).status,
                  204)
            << origin.constData();
    EXPECT_EQ(
        request("OPTIONS", QStringLiteral("/api/login"), QByteArray(), {{"Origin", "https://x.example"}})
            .status,
        403);
}
