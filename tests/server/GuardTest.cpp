// The request guard (API.md decisions 2–4, 8; §1.2–§1.4).

#include "Router.h"
#include "ServerHarness.h"

using namespace tokenpass;
using namespace tokenpass::test;

class Guard : public ServerHarness
{
};

TEST(HostCheck, OnlyLoopbackNamesWithOurPort)
{
    using server::Router;
    EXPECT_TRUE(Router::hostAllowed("localhost:21000", 21000));
    EXPECT_TRUE(Router::hostAllowed("127.0.0.1:21000", 21000));
    EXPECT_TRUE(Router::hostAllowed("[::1]:21000", 21000));
    EXPECT_TRUE(Router::hostAllowed("LOCALHOST:21000", 21000));
    EXPECT_FALSE(Router::hostAllowed("localhost:21001", 21000));
    EXPECT_FALSE(Router::hostAllowed("localhost", 21000));
    EXPECT_FALSE(Router::hostAllowed("evil.com:21000", 21000));
    EXPECT_FALSE(Router::hostAllowed("localhost.evil.com:21000", 21000));
    EXPECT_FALSE(Router::hostAllowed("127.0.0.1:+21000", 21000));
    EXPECT_FALSE(Router::hostAllowed("", 21000));
    EXPECT_TRUE(Router::hostAllowed("localhost", 80));
}

TEST_F(Guard, ForeignHostIs421)
{
    const QByteArray req = "GET /api/status HTTP/1.1\r\nHost: evil.example:" + QByteArray::number(m_port) +
                           "\r\nConnection: close\r\n\r\n";
    const HttpResult r = raw(req);
    EXPECT_EQ(r.status, 421);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Misdirected request"})"));
    EXPECT_EQ(r.header("Cache-Control"), QByteArray("no-store"));

    const HttpResult ok = raw("GET /api/status HTTP/1.1\r\nHost: localhost:" + QByteArray::number(m_port) +
                              "\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(ok.status, 200);
}

TEST_F(Guard, EveryResponseIsNoStoreAndNosniff)
{
    const HttpResult r = get(QStringLiteral("/api/status"));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, QByteArray(R"({"seed":false,"unlocked":false,"keys":[],"states":[]})"));
    EXPECT_EQ(r.header("Cache-Control"), QByteArray("no-store"));
    EXPECT_EQ(r.header("X-Content-Type-Options"), QByteArray("nosniff"));
    EXPECT_EQ(r.header("Content-Type"), QByteArray("application/json"));
}

TEST_F(Guard, BodyOverOneMebibyteIs413)
{
    // Answered once the head is in, before any body byte (the connection guard, issue 15); a client
    // that sends the whole body first sees the reset instead (tests/security/HostileInputTest).
    const HttpResult r = raw("POST /api/auth HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port) +
                             "\r\nContent-Type: application/json\r\nContent-Length: 1048588\r\n\r\n");
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Request body too large","success":false})"));
    EXPECT_EQ(r.header("Connection"), QByteArray("close"));
}

TEST_F(Guard, InvalidJsonIs400)
{
    const HttpResult r = post(QStringLiteral("/api/auth"), "{not json");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Invalid JSON body","success":false})"));
    const HttpResult empty = post(QStringLiteral("/api/login"), QByteArray());
    EXPECT_EQ(empty.status, 400);
    EXPECT_EQ(empty.body, QByteArray(R"({"error":"Invalid JSON body","success":false})"));
}

TEST_F(Guard, UnknownPathIsJson404AndTrailingSlashIs308)
{
    const HttpResult missing = get(QStringLiteral("/api/nothing"));
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.body, QByteArray(R"({"error":"Not found"})"));
    const HttpResult slash = get(QStringLiteral("/api/status/"));
    EXPECT_EQ(slash.status, 308);
    EXPECT_EQ(slash.header("Location"), QByteArray("/api/status"));
    const HttpResult betterAuth = get(QStringLiteral("/api/auth/session"));
    EXPECT_EQ(betterAuth.status, 503);
    EXPECT_EQ(betterAuth.body,
              QByteArray(R"({"error":"Better Auth not configured - DATABASE_URL not set"})"));
    const HttpResult method = get(QStringLiteral("/api/sign"));
    EXPECT_EQ(method.status, 405);
}

