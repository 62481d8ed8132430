// DNS rebinding (API.md decision 2): a page on evil.example whose name is re-pointed at 127.0.0.1
// talks to us with its own name in Host. Every such request is 421 and does nothing.

#include "SecurityFixture.h"

using namespace tokenpass::test;

class DnsRebinding : public SecurityFixture
{
protected:
    QList<QByteArray> hostileHosts() const
    {
        const QByteArray port = QByteArray::number(m_port);
        const QByteArray otherPort = QByteArray::number(m_port == 65535 ? 1 : m_port + 1);
        return {"evil.example",
                "evil.example:" + port,
                "93.184.216.34:" + port, // a public address
                "127.0.0.1.evil.example:" + port,
                "localhost.evil.example:" + port,
                "127.0.0.1:" + otherPort, // wrong port
                "localhost:" + otherPort,
                "127.0.0.1", // no port means 80
                "0.0.0.0:" + port,
                "[::ffff:7f00:1]:" + port,
                "127.0.0.1:" + port + "@evil.example",
                ""}; // no Host at all
    }

    void expectMisdirected(const HttpResult& r, const QByteArray& host, const char* endpoint)
    {
        const std::string what = std::string(endpoint) + " Host=" + host.constData();
        EXPECT_EQ(r.status, 421) << what;
        EXPECT_EQ(r.body, QByteArray(R"({"error":"Misdirected request"})")) << what;
        expectHardenedJson(r, what.c_str());
        expectUnreadableCrossOrigin(r, what.c_str());
    }
};

TEST_F(DnsRebinding, EveryEndpointAnswers421ToAForeignHost)
{
    const QString token = tokenFor(QStringLiteral("evil.example"), {QStringLiteral("sign")}, QByteArray());
    ASSERT_FALSE(token.isEmpty());
    const Headers browser{{"Origin", "http://evil.example:" + QByteArray::number(m_port)},
                          {"Content-Type", "application/json"}};
    const Headers withToken = browser + Headers{{"Authorization", bearer(token)}};

    for (const QByteArray& host : hostileHosts()) {
        expectMisdirected(rawRequest("GET", "/api/status", host, {}, browser), host, "GET /api/status");
        expectMisdirected(rawRequest("POST", "/api/sign", host, R"({"message":"rebound"})", withToken), host,
                          "POST /api/sign");
        expectMisdirected(rawRequest("POST", "/api/auth", host, R"({"host":"evil.example"})", browser), host,
                          "POST /api/auth");
        expectMisdirected(rawRequest("POST", "/api/export", host, R"({"password":"correct horse battery"})"),
                          host, "POST /api/export");
        expectMisdirected(rawRequest("GET", "/api/identity", host), host, "GET /api/identity");
        expectMisdirected(rawRequest("OPTIONS", "/api/sign", host, {}, browser), host, "OPTIONS /api/sign");
        expectMisdirected(rawRequest("GET", "/auth?host=evil.example", host), host, "GET /auth");
    }
    // The same requests with our own Host work, so the 421s above came from the Host check.
    EXPECT_EQ(rawRequest("GET", "/api/status", ourHost()).status, 200);
    const HttpResult signedOk =
        rawRequest("POST", "/api/sign", ourHost(), R"({"message":"rebound"})",
                   {{"Authorization", bearer(token)}, {"Content-Type", "application/json"}});
    EXPECT_EQ(signedOk.status, 200) << signedOk.body.constData();
}

TEST_F(DnsRebinding, ForeignHostCannotChangeState)
{
    // Register, login and logout through a rebound name: nothing happens.
    for (const QByteArray& host : hostileHosts()) {
        expectMisdirected(
            rawRequest("POST", "/api/register", host, R"({"password":"correct horse battery"})"), host,
            "POST /api/register");
    }
    EXPECT_FALSE(walletExists());

    registerWallet();
    ASSERT_EQ(post(QStringLiteral("/api/logout"), "{}").status, 200);
    for (const QByteArray& host : hostileHosts()) {
        expectMisdirected(rawRequest("POST", "/api/login", host, R"({"password":"correct horse battery"})"),
                          host, "POST /api/login");
    }
    EXPECT_FALSE(walletUnlocked());

    ASSERT_EQ(post(QStringLiteral("/api/login"), R"({"password":"correct horse battery"})").status, 200);
    for (const QByteArray& host : hostileHosts())
        expectMisdirected(rawRequest("POST", "/api/logout", host), host, "POST /api/logout");
    EXPECT_TRUE(walletUnlocked());
}
