// GET / and HEAD / (API.md §1.1), the browser consent page GET /auth (decision 13, §9.3), and
// DELETE /api/auth for expired tokens (decision 7, AccessTokens::find).

#include "ServerHarness.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

using namespace tokenpass;
using namespace tokenpass::test;

using access::ApprovalBroker;
using access::ApprovalRequest;

class Pages : public ServerHarness
{
protected:
    void SetUp() override
    {
        ServerHarness::SetUp();
        QObject::connect(m_broker.get(), &ApprovalBroker::approvalRequested, m_broker.get(),
                         [this](const ApprovalRequest& request) { m_asked.append(request); });
    }
    // Raw GET, so that redirects are seen and not followed.
    HttpResult rawGet(const QByteArray& target)
    {
        return raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port) +
                   "\r\nConnection: close\r\n\r\n");
    }
    static QByteArray waitTarget(const HttpResult& page)
    {
        const auto m = QRegularExpression(QStringLiteral("content=\"2;url=(/auth/wait\\?id=[0-9a-f]{32})\""))
                           .match(QString::fromUtf8(page.body));
        return m.hasMatch() ? m.captured(1).toUtf8() : QByteArray();
    }
    QList<ApprovalRequest> m_asked;
};

TEST_F(Pages, HealthCheckAnswers200WithoutCors)
{
    const HttpResult head = raw("HEAD / HTTP/1.1\r\nHost: localhost:" + QByteArray::number(m_port) +
                                "\r\nOrigin: https://any.example\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.body, QByteArray());
    EXPECT_EQ(head.header("Access-Control-Allow-Origin"), QByteArray());
    const HttpResult get_ = get(QStringLiteral("/"), {{"Origin", "https://any.example"}});
    EXPECT_EQ(get_.status, 200);
    EXPECT_EQ(get_.body, QByteArray("TokenPass is running.\n"));
    EXPECT_EQ(get_.header("Content-Type"), QByteArray("text/plain; charset=utf-8"));
    EXPECT_EQ(get_.header("Access-Control-Allow-Origin"), QByteArray());
    EXPECT_EQ(get_.header("Cache-Control"), QByteArray("no-store"));
}

TEST_F(Pages, AuthPageRefusesAReturnUrlOnAnotherHost)
{
    registerWallet();
    for (const QByteArray& url :
         {QByteArray("https%3A%2F%2Fevil.example%2Fcb"),
          QByteArray("https%3A%2F%2Fexample.com.evil.example%2Fcb"),
          QByteArray("https%3A%2F%2Fexample.com%3A8443%2Fcb"), QByteArray("javascript%3Aalert(1)")}) {
        const HttpResult r = rawGet("/auth?host=example.com&scopes=sign&returnURL=" + url);
        EXPECT_EQ(r.status, 403) << url.constData();
        EXPECT_TRUE(r.header("Content-Type").startsWith("text/html"));
        EXPECT_TRUE(r.body.contains("The return address is not on example.com")) << r.body.constData();
        EXPECT_EQ(r.header("Location"), QByteArray());
    }
    EXPECT_TRUE(m_asked.isEmpty()); // refused before anyone is asked
}

TEST_F(Pages, AuthPageWhileLockedAsksToUnlock)
{
    const HttpResult r = rawGet("/auth?host=example.com&returnURL=https%3A%2F%2Fexample.com%2Fcb");
    EXPECT_EQ(r.status, 401);
    EXPECT_TRUE(r.body.contains("Unlock TokenPass")) << r.body.constData();
    EXPECT_TRUE(m_asked.isEmpty());
}

TEST_F(Pages, ApprovedWithinTheHoldRedirectsWithTheToken)
{
    registerWallet();
    QObject::connect(
        m_broker.get(), &ApprovalBroker::approvalRequested, m_broker.get(),
        [this](const ApprovalRequest& request) { m_broker->approve(request.id); }, Qt::QueuedConnection);
    const HttpResult r =
        rawGet("/auth?host=example.com&scopes=sign&returnURL=https%3A%2F%2Fexample.com%2Fcb%3Fx%3D1");
    ASSERT_EQ(r.status, 302) << r.body.constData();
    EXPECT_EQ(r.header("Cache-Control"), QByteArray("no-store"));
    const QUrl location(QString::fromUtf8(r.header("Location")));
    EXPECT_EQ(location.toString(QUrl::RemoveQuery), QStringLiteral("https://example.com/cb"));
    const QUrlQuery query(location);
    EXPECT_EQ(query.queryItemValue(QStringLiteral("x")), QStringLiteral("1"));
    const QString token = query.queryItemValue(QStringLiteral("tokenPass"));
    EXPECT_TRUE(QRegularExpression(
                    QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))
                    .match(token)
                    .hasMatch())
        << qPrintable(token);
    ASSERT_EQ(m_asked.size(), 1);
    EXPECT_EQ(m_asked[0].host, QStringLiteral("example.com"));
    // The token is the site's: it signs from the site's own origin.
    const HttpResult sign = post(QStringLiteral("/api/sign"), R"({"message":"hi"})",
                                 {{"Authorization", bearer(token)}, {"Origin", "https://example.com"}});
    EXPECT_EQ(sign.status, 200) << sign.body.constData();
}

