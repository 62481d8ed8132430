// Lock and token validation answers (API.md §2.8, decisions 4 and 7), byte for byte.

#include "ServerHarness.h"

using namespace tokenpass;
using namespace tokenpass::test;

class TokenCodes : public ServerHarness
{
protected:
    void SetUp() override
    {
        ServerHarness::SetUp();
        registerWallet();
        grant(QStringLiteral("example.com"), {QStringLiteral("sign"), QStringLiteral("encrypt")});
    }
};

TEST_F(TokenCodes, CodeOneWhenLocked)
{
    const QString token = authorize(QStringLiteral("example.com"), {QStringLiteral("sign")});
    ASSERT_EQ(post(QStringLiteral("/api/logout"), QByteArray()).body, QByteArray(R"({"success":true})"));
    const HttpResult r =
        post(QStringLiteral("/api/sign"), R"({"message":"hi"})", {{"Authorization", bearer(token)}});
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body,
              QByteArray(R"({"error":"Wallet is locked. Please login first.","code":1,"success":false})"));
    // Logout keeps tokens (decision 7): after login the same token works again.
    ASSERT_EQ(post(QStringLiteral("/api/login"), R"({"password":"correct horse battery"})").status, 200);
    EXPECT_EQ(
        post(QStringLiteral("/api/sign"), R"({"message":"hi"})", {{"Authorization", bearer(token)}}).status,
        200);
}

TEST_F(TokenCodes, CodeTwoWithoutToken)
{
    const HttpResult r = post(QStringLiteral("/api/sign"), R"({"message":"hi"})");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(
        r.body,
        QByteArray(
            R"({"error":"Please provide an access token in the Authorization header.","code":2,"success":false})"));
}

TEST_F(TokenCodes, CodeThreeForUnknownToken)
{
    const HttpResult r = post(QStringLiteral("/api/sign"), R"({"message":"hi"})",
                              {{"Authorization", "Bearer 00000000-0000-4000-8000-000000000000"}});
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Invalid access token.","code":3,"success":false})"));
}

TEST_F(TokenCodes, CodeFiveWhenExpired)
{
    const HttpResult auth =
        post(QStringLiteral("/api/auth"), R"({"host":"example.com","scopes":["sign"],"expiry":"once"})");
    ASSERT_EQ(auth.status, 200);
    const QString token = auth.json().value(QStringLiteral("accessToken")).toString();
    m_clock.advance(10001);
    const HttpResult r =
        post(QStringLiteral("/api/sign"), R"({"message":"hi"})", {{"Authorization", bearer(token)}});
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Access token has expired.","code":5,"success":false})"));
}

TEST_F(TokenCodes, CodeSixForMissingScope)
{
    const QString token = authorize(QStringLiteral("example.com"), {QStringLiteral("encrypt")});
    const HttpResult r =
        post(QStringLiteral("/api/sign"), R"({"message":"hi"})", {{"Authorization", bearer(token)}});
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Missing required scopes: sign","code":6,"success":false})"));
}

TEST_F(TokenCodes, OriginBoundTokenFromAnotherOriginIsCodeThree)
{
    const QString token = authorize(QStringLiteral("example.com"), {QStringLiteral("sign")},
                                    {{"Origin", "https://example.com"}});
    const HttpResult other = post(QStringLiteral("/api/sign"), R"({"message":"hi"})",
                                  {{"Origin", "https://evil.example"}, {"Authorization", bearer(token)}});
    EXPECT_EQ(other.status, 401);
    EXPECT_EQ(other.body, QByteArray(R"({"error":"Invalid access token.","code":3,"success":false})"));
    const HttpResult same = post(QStringLiteral("/api/sign"), R"({"message":"hi"})",
                                 {{"Origin", "https://example.com"}, {"Authorization", bearer(token)}});
    EXPECT_EQ(same.status, 200);
}

TEST_F(TokenCodes, BrowserMayOnlyAskForItsOwnHost)
{
    const HttpResult r = post(QStringLiteral("/api/auth"), R"({"host":"bank.example","scopes":["sign"]})",
                              {{"Origin", "https://evil.example"}});
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Host does not match the requesting origin","success":false})"));
}

TEST_F(TokenCodes, ValidationMessages)
{
    const QString token = authorize(QStringLiteral("example.com"), {QStringLiteral("sign")});
    const HttpResult none =
        post(QStringLiteral("/api/sign"), R"({"foo":1})", {{"Authorization", bearer(token)}});
    EXPECT_EQ(none.status, 400);
    EXPECT_EQ(none.body, QByteArray(R"({"error":"Invalid input","success":false})"));
    const HttpResult noHost = post(QStringLiteral("/api/auth"), R"({"scopes":["sign"]})");
    EXPECT_EQ(
        noHost.body,
        QByteArray(R"({"error":"Invalid input: expected string, received undefined","success":false})"));
    const HttpResult badExpiry = post(QStringLiteral("/api/auth"), R"({"host":"example.com","expiry":"2y"})");
    EXPECT_EQ(
        badExpiry.body,
        QByteArray(
            R"({"error":"Invalid option: expected one of \"once\"|\"1h\"|\"1d\"|\"1w\"|\"1m\"|\"forever\"","success":false})"));
    const HttpResult aip =
        post(QStringLiteral("/api/sign-aip"), R"({"data":[]})", {{"Authorization", bearer(token)}});
    EXPECT_EQ(aip.body,
              QByteArray(R"({"error":"data must be a non-empty array of hex strings","success":false})"));
    const HttpResult decrypt =
        post(QStringLiteral("/api/decrypt"), R"({"ciphertext":"abcd"})", {{"Authorization", bearer(token)}});
    EXPECT_EQ(decrypt.body,
              QByteArray(R"({"error":"Either friendBapId or theirPublicKey is required","success":false})"));
}

TEST_F(TokenCodes, DeleteRevokes)
{
    const QString token = authorize(QStringLiteral("example.com"), {QStringLiteral("sign")});
    const HttpResult del =
        request("DELETE", QStringLiteral("/api/auth"), QByteArray(), {{"Authorization", bearer(token)}});
    EXPECT_EQ(del.status, 200);
    EXPECT_EQ(del.body, QByteArray(R"({"success":true})"));
    const HttpResult after =
        post(QStringLiteral("/api/sign"), R"({"message":"hi"})", {{"Authorization", bearer(token)}});
    EXPECT_EQ(after.body, QByteArray(R"({"error":"Invalid access token.","code":3,"success":false})"));
}
