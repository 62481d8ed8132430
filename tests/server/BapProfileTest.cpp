// GET /api/bap-profile?idKey= (API.md §2.17, decision 12) against a local stand-in for the public
// BAP API: the request it gets, the pass-through of its answer, and each error.

#include "BapProfileRoutes.h"
#include "ServerHarness.h"
#include "StandInServer.h"
#include "store/Settings.h"

#include <QElapsedTimer>
#include <QJsonDocument>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

const QByteArray kTx = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";

} // namespace

class BapProfile : public ServerHarness
{
protected:
    void SetUp() override
    {
        ServerHarness::SetUp();
        ASSERT_TRUE(m_api.listen());
    }
    void useApi(int timeoutMs = 5000)
    {
        server::ServerOptions options = defaultOptions();
        options.bapProfileUrl = m_api.baseUrl() + QStringLiteral("/"); // a trailing slash is fine
        options.bapProfileTimeoutMs = timeoutMs;
        restart(options);
    }
    StandInServer m_api;
};

TEST_F(BapProfile, PassesTheProfileThroughWithTxHashAndDisplayableImages)
{
    useApi();
    m_api.answerAlways(
        200, R"({"status":"OK","result":{"idKey":"IdKeyX","_":"txid123","currentAddress":"1Addr",)"
             R"("identity":{"@type":"Person","alternateName":"Alice","image":"/)" +
                 kTx + R"(_0","logo":"b://)" + kTx + R"(","banner":"https://img.example/b.png"}}})");

    const HttpResult r = get(QStringLiteral("/api/bap-profile?idKey=IdKeyX"));
    ASSERT_EQ(r.status, 200) << r.body.constData();
    const QJsonObject expected =
        QJsonDocument::fromJson(R"({"idKey":"IdKeyX","txHash":"txid123","currentAddress":"1Addr",)"
                                R"("identity":{"@type":"Person","alternateName":"Alice",)"
                                R"("image":"https://ordfs.network/)" +
                                kTx + R"(_0","logo":"https://ordfs.network/)" + kTx +
                                R"(","banner":"https://img.example/b.png"}})")
            .object();
    EXPECT_EQ(r.json(), expected) << r.body.constData();

    ASSERT_EQ(m_api.requests.size(), 1);
    EXPECT_EQ(m_api.requests.first().method, "POST");
    EXPECT_EQ(m_api.requests.first().target, "/api/v1/identity/get");
    EXPECT_EQ(m_api.requests.first().body, R"({"idKey":"IdKeyX"})");
    EXPECT_EQ(m_api.requests.first().header("content-type"), "application/json");
}

TEST_F(BapProfile, MissingIdKeyIs400WithoutAskingUpstream)
{
    useApi();
    for (const QString& path :
         {QStringLiteral("/api/bap-profile"), QStringLiteral("/api/bap-profile?idKey=")}) {
        const HttpResult r = get(path);
        EXPECT_EQ(r.status, 400);
        EXPECT_EQ(r.body, R"({"error":"idKey parameter required"})");
    }
    EXPECT_TRUE(m_api.requests.isEmpty());
}

TEST_F(BapProfile, UnknownProfileIs404)
{
    useApi();
    m_api.answerAlways(200, R"({"status":"ERROR","message":"not found"})");
    HttpResult r = get(QStringLiteral("/api/bap-profile?idKey=nobody"));
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body, R"({"error":"Profile not found"})");
    m_api.answerAlways(404, R"({"status":"ERROR"})");
    r = get(QStringLiteral("/api/bap-profile?idKey=nobody"));
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body, R"({"error":"Profile not found"})");
}

TEST_F(BapProfile, UpstreamDownOrGarbledIs500)
{
    useApi();
    m_api.answerAlways(200, "<html>oops</html>");
    HttpResult r = get(QStringLiteral("/api/bap-profile?idKey=x"));
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body, R"({"error":"Failed to fetch profile"})");
    m_api.close();
    r = get(QStringLiteral("/api/bap-profile?idKey=x"));
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body, R"({"error":"Failed to fetch profile"})");
}

TEST_F(BapProfile, UpstreamTimeoutIs500AndTheServerKeepsServing)
{
    useApi(300);
    m_api.setResponder([](const StandInServer::Request&) { return StandInServer::Answer{200, {}, true}; });
    QElapsedTimer timer;
    timer.start();
    const HttpResult r = get(QStringLiteral("/api/bap-profile?idKey=x"));
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body, R"({"error":"Failed to fetch profile"})");
    EXPECT_GE(timer.elapsed(), 250);
    EXPECT_LT(timer.elapsed(), 5000);
    EXPECT_EQ(get(QStringLiteral("/api/status")).status, 200);
}

TEST_F(BapProfile, BaseUrlComesFromTheSetting)
{
    m_api.answerAlways(200, R"({"status":"OK","result":{"idKey":"k"}})");
    ASSERT_TRUE(store::Settings(m_db).setString(store::Settings::Key::BapProfileUrl, m_api.baseUrl()));
    const HttpResult r = get(QStringLiteral("/api/bap-profile?idKey=k"));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"idKey":"k"})");
    EXPECT_EQ(m_api.requests.size(), 1);
}

TEST(BapProfileImages, DisplayableUrls)
{
    using server::BapProfileRoutes;
    const QString tx = QString::fromLatin1(kTx);
    EXPECT_EQ(BapProfileRoutes::displayableImage(QLatin1Char('/') + tx + QStringLiteral("_1")),
              QStringLiteral("https://ordfs.network/") + tx + QStringLiteral("_1"));
    EXPECT_EQ(BapProfileRoutes::displayableImage(QStringLiteral("ord://") + tx),
              QStringLiteral("https://ordfs.network/") + tx);
    EXPECT_EQ(
        BapProfileRoutes::displayableImage(QStringLiteral("bitfs://") + tx + QStringLiteral(".out.0.3")),
        QStringLiteral("https://ordfs.network/") + tx + QStringLiteral(".out.0.3"));
    EXPECT_EQ(BapProfileRoutes::displayableImage(tx), QStringLiteral("https://ordfs.network/") + tx);
    EXPECT_EQ(BapProfileRoutes::displayableImage(QStringLiteral("https://a.example/x.png")),
              QStringLiteral("https://a.example/x.png"));
    EXPECT_EQ(BapProfileRoutes::displayableImage(QStringLiteral("data:image/png;base64,AA==")),
              QStringLiteral("data:image/png;base64,AA=="));
    EXPECT_EQ(BapProfileRoutes::displayableImage(QStringLiteral("/short")), QStringLiteral("/short"));
}
