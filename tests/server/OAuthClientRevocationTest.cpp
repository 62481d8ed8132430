// Revoking an OAuth client from the Connected sites window (issue 16 item 4), over real HTTP:
// tokens issued through the real code flow stop working at once at /oauth/userinfo and /mcp
// (the access token is a JWT that has not expired), the refresh token is invalid_grant, and the
// client must ask for consent again.

#include "McpFixture.h"
#include "access/Gatekeeper.h"
#include "oauth/TokenFamilies.h"
#include "store/AuditLog.h"

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

class OAuthClientRevocation : public McpEndpoint
{
protected:
    // access_token and refresh_token for the MCP resource, through authorize and the token endpoint.
    QJsonObject connectClient(QString* clientIdOut)
    {
        const QString clientId = registerClient();
        *clientIdOut = clientId;
        grant(access::oauthHostPrefix() + clientId, {QStringLiteral("openid"), QStringLiteral("sign")});
        const HttpResult r = get(authorizeFor(clientId));
        EXPECT_EQ(r.status, 302) << r.body.constData();
        const QString code = locationQuery(r).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
        const HttpResult t = exchange(clientId, code);
        EXPECT_EQ(t.status, 200) << t.body.constData();
        return t.json();
    }
    QString authorizeFor(const QString& clientId) const
    {
        return QStringLiteral("/oauth/authorize?response_type=code&client_id=") + clientId +
               QStringLiteral("&redirect_uri=http%3A%2F%2Flocalhost%3A9999%2Fcb&state=s&code_challenge=") +
               QLatin1String(kChallenge) +
               QStringLiteral("&code_challenge_method=S256&scope=openid+sign&resource=") +
               QString::fromLatin1(QUrl::toPercentEncoding(resource()));
    }
    // ServerController::revokeOAuthClient, as the sites window asks it; the ids it reports back.
    QStringList revokeAndWait(const QString& clientId)
    {
        QStringList revoked;
        QObject context;
        QObject::connect(m_server.get(), &server::ServerController::oauthClientRevoked, &context,
                         [&revoked](const QString& id) { revoked << id; });
        m_server->revokeOAuthClient(clientId);
        for (int i = 0; i < 100 && revoked.isEmpty(); ++i)
            spin(50);
        return revoked;
    }
    HttpResult userinfo(const QString& access)
    {
        return get(QStringLiteral("/oauth/userinfo"), {{"Authorization", bearer(access)}});
    }
    HttpResult initialize(const QString& access)
    {
        const QJsonObject params{
            {QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")},
            {QStringLiteral("capabilities"), QJsonObject{}},
            {QStringLiteral("clientInfo"), QJsonObject{{QStringLiteral("name"), QStringLiteral("t")},
                                                       {QStringLiteral("version"), QStringLiteral("1")}}}};
        return rpc(access, {}, request(QStringLiteral("initialize"), params));
    }
};

} // namespace

TEST_F(OAuthClientRevocation, TokensStopAtOnceAndTheClientMustAskAgain)
{
    QString clientId;
    QString otherId;
    const QJsonObject tokens = connectClient(&clientId);
    const QJsonObject other = connectClient(&otherId);
    const QString access = tokens.value(QStringLiteral("access_token")).toString();
    ASSERT_EQ(userinfo(access).status, 200);
    ASSERT_EQ(initialize(access).status, 200);

    const QStringList revoked = revokeAndWait(clientId);
    ASSERT_EQ(revoked, QStringList{clientId});

    const HttpResult info = userinfo(access);
    EXPECT_EQ(info.status, 401);
    EXPECT_EQ(info.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_token"));
    EXPECT_EQ(info.json().value(QStringLiteral("error_description")).toString(),
              QStringLiteral("The access token was revoked"));
    const HttpResult mcp = initialize(access);
    EXPECT_EQ(mcp.status, 401);
    EXPECT_TRUE(mcp.header("WWW-Authenticate").contains("invalid_token"))
        << mcp.header("WWW-Authenticate").constData();
    const HttpResult refreshed = refresh(clientId, tokens.value(QStringLiteral("refresh_token")).toString());
    EXPECT_EQ(refreshed.status, 400);
    EXPECT_EQ(refreshed.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));

    // No standing consent: authorize no longer hands out a code on its own.
    const HttpResult again = get(authorizeFor(clientId));
    EXPECT_FALSE(locationQuery(again).hasQueryItem(QStringLiteral("code")))
        << again.header("Location").constData();

    // The other client is untouched.
    EXPECT_EQ(userinfo(other.value(QStringLiteral("access_token")).toString()).status, 200);
    EXPECT_EQ(refresh(otherId, other.value(QStringLiteral("refresh_token")).toString()).status, 200);

    // The audit log: registration, consent-covered authorize, token issue, and the revocation.
    const auto byClient = store::AuditLog(m_db).recent(clientId, 20);
    QList<store::AuditOperation> ops;
    for (const store::AuditEntry& e : byClient)
        ops << e.operation;
    EXPECT_TRUE(ops.contains(store::AuditOperation::OAuthClient));
    EXPECT_TRUE(ops.contains(store::AuditOperation::OAuthToken));
    const auto byGrant = store::AuditLog(m_db).recent(access::oauthHostPrefix() + clientId, 20);
    bool consentEntry = false;
    bool revokedEntry = false;
    for (const store::AuditEntry& e : byGrant) {
        consentEntry = consentEntry || e.operation == store::AuditOperation::Consent;
        if (e.operation == store::AuditOperation::OAuthRevoke) {
            revokedEntry = true;
            EXPECT_EQ(e.detail, QStringLiteral("1 token families, 1 access tokens, 0 codes, 0 device codes "
                                               "revoked; consent removed"));
        }
    }
    EXPECT_TRUE(consentEntry);
    EXPECT_TRUE(revokedEntry);
}

TEST_F(OAuthClientRevocation, WorksWhileTheServerIsStopped)
{
    QString clientId;
    const QJsonObject tokens = connectClient(&clientId);
    const auto claims = verify(tokens.value(QStringLiteral("access_token")).toString());
    ASSERT_TRUE(claims);
    const QString jti = claims->claims.value(QStringLiteral("jti")).toString();
    oauth::TokenFamilies families(m_db, m_clock);
    ASSERT_FALSE(families.accessTokenRevoked(jti));

    m_server->stop();
    EXPECT_EQ(revokeAndWait(clientId), QStringList{clientId}); // at once, without a server thread
    EXPECT_TRUE(families.accessTokenRevoked(jti));
    const auto rotated =
        families.rotate(tokens.value(QStringLiteral("refresh_token")).toString(), clientId, {});
    ASSERT_FALSE(rotated);
    EXPECT_EQ(rotated.error().error, QStringLiteral("invalid_grant"));
}
