// Provider::revokeClient (issue 16 item 4): one call takes away everything a client holds (token
// families, live access-token jti's, unused codes, device codes, consent forms, consent) and
// nothing of any other client; a spent refresh token or code presented again is recorded too.

#include "access/Gatekeeper.h"
#include "access/Grants.h"
#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "oauth/ConnectedClients.h"
#include "oauth/Provider.h"
#include "store/AuditLog.h"
#include "store/Database.h"
#include "wallet/Wallet.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace tokenpass;

namespace {

constexpr char kVerifier[] = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr char kChallenge[] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

class OAuthRevokeClient : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db) << qPrintable(db.error());
        m_db = *db;
        m_wallet = std::make_unique<wallet::Wallet>(m_dir.path());
        m_provider = std::make_unique<oauth::Provider>(QStringLiteral("http://127.0.0.1:21000"), m_db,
                                                       m_wallet.get(), m_clock);
    }

    // A registered client with a consent, one token family (a refresh token and an access-token
    // jti), one unused code, one open device code.
    struct Holdings
    {
        QString clientId;
        QString refreshToken;
        QString jti;
        QString code;
        QString deviceCode;
    };
    Holdings connect(const QString& name)
    {
        Holdings h;
        auto registered = m_provider->clients().registerClient(QJsonObject{
            {QStringLiteral("redirect_uris"), QJsonArray{QStringLiteral("http://localhost:8000/cb")}},
            {QStringLiteral("client_name"), name},
            {QStringLiteral("grant_types"),
             QJsonArray{QStringLiteral("authorization_code"), QStringLiteral("refresh_token"),
                        QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")}}});
        EXPECT_TRUE(registered);
        h.clientId = registered->value(QStringLiteral("client_id")).toString();
        access::Grant consent;
        consent.host = access::oauthHostPrefix() + h.clientId;
        consent.scopes = {QStringLiteral("openid"), QStringLiteral("bsv:tools")};
        consent.duration = QStringLiteral("forever");
        consent.identity = QStringLiteral("bap-1");
        EXPECT_TRUE(access::Grants(m_db, m_clock).save(consent));

        oauth::Grant g;
        g.clientId = h.clientId;
        g.redirectUri = QStringLiteral("http://localhost:8000/cb");
        g.codeChallenge = QString::fromLatin1(kChallenge);
        g.resource = QStringLiteral("http://127.0.0.1:21000/mcp");
        g.scope = QStringLiteral("openid bsv:tools");
        g.identity.sub = QStringLiteral("bap-1");
        g.identity.bapId = QStringLiteral("bap-1");
        const QString familyId = m_provider->families().start(g);
        h.refreshToken = m_provider->families().issueRefreshToken(familyId);
        h.jti = QStringLiteral("jti-") + name;
        m_provider->families().recordAccessToken(h.jti, familyId, m_clock.nowMs() + 3600 * 1000);
        h.code = m_provider->codes().issue(g);
        h.deviceCode =
            m_provider->deviceCodes().issue(h.clientId, {QStringLiteral("openid")}, QString()).deviceCode;
        EXPECT_FALSE(h.refreshToken.isEmpty());
        EXPECT_FALSE(h.code.isEmpty());
        return h;
    }
    QStringList connectedIds() const
    {
        QStringList ids;
        for (const oauth::ConnectedClient& c : oauth::ConnectedClients(m_db, m_clock).list())
            ids << c.clientId;
        return ids;
    }

    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::shared_ptr<store::Database> m_db;
    std::unique_ptr<wallet::Wallet> m_wallet;
    std::unique_ptr<oauth::Provider> m_provider;
};

} // namespace

TEST_F(OAuthRevokeClient, TakesAwayEverythingTheClientHoldsAndNothingElse)
{
    const Holdings a = connect(QStringLiteral("Agent A"));
    const Holdings b = connect(QStringLiteral("Agent B"));
    ASSERT_EQ(connectedIds().size(), 2);
    const auto listed = oauth::ConnectedClients(m_db, m_clock).list();
    for (const oauth::ConnectedClient& c : listed) {
        EXPECT_EQ(c.scopes, (QStringList{QStringLiteral("openid"), QStringLiteral("bsv:tools")}));
        EXPECT_EQ(c.identityKey, QStringLiteral("bap-1"));
    }
    EXPECT_FALSE(m_provider->families().accessTokenRevoked(a.jti));

    const oauth::ClientRevocation r = m_provider->revokeClient(a.clientId);
    EXPECT_TRUE(r.complete);
    EXPECT_EQ(r.families, 1);
    EXPECT_EQ(r.accessTokens, 1);
    EXPECT_EQ(r.codes, 1);
    EXPECT_EQ(r.deviceCodes, 1);
    EXPECT_TRUE(r.consentRemoved);

    // The jti is refused although the token has not expired; the refresh token is invalid_grant.
    EXPECT_TRUE(m_provider->families().accessTokenRevoked(a.jti));
    const auto refreshed = m_provider->families().rotate(a.refreshToken, a.clientId, QString());
    ASSERT_FALSE(refreshed);
    EXPECT_EQ(refreshed.error().error, QStringLiteral("invalid_grant"));
    // The unused code is gone (unknown), and so is the device code.
    const auto redeemed =
        m_provider->codes().redeem(a.code, a.clientId, QStringLiteral("http://localhost:8000/cb"),
                                   QString::fromLatin1(kVerifier), QString(), m_provider->families());
    ASSERT_FALSE(redeemed);
    EXPECT_EQ(redeemed.error().description, QStringLiteral("unknown authorization code"));
    const auto polled = m_provider->deviceCodes().poll(a.deviceCode, a.clientId);
    ASSERT_FALSE(polled);
    EXPECT_EQ(polled.error().error, QStringLiteral("invalid_grant"));
    // The consent is gone: the next authorization asks again. The registration stays.
    EXPECT_FALSE(access::Grants(m_db, m_clock).find(access::oauthHostPrefix() + a.clientId));
    EXPECT_TRUE(m_provider->clients().find(a.clientId));
    EXPECT_EQ(connectedIds(), QStringList{b.clientId});

    // The other client keeps all it had.
    EXPECT_FALSE(m_provider->families().accessTokenRevoked(b.jti));
    EXPECT_TRUE(access::Grants(m_db, m_clock).find(access::oauthHostPrefix() + b.clientId));
    EXPECT_EQ(m_provider->deviceCodes().poll(b.deviceCode, b.clientId).error().error,
              QStringLiteral("authorization_pending"));
    EXPECT_TRUE(m_provider->families().rotate(b.refreshToken, b.clientId, QString()));

    // One audit entry, under the grant host, saying what went.
    const auto audit = store::AuditLog(m_db, m_clock).recent(access::oauthHostPrefix() + a.clientId, 10);
    ASSERT_EQ(audit.size(), 1);
    EXPECT_EQ(audit[0].operation, store::AuditOperation::OAuthRevoke);
    EXPECT_EQ(audit[0].result, store::AuditResult::Allowed);
    EXPECT_EQ(audit[0].detail, QStringLiteral("1 token families, 1 access tokens, 1 codes, 1 device codes "
                                              "revoked; consent removed"));

    // Revoking again finds nothing left.
    const oauth::ClientRevocation again = m_provider->revokeClient(a.clientId);
    EXPECT_EQ(again.families + again.accessTokens + again.codes + again.deviceCodes, 0);
    EXPECT_FALSE(again.consentRemoved);
}

TEST_F(OAuthRevokeClient, AReplayedRefreshTokenOrCodeIsRecorded)
{
    const Holdings a = connect(QStringLiteral("Agent A"));
    ASSERT_TRUE(m_provider->families().rotate(a.refreshToken, a.clientId, QString()));
    const auto replay = m_provider->families().rotate(a.refreshToken, a.clientId, QString());
    ASSERT_FALSE(replay);
    EXPECT_EQ(replay.error().error, QStringLiteral("invalid_grant"));
    EXPECT_TRUE(m_provider->families().accessTokenRevoked(a.jti));

    const QString redirect = QStringLiteral("http://localhost:8000/cb");
    ASSERT_TRUE(m_provider->codes().redeem(a.code, a.clientId, redirect, QString::fromLatin1(kVerifier),
                                           QString(), m_provider->families()));
    EXPECT_FALSE(m_provider->codes().redeem(a.code, a.clientId, redirect, QString::fromLatin1(kVerifier),
                                            QString(), m_provider->families()));

    const auto audit = store::AuditLog(m_db, m_clock).recent(access::oauthHostPrefix() + a.clientId, 10);
    ASSERT_EQ(audit.size(), 2);
    EXPECT_EQ(audit[0].operation, store::AuditOperation::OAuthReuse);
    EXPECT_EQ(audit[0].detail, QStringLiteral("authorization code used twice; its tokens were revoked"));
    EXPECT_EQ(audit[1].operation, store::AuditOperation::OAuthReuse);
    EXPECT_EQ(audit[1].result, store::AuditResult::Denied);
    EXPECT_EQ(audit[1].detail, QStringLiteral("refresh token used twice; its token family was revoked"));
}
