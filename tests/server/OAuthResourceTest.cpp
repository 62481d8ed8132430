// Userinfo (OAUTH.md §5.3) and revocation (RFC 7009) over real HTTP: what a resource server or a
// client does with the tokens once it has them.

#include "OAuthFixture.h"

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

class OAuthResource : public OAuthEndpoints
{
protected:
    QJsonObject tokens(const QString& clientId)
    {
        const HttpResult r = exchange(clientId, code(clientId));
        EXPECT_EQ(r.status, 200) << r.body.constData();
        return r.json();
    }
    HttpResult userinfo(const QString& accessToken, const QString& path = QStringLiteral("/oauth/userinfo"))
    {
        return get(path, {{"Authorization", "Bearer " + accessToken.toLatin1()}});
    }
    HttpResult revoke(const QString& clientId, const QString& token)
    {
        return post(QStringLiteral("/oauth/revoke"),
                    "token=" + QUrl::toPercentEncoding(token) +
                        "&client_id=" + QUrl::toPercentEncoding(clientId),
                    kForm);
    }
};

} // namespace

TEST_F(OAuthResource, UserinfoAnswersForTheChosenIdentityAtEveryPath)
{
    const QString clientId = registerClient();
    const QJsonObject t = tokens(clientId);
    const QString access = t.value(QStringLiteral("access_token")).toString();
    const HttpResult r = userinfo(access);
    ASSERT_EQ(r.status, 200) << r.body.constData();
    EXPECT_EQ(r.header("Pragma"), QByteArray("no-cache"));
    const QJsonObject info = r.json();
    const auto claims = verify(access);
    ASSERT_TRUE(claims);
    EXPECT_EQ(info.value(QStringLiteral("sub")), claims->claims.value(QStringLiteral("sub")));
    EXPECT_EQ(info.value(QStringLiteral("pubkey")), claims->claims.value(QStringLiteral("pubkey")));
    EXPECT_EQ(info.value(QStringLiteral("bitcoin_address")),
              claims->claims.value(QStringLiteral("bitcoin_address")));
    EXPECT_EQ(info.value(QStringLiteral("scope")).toString(), QStringLiteral("openid bsv:tools"));
    EXPECT_EQ(userinfo(access, QStringLiteral("/api/auth/oauth2/userinfo")).body, r.body);
    EXPECT_EQ(userinfo(access, QStringLiteral("/api/oauth/userinfo")).body, r.body);
    EXPECT_EQ(post(QStringLiteral("/oauth/userinfo"), QByteArray(),
                   {{"Authorization", "Bearer " + access.toLatin1()}})
                  .body,
              r.body);
}

TEST_F(OAuthResource, UserinfoRefusesWhatIsNotOneOfOurLiveAccessTokens)
{
    const QString clientId = registerClient();
    const QJsonObject t = tokens(clientId);
    const HttpResult none = get(QStringLiteral("/oauth/userinfo"));
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(
        none.header("WWW-Authenticate"),
        QByteArray(R"(Bearer error="invalid_token", error_description="A Bearer access token is required")"));
    EXPECT_EQ(
        none.body,
        QByteArray(R"({"error":"invalid_token","error_description":"A Bearer access token is required"})"));
    // The id_token is ours but not an access token.
    EXPECT_EQ(userinfo(t.value(QStringLiteral("id_token")).toString()).status, 401);
    EXPECT_EQ(userinfo(QStringLiteral("a.b.c")).status, 401);
    // Expired after 15 minutes (a bsv:* scope).
    m_clock.advance(15 * 60 * 1000);
    const HttpResult expired = userinfo(t.value(QStringLiteral("access_token")).toString());
    EXPECT_EQ(expired.status, 401);
    EXPECT_EQ(expired.json().value(QStringLiteral("error_description")).toString(),
              QStringLiteral("The access token expired"));
}

TEST_F(OAuthResource, RevokingTheAccessTokenDeniesItAtUserinfo)
{
    const QString clientId = registerClient();
    const QString access = tokens(clientId).value(QStringLiteral("access_token")).toString();
    const HttpResult r = revoke(clientId, access);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, QByteArray("{}"));
    const HttpResult after = userinfo(access);
    EXPECT_EQ(after.status, 401);
    EXPECT_EQ(after.json().value(QStringLiteral("error_description")).toString(),
              QStringLiteral("The access token was revoked"));
}

TEST_F(OAuthResource, RevokingTheRefreshTokenRevokesItsFamily)
{
    const QString clientId = registerClient();
    const QJsonObject t = tokens(clientId);
    EXPECT_EQ(revoke(clientId, t.value(QStringLiteral("refresh_token")).toString()).status, 200);
    EXPECT_EQ(refresh(clientId, t.value(QStringLiteral("refresh_token")).toString()).status, 400);
    EXPECT_EQ(userinfo(t.value(QStringLiteral("access_token")).toString()).status, 401);
}

TEST_F(OAuthResource, RevocationAnswersUnknownTokensAlike)
{
    const QString clientId = registerClient();
    EXPECT_EQ(revoke(clientId, QStringLiteral("never-issued")).status, 200);
    // Another client's token stays valid.
    const QString other = registerClient();
    const QJsonObject t = tokens(clientId);
    EXPECT_EQ(revoke(other, t.value(QStringLiteral("refresh_token")).toString()).status, 200);
    EXPECT_EQ(revoke(other, t.value(QStringLiteral("access_token")).toString()).status, 200);
    EXPECT_EQ(userinfo(t.value(QStringLiteral("access_token")).toString()).status, 200);
    EXPECT_EQ(refresh(clientId, t.value(QStringLiteral("refresh_token")).toString()).status, 200);
    const HttpResult unknownClient = revoke(QStringLiteral("nobody"), QStringLiteral("x"));
    EXPECT_EQ(unknownClient.status, 401);
    EXPECT_EQ(unknownClient.body,
              QByteArray(R"({"error":"invalid_client","error_description":"unknown client"})"));
}
