// The provider's SQLite state (OAUTH.md §1.4, §1.5, §5.2 rules 4 and 5): client registration,
// single-use codes bound to their request, and refresh-token families with rotation and reuse
// detection. Time moves with the manual clock.

#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "oauth/AuthorizationCodes.h"
#include "oauth/ClientRegistry.h"
#include "oauth/TokenFamilies.h"
#include "store/Database.h"
#include "store/SqlQuery.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace tokenpass;

namespace {

constexpr char kVerifier[] = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr char kChallenge[] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

class OAuthStore : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db) << qPrintable(db.error());
        m_db = *db;
        m_clients = std::make_unique<oauth::ClientRegistry>(m_db, m_clock);
        m_codes = std::make_unique<oauth::AuthorizationCodes>(m_db, m_clock);
        m_families = std::make_unique<oauth::TokenFamilies>(m_db, m_clock);
    }
    oauth::Grant grant() const
    {
        oauth::Grant g;
        g.clientId = QStringLiteral("client-a");
        g.redirectUri = QStringLiteral("http://localhost:8000/cb");
        g.codeChallenge = QString::fromLatin1(kChallenge);
        g.resource = QStringLiteral("http://127.0.0.1:3000/mcp");
        g.scope = QStringLiteral("openid");
        g.identity.sub = QStringLiteral("bap-id");
        return g;
    }
    oauth::OAuthResult<oauth::AuthorizationCodes::Redeemed>
    redeem(const QString& code, const char* client = "client-a",
           const char* redirect = "http://localhost:8000/cb", const char* verifier = kVerifier,
           const char* resource = "")
    {
        return m_codes->redeem(code, QString::fromLatin1(client), QString::fromLatin1(redirect),
                               QString::fromLatin1(verifier), QString::fromLatin1(resource), *m_families);
    }

    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::shared_ptr<store::Database> m_db;
    std::unique_ptr<oauth::ClientRegistry> m_clients;
    std::unique_ptr<oauth::AuthorizationCodes> m_codes;
    std::unique_ptr<oauth::TokenFamilies> m_families;
};

} // namespace

TEST_F(OAuthStore, RegistrationEchoesWhatWasStored)
{
    auto r = m_clients->registerClient(QJsonObject{
        {QStringLiteral("redirect_uris"), QJsonArray{QStringLiteral("http://localhost:3334/oauth/callback")}},
        {QStringLiteral("client_name"), QStringLiteral("MCP Inspector")},
        {QStringLiteral("grant_types"),
         QJsonArray{QStringLiteral("authorization_code"), QStringLiteral("refresh_token")}},
        {QStringLiteral("token_endpoint_auth_method"), QStringLiteral("none")},
        {QStringLiteral("unknown_member"), 42}});
    ASSERT_TRUE(r) << qPrintable(r.error().description);
    EXPECT_EQ(r->value(QStringLiteral("client_id")).toString().size(), 22);
    EXPECT_EQ(r->value(QStringLiteral("client_id_issued_at")).toDouble(), 1767225600.0);
    EXPECT_EQ(r->value(QStringLiteral("client_name")).toString(), QStringLiteral("MCP Inspector"));
    EXPECT_EQ(r->value(QStringLiteral("response_types")).toArray(), QJsonArray{QStringLiteral("code")});
    EXPECT_FALSE(r->contains(QStringLiteral("client_secret")));
    EXPECT_FALSE(r->contains(QStringLiteral("unknown_member")));
    const auto client = m_clients->find(r->value(QStringLiteral("client_id")).toString());
    ASSERT_TRUE(client);
    EXPECT_TRUE(client->allowsGrant(QStringLiteral("refresh_token")));
    EXPECT_EQ(client->redirectUris(), QStringList{QStringLiteral("http://localhost:3334/oauth/callback")});
}