TEST_F(Guard, BrowserOriginOnRegisterIs403UnlessWhitelisted)
{
    const HttpResult r = post(QStringLiteral("/api/register"), R"({"password":"correct horse battery"})",
                              {{"Origin", "https://evil.example"}});
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Origin not allowed","success":false})"));
    EXPECT_TRUE(r.header("Access-Control-Allow-Origin").isEmpty());
    EXPECT_EQ(get(QStringLiteral("/api/status")).json().value(QStringLiteral("seed")).toBool(), false);

    auto options = defaultOptions();
    options.originWhitelist = {QStringLiteral("http://localhost:3000")};
    restart(options);
    const HttpResult ok = post(QStringLiteral("/api/register"), R"({"password":"correct horse battery"})",
                               {{"Origin", "http://localhost:3000"}});
    EXPECT_EQ(ok.status, 200) << ok.body.constData();
    EXPECT_EQ(ok.header("Access-Control-Allow-Origin"), QByteArray("http://localhost:3000"));
}

TEST_F(Guard, CorsPreflight)
{
    const HttpResult r = request("OPTIONS", QStringLiteral("/api/sign"), QByteArray(),
                                 {{"Origin", "https://app.example"},
                                  {"Access-Control-Request-Method", "POST"},
                                  {"Access-Control-Request-Headers", "authorization,content-type"}});
    EXPECT_EQ(r.status, 204);
    EXPECT_EQ(r.header("Access-Control-Allow-Origin"), QByteArray("https://app.example"));
    EXPECT_EQ(r.header("Access-Control-Allow-Methods"), QByteArray("GET, POST, DELETE, OPTIONS"));
    EXPECT_EQ(r.header("Access-Control-Allow-Headers"),
              QByteArray("Content-Type, Authorization, X-Session-Key"));
    EXPECT_EQ(r.header("Access-Control-Allow-Credentials"), QByteArray("true"));
    EXPECT_EQ(r.header("Vary"), QByteArray("Origin"));

    const HttpResult refused =
        request("OPTIONS", QStringLiteral("/api/login"), QByteArray(),
                {{"Origin", "https://app.example"}, {"Access-Control-Request-Method", "POST"}});
    EXPECT_EQ(refused.status, 403);
}

TEST_F(Guard, LoginRateLimitIs429AfterFive)
{
    registerWallet();
    for (int i = 0; i < 5; ++i) {
        const HttpResult r = post(QStringLiteral("/api/login"), R"({"password":""})");
        EXPECT_EQ(r.status, 400) << i;
        EXPECT_EQ(r.body, QByteArray(R"({"error":"Password is required"})"));
    }
    const HttpResult limited = post(QStringLiteral("/api/login"), R"({"password":"correct horse battery"})",
                                    {{"X-Forwarded-For", "10.1.2.3"}});
    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(limited.body,
              QByteArray(R"({"error":"Too many login attempts. Please try again later.","retryAfter":60})"));
    EXPECT_EQ(limited.header("Retry-After"), QByteArray("60"));
    EXPECT_EQ(limited.header("X-RateLimit-Limit"), QByteArray("5"));
    EXPECT_EQ(limited.header("X-RateLimit-Remaining"), QByteArray("0"));

    m_clock.advance(60000);
    EXPECT_EQ(post(QStringLiteral("/api/login"), R"({"password":"correct horse battery"})").status, 200);
}

TEST_F(Guard, StatusToForeignOriginHidesSites)
{
    registerWallet();
    grant(QStringLiteral("native.tool"), {QStringLiteral("sign")});
    authorize(QStringLiteral("native.tool"), {QStringLiteral("sign")});
    const HttpResult browser = get(QStringLiteral("/api/status"), {{"Origin", "https://tracker.example"}});
    EXPECT_EQ(browser.body, QByteArray(R"({"seed":true,"unlocked":true,"keys":[],"states":[]})"));
    const HttpResult native = get(QStringLiteral("/api/status"));
    EXPECT_TRUE(native.body.contains(R"({"host":"native.tool","scopes":["sign"],"expireTime":)"))
        << native.body.constData();
    EXPECT_TRUE(native.body.contains(R"({"host":"localhost","icon":"/api/auth/icon"})"))
        << native.body.constData();
}

TEST_F(Guard, TakenPortIsAClearErrorNotACrash)
{
    server::ServerServices services;
    services.wallet = m_wallet.get();
    services.database = m_db;
    server::ServerController second(services);
    auto options = defaultOptions();
    options.port = m_port;
    EXPECT_FALSE(second.start(options));
    EXPECT_FALSE(second.running());
    EXPECT_EQ(second.lastError(),
              QStringLiteral("Port %1 is already in use; is TokenPass already running?").arg(m_port));
    EXPECT_EQ(get(QStringLiteral("/api/status")).status, 200); // the first one is unharmed
}