TEST_F(Pages, HeldPageWaitsThenRedirectsOnceApproved)
{
    registerWallet();
    const HttpResult page =
        rawGet("/auth?host=localhost%3A3000&scopes=sign&returnURL=http%3A%2F%2Flocalhost%3A3000%2Fdone");
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(page.body.contains("Waiting for approval")) << page.body.constData();
    EXPECT_TRUE(page.header("Content-Security-Policy").startsWith("default-src 'none'"));
    const QByteArray wait = waitTarget(page);
    ASSERT_FALSE(wait.isEmpty()) << page.body.constData();

    EXPECT_EQ(rawGet(wait).status, 200); // still pending
    ASSERT_EQ(m_asked.size(), 1);
    m_broker->approve(m_asked[0].id);
    spin(50);
    const HttpResult done = rawGet(wait);
    ASSERT_EQ(done.status, 302) << done.body.constData();
    EXPECT_TRUE(done.header("Location").startsWith("http://localhost:3000/done?tokenPass="))
        << done.header("Location").constData();
    // The token leaves once.
    const HttpResult again = rawGet(wait);
    EXPECT_EQ(again.status, 404);
    EXPECT_EQ(rawGet("/auth/wait?id=00").status, 404);
}

TEST_F(Pages, DeniedShowsAClearPage)
{
    registerWallet();
    const HttpResult page = rawGet("/auth?host=example.com&returnURL=https%3A%2F%2Fexample.com%2Fcb");
    const QByteArray wait = waitTarget(page);
    ASSERT_FALSE(wait.isEmpty()) << page.body.constData();
    ASSERT_EQ(m_asked.size(), 1);
    m_broker->deny(m_asked[0].id);
    spin(50);
    const HttpResult denied = rawGet(wait);
    EXPECT_EQ(denied.status, 403);
    EXPECT_TRUE(denied.body.contains("was denied")) << denied.body.constData();
    EXPECT_EQ(denied.header("Location"), QByteArray());
}

TEST_F(Pages, DeleteAuthRevokesAnExpiredTokenOnlyFromItsOwnSite)
{
    registerWallet();
    grant(QStringLiteral("example.com"), {QStringLiteral("sign")});
    const QString token = authorize(QStringLiteral("example.com"), {QStringLiteral("sign")});
    m_clock.advance(2 * 3600 * 1000); // past the 1h expiry
    EXPECT_EQ(
        post(QStringLiteral("/api/sign"), R"({"message":"hi"})", {{"Authorization", bearer(token)}}).body,
        QByteArray(R"({"error":"Access token has expired.","code":5,"success":false})"));
    const HttpResult foreign =
        request("DELETE", QStringLiteral("/api/auth"), QByteArray(),
                {{"Authorization", bearer(token)}, {"Origin", "https://evil.example"}});
    EXPECT_EQ(foreign.status, 401);
    EXPECT_EQ(foreign.body, QByteArray(R"({"error":"Invalid access token.","code":3,"success":false})"));
    const HttpResult del =
        request("DELETE", QStringLiteral("/api/auth"), QByteArray(), {{"Authorization", token.toUtf8()}});
    EXPECT_EQ(del.status, 200);
    EXPECT_EQ(del.body, QByteArray(R"({"success":true})"));
    const HttpResult again =
        request("DELETE", QStringLiteral("/api/auth"), QByteArray(), {{"Authorization", bearer(token)}});
    EXPECT_EQ(again.body, QByteArray(R"({"error":"Invalid access token.","code":3,"success":false})"));
    const HttpResult none = request("DELETE", QStringLiteral("/api/auth"));
    EXPECT_EQ(
        none.body,
        QByteArray(
            R"({"error":"Please provide an access token in the Authorization header.","code":2,"success":false})"));
}