TEST_F(OAuthStore, RegistrationErrors)
{
    auto expectError = [this](const QJsonObject& request, const char* error) {
        auto r = m_clients->registerClient(request);
        ASSERT_FALSE(r) << error;
        EXPECT_EQ(r.error().error, QLatin1String(error));
        EXPECT_EQ(r.error().status, 400);
        EXPECT_FALSE(r.error().description.isEmpty());
    };
    const QJsonArray good{QStringLiteral("http://127.0.0.1/cb")};
    expectError(QJsonObject{}, "invalid_redirect_uri");
    expectError(QJsonObject{{QStringLiteral("redirect_uris"), QJsonArray{}}}, "invalid_redirect_uri");
    expectError(
        QJsonObject{{QStringLiteral("redirect_uris"), QJsonArray{QStringLiteral("http://evil.example/cb")}}},
        "invalid_redirect_uri");
    expectError(QJsonObject{{QStringLiteral("redirect_uris"), QStringLiteral("http://127.0.0.1/cb")}},
                "invalid_redirect_uri");
    expectError(
        QJsonObject{{QStringLiteral("redirect_uris"), good},
                    {QStringLiteral("token_endpoint_auth_method"), QStringLiteral("client_secret_basic")}},
        "invalid_client_metadata");
    expectError(QJsonObject{{QStringLiteral("redirect_uris"), good},
                            {QStringLiteral("grant_types"), QJsonArray{QStringLiteral("implicit")}}},
                "invalid_client_metadata");
    expectError(QJsonObject{{QStringLiteral("redirect_uris"), good},
                            {QStringLiteral("response_types"), QJsonArray{QStringLiteral("token")}}},
                "invalid_client_metadata");
    expectError(QJsonObject{{QStringLiteral("redirect_uris"), good}, {QStringLiteral("client_name"), 7}},
                "invalid_client_metadata");
    expectError(QJsonObject{{QStringLiteral("redirect_uris"), good},
                            {QStringLiteral("application_type"), QStringLiteral("desktop")}},
                "invalid_client_metadata");
    EXPECT_EQ(m_clients->count(), 0);
}

TEST_F(OAuthStore, RegistrationKeepsAtMostTheCapEvictingTheLeastRecentlyUsed)
{
    const QJsonObject request{
        {QStringLiteral("redirect_uris"), QJsonArray{QStringLiteral("http://127.0.0.1/cb")}}};
    QString first;
    for (int i = 0; i < oauth::ClientRegistry::kMaxClients; ++i) {
        auto r = m_clients->registerClient(request);
        ASSERT_TRUE(r);
        if (i == 0)
            first = r->value(QStringLiteral("client_id")).toString();
        m_clock.advance(1000);
    }
    QString second;
    {
        store::SqlQuery q(m_db->connection());
        ASSERT_TRUE(q.exec(
            QStringLiteral("SELECT client_id FROM oauth_clients ORDER BY created_ms LIMIT 1 OFFSET 1")));
        ASSERT_TRUE(q.next());
        second = q.value(0).toString();
    }
    m_clients->touch(first); // used lately: the second-oldest goes instead
    ASSERT_TRUE(m_clients->registerClient(request));
    EXPECT_EQ(m_clients->count(), oauth::ClientRegistry::kMaxClients);
    EXPECT_TRUE(m_clients->find(first));
    EXPECT_FALSE(m_clients->find(second));
}

TEST_F(OAuthStore, CodeIsStoredHashedAndRedeemsOnce)
{
    const QString code = m_codes->issue(grant());
    ASSERT_EQ(code.size(), 43); // 256 bits
    {
        store::SqlQuery q(m_db->connection());
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT code_hash, grant_json FROM oauth_codes")));
        ASSERT_TRUE(q.next());
        EXPECT_FALSE(q.value(0).toByteArray().contains(code.toLatin1()));
        EXPECT_FALSE(q.value(1).toString().contains(code));
    }
    auto first = redeem(code);
    ASSERT_TRUE(first) << qPrintable(first.error().description);
    EXPECT_EQ(first->grant.identity.sub, QStringLiteral("bap-id"));
    auto second = redeem(code);
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().error, QStringLiteral("invalid_grant"));
}

TEST_F(OAuthStore, CodeReuseRevokesTheTokensItGave)
{
    const QString code = m_codes->issue(grant());
    auto redeemed = redeem(code);
    ASSERT_TRUE(redeemed);
    const QString family = m_families->start(redeemed->grant);
    m_codes->attachFamily(redeemed->codeHash, family);
    m_families->recordAccessToken(QStringLiteral("jti-1"), family, m_clock.nowMs() + 3600000);
    const QString refresh = m_families->issueRefreshToken(family);
    EXPECT_FALSE(m_families->accessTokenRevoked(QStringLiteral("jti-1")));

    EXPECT_FALSE(redeem(code));
    EXPECT_TRUE(m_families->accessTokenRevoked(QStringLiteral("jti-1")));
    auto rotated = m_families->rotate(refresh, QStringLiteral("client-a"), QString());
    ASSERT_FALSE(rotated);
    EXPECT_EQ(rotated.error().error, QStringLiteral("invalid_grant"));
}

