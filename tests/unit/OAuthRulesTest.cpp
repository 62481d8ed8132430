// PKCE (RFC 7636), redirect URI rules (OAUTH.md §1.4, §1.5; RFC 8252) and the authorization
// request's validation order (OAUTH.md §5.2 rule 2).

#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "oauth/AuthorizationRequest.h"
#include "oauth/ClientRegistry.h"
#include "oauth/Pkce.h"
#include "oauth/RedirectUris.h"
#include "store/Database.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace tokenpass;
using oauth::Pkce;
using oauth::RedirectUris;

TEST(OAuthPkce, Rfc7636AppendixB)
{
    const QString verifier = QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    EXPECT_EQ(Pkce::s256(verifier), QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    EXPECT_TRUE(Pkce::verifies(verifier, QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")));
    EXPECT_FALSE(Pkce::verifies(verifier, QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cN")));
    // `plain` would send the verifier as the challenge: never equal to its S256.
    EXPECT_FALSE(Pkce::verifies(verifier, verifier));
}

TEST(OAuthPkce, VerifierAlphabetAndLength)
{
    EXPECT_FALSE(Pkce::validVerifier(QString(42, QLatin1Char('a'))));
    EXPECT_TRUE(Pkce::validVerifier(QString(43, QLatin1Char('a'))));
    EXPECT_TRUE(Pkce::validVerifier(QString(128, QLatin1Char('~'))));
    EXPECT_FALSE(Pkce::validVerifier(QString(129, QLatin1Char('a'))));
    EXPECT_FALSE(Pkce::validVerifier(QString(42, QLatin1Char('a')) + QLatin1Char('+')));
    EXPECT_TRUE(Pkce::validVerifier(QStringLiteral("abcdefghijklmnopqrstuvwxyz-._~ABCDEFGHIJKLMNOP")));
    EXPECT_FALSE(Pkce::validChallenge(QStringLiteral("short")));
}

TEST(OAuthRedirectUris, WhatMayBeRegistered)
{
    for (const char* ok :
         {"http://127.0.0.1:3000/callback", "http://[::1]/cb", "http://localhost:35535/oauth/callback",
          "http://localhost/cb?x=1", "https://app.example.com/cb", "com.example.app:/cb"})
        EXPECT_TRUE(RedirectUris::registrationProblem(QString::fromLatin1(ok)).isEmpty()) << ok;
    for (const char* bad : {"http://example.com/cb", "http://127.0.0.2/cb", "https://app.example.com/cb#frag",
                            "http://localhost/cb#", "/relative", "", "javascript:alert(1)", "myapp:/cb",
                            "http://user@localhost/cb", "https:///nohost"})
        EXPECT_FALSE(RedirectUris::registrationProblem(QString::fromLatin1(bad)).isEmpty()) << bad;
}

TEST(OAuthRedirectUris, LoopbackIgnoresOnlyThePort)
{
    const QString reg = QStringLiteral("http://localhost:35535/oauth/callback");
    EXPECT_TRUE(RedirectUris::matches(reg, QStringLiteral("http://localhost:49152/oauth/callback")));
    EXPECT_TRUE(RedirectUris::matches(reg, QStringLiteral("http://localhost/oauth/callback")));
    EXPECT_FALSE(RedirectUris::matches(reg, QStringLiteral("http://127.0.0.1:35535/oauth/callback")));
    EXPECT_FALSE(RedirectUris::matches(reg, QStringLiteral("http://localhost:35535/oauth/callback2")));
    EXPECT_FALSE(RedirectUris::matches(reg, QStringLiteral("http://localhost:35535/oauth/callback?x=1")));
    EXPECT_FALSE(RedirectUris::matches(reg, QStringLiteral("https://localhost:35535/oauth/callback")));
    EXPECT_FALSE(RedirectUris::matches(reg, QStringLiteral("http://localhost:35535/oauth/callback#f")));
    EXPECT_TRUE(
        RedirectUris::matches(QStringLiteral("http://[::1]:1/cb"), QStringLiteral("http://[::1]:2/cb")));
    // Everything else byte for byte.
    const QString https = QStringLiteral("https://app.example.com/cb");
    EXPECT_TRUE(RedirectUris::matches(https, https));
    EXPECT_FALSE(RedirectUris::matches(https, QStringLiteral("https://app.example.com:443/cb")));
    EXPECT_FALSE(RedirectUris::matches(https, QStringLiteral("https://APP.example.com/cb")));
}

namespace {

class OAuthAuthorizationRequest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db) << qPrintable(db.error());
        m_clients = std::make_unique<oauth::ClientRegistry>(*db, m_clock);
        auto reg = m_clients->registerClient(QJsonObject{
            {QStringLiteral("redirect_uris"), QJsonArray{QStringLiteral("http://localhost:8000/cb")}}});
        ASSERT_TRUE(reg);
        m_clientId = reg->value(QStringLiteral("client_id")).toString();
    }
    QMap<QString, QStringList> valid() const
    {
        return {{QStringLiteral("client_id"), {m_clientId}},
                {QStringLiteral("redirect_uri"), {QStringLiteral("http://localhost:9999/cb")}},
                {QStringLiteral("response_type"), {QStringLiteral("code")}},
                {QStringLiteral("state"), {QStringLiteral("xyz")}},
                {QStringLiteral("code_challenge"),
                 {QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")}},
                {QStringLiteral("code_challenge_method"), {QStringLiteral("S256")}},
                {QStringLiteral("scope"), {QStringLiteral("openid profile")}},
                {QStringLiteral("resource"), {QStringLiteral("http://127.0.0.1:3000/mcp")}}};
    }
    oauth::AuthorizationRequest check(const QMap<QString, QStringList>& params) const
    {
        return oauth::AuthorizationRequest::validate(params, *m_clients);
    }

    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::unique_ptr<oauth::ClientRegistry> m_clients;
    QString m_clientId;
};

using Outcome = oauth::AuthorizationRequest::Outcome;

} // namespace

TEST_F(OAuthAuthorizationRequest, ValidRequest)
{
    const auto r = check(valid());
    ASSERT_EQ(r.outcome, Outcome::Valid) << qPrintable(r.description);
    EXPECT_EQ(r.scopes, (QStringList{QStringLiteral("openid"), QStringLiteral("profile")}));
    EXPECT_EQ(r.redirectUri, QStringLiteral("http://localhost:9999/cb"));
}

TEST_F(OAuthAuthorizationRequest, ClientAndRedirectFailuresNeverRedirect)
{
    auto p = valid();
    p[QStringLiteral("client_id")] = {QStringLiteral("nope")};
    p[QStringLiteral("response_type")] = {QStringLiteral("token")}; // later errors do not matter
    EXPECT_EQ(check(p).outcome, Outcome::ErrorPage);
    p = valid();
    p[QStringLiteral("redirect_uri")] = {QStringLiteral("http://evil.example/cb")};
    EXPECT_EQ(check(p).outcome, Outcome::ErrorPage);
    p = valid();
    p.remove(QStringLiteral("redirect_uri"));
    EXPECT_EQ(check(p).outcome, Outcome::ErrorPage);
}

TEST_F(OAuthAuthorizationRequest, LaterFailuresRedirectInOrder)
{
    auto expectError = [this](QMap<QString, QStringList> p, const char* error) {
        const auto r = check(p);
        EXPECT_EQ(r.outcome, Outcome::ErrorRedirect) << error;
        EXPECT_EQ(r.error, QLatin1String(error));
    };
    auto p = valid();
    p[QStringLiteral("response_type")] = {QStringLiteral("token")};
    p.remove(QStringLiteral("state")); // response_type is checked first
    expectError(p, "unsupported_response_type");
    p = valid();
    p.remove(QStringLiteral("state"));
    expectError(p, "invalid_request");
    p = valid();
    p[QStringLiteral("code_challenge_method")] = {QStringLiteral("plain")};
    expectError(p, "invalid_request");
    p = valid();
    p.remove(QStringLiteral("code_challenge"));
    expectError(p, "invalid_request");
    p = valid();
    p[QStringLiteral("resource")] = {QStringLiteral("http://127.0.0.1:3000/mcp#frag")};
    expectError(p, "invalid_target");
    p = valid();
    p[QStringLiteral("resource")] = {QStringLiteral("/relative")};
    expectError(p, "invalid_target");
    p = valid();
    p[QStringLiteral("scope")] = {QStringLiteral("openid admin")};
    expectError(p, "invalid_scope");
    p = valid();
    p[QStringLiteral("state")] = {QStringLiteral("a"), QStringLiteral("b")};
    expectError(p, "invalid_request");
}