TEST_F(OAuthStore, CodeChecksEveryBinding)
{
    auto expectGrantError = [](const auto& r, const char* error) {
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().error, QLatin1String(error));
    };
    expectGrantError(redeem(m_codes->issue(grant()), "client-b"), "invalid_grant");
    expectGrantError(redeem(m_codes->issue(grant()), "client-a", "http://localhost:8001/cb"),
                     "invalid_grant");
    expectGrantError(redeem(m_codes->issue(grant()), "client-a", "http://localhost:8000/cb",
                            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXX"),
                     "invalid_grant");
    expectGrantError(redeem(m_codes->issue(grant()), "client-a", "http://localhost:8000/cb", kVerifier,
                            "http://127.0.0.1:4000/other"),
                     "invalid_target");
    expectGrantError(redeem(QStringLiteral("never-issued")), "invalid_grant");
    EXPECT_TRUE(redeem(m_codes->issue(grant()), "client-a", "http://localhost:8000/cb", kVerifier,
                       "http://127.0.0.1:3000/mcp"));
    // A wrong attempt spends the code: the right one cannot follow.
    const QString code = m_codes->issue(grant());
    EXPECT_FALSE(
        redeem(code, "client-a", "http://localhost:8000/cb", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXX"));
    EXPECT_FALSE(redeem(code));
}

TEST_F(OAuthStore, CodeExpiresAfterSixtySeconds)
{
    const QString late = m_codes->issue(grant());
    const QString inTime = m_codes->issue(grant());
    m_clock.advance(oauth::AuthorizationCodes::kLifetimeMs - 1);
    EXPECT_TRUE(redeem(inTime));
    m_clock.advance(1);
    auto r = redeem(late);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().error, QStringLiteral("invalid_grant"));
}

TEST_F(OAuthStore, RefreshRotatesAndReuseRevokesTheFamily)
{
    const QString family = m_families->start(grant());
    m_families->recordAccessToken(QStringLiteral("jti-1"), family, m_clock.nowMs() + 3600000);
    const QString r1 = m_families->issueRefreshToken(family);
    ASSERT_EQ(r1.size(), 43);
    auto rotated =
        m_families->rotate(r1, QStringLiteral("client-a"), QStringLiteral("http://127.0.0.1:3000/mcp"));
    ASSERT_TRUE(rotated) << qPrintable(rotated.error().description);
    const QString r2 = rotated->refreshToken;
    EXPECT_NE(r2, r1);
    EXPECT_EQ(rotated->grant.scope, QStringLiteral("openid"));
    m_families->recordAccessToken(QStringLiteral("jti-2"), family, m_clock.nowMs() + 3600000);

    // r1 again: someone holds a copy. The family dies, r2 with it.
    auto reused = m_families->rotate(r1, QStringLiteral("client-a"), QString());
    ASSERT_FALSE(reused);
    EXPECT_EQ(reused.error().error, QStringLiteral("invalid_grant"));
    EXPECT_TRUE(m_families->accessTokenRevoked(QStringLiteral("jti-1")));
    EXPECT_TRUE(m_families->accessTokenRevoked(QStringLiteral("jti-2")));
    EXPECT_FALSE(m_families->rotate(r2, QStringLiteral("client-a"), QString()));
}

TEST_F(OAuthStore, RefreshIsBoundToClientAndResourceAndExpires)
{
    const QString family = m_families->start(grant());
    const QString r1 = m_families->issueRefreshToken(family);
    auto other = m_families->rotate(r1, QStringLiteral("client-b"), QString());
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().error, QStringLiteral("invalid_grant"));
    auto target = m_families->rotate(r1, QStringLiteral("client-a"), QStringLiteral("http://127.0.0.1:9/x"));
    ASSERT_FALSE(target);
    EXPECT_EQ(target.error().error, QStringLiteral("invalid_target"));
    // Neither refusal spent it.
    auto ok = m_families->rotate(r1, QStringLiteral("client-a"), QString());
    ASSERT_TRUE(ok);
    m_clock.advance(oauth::TokenFamilies::kRefreshSlidingMs);
    auto expired = m_families->rotate(ok->refreshToken, QStringLiteral("client-a"), QString());
    ASSERT_FALSE(expired);
    EXPECT_EQ(expired.error().error, QStringLiteral("invalid_grant"));
    EXPECT_TRUE(m_families->accessTokenRevoked(QStringLiteral("never-recorded")));
}
