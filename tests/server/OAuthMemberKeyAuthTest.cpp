// bitcoin_auth client authentication at the token endpoint (OAUTH.md §2.3) over real HTTP: a
// client registered with a member_pubkey must sign each token request with an X-Auth-Token, fresh
// (±5 min), by that key, over the body it sends, once.

#include "OAuthFixture.h"
#include "crypto/Keys.h"
#include "oauth/MemberKeyAuth.h"
#include "wallet/BitcoinAuth.h"

using namespace tokenpass;
using namespace tokenpass::test;
using wallet::BitcoinAuth;

namespace {

class OAuthMemberKeyAuth : public OAuthEndpoints
{
protected:
    crypto::PrivateKey m_member = crypto::PrivateKey::generate();

    QString registerMemberClient()
    {
        const QJsonObject body{
            {QStringLiteral("redirect_uris"), QJsonArray{QStringLiteral("http://localhost:8123/cb")}},
            {QStringLiteral("client_name"), QStringLiteral("Sigma App")},
            {QStringLiteral("grant_types"),
             QJsonArray{QStringLiteral("authorization_code"), QStringLiteral("refresh_token")}},
            {QStringLiteral("token_endpoint_auth_method"), QStringLiteral("bitcoin_auth")},
            {QStringLiteral("member_pubkey"), m_member.publicKey().toHex()}};
        const HttpResult r = post(QStringLiteral("/oauth/register"), QJsonDocument(body).toJson());
        EXPECT_EQ(r.status, 201) << r.body.constData();
        EXPECT_EQ(r.json().value(QStringLiteral("member_pubkey")).toString(), m_member.publicKey().toHex());
        return r.json().value(QStringLiteral("client_id")).toString();
    }
    QByteArray codeBody(const QString& clientId, const QString& code) const
    {
        return "grant_type=authorization_code&code=" + QUrl::toPercentEncoding(code) +
               "&redirect_uri=http%3A%2F%2Flocalhost%3A9999%2Fcb&client_id=" +
               QUrl::toPercentEncoding(clientId) + "&code_verifier=" + kVerifier;
    }
    QString token(const QByteArray& body, qint64 offsetMs = 0, const crypto::PrivateKey* key = nullptr,
                  const QString& path = QStringLiteral("/oauth/token"),
                  BitcoinAuth::Scheme scheme = BitcoinAuth::Scheme::Brc77)
    {
        BitcoinAuth::CreateOptions options;
        options.scheme = scheme;
        options.timestamp = BitcoinAuth::isoTimestamp(m_clock.nowMs() + offsetMs);
        auto t = BitcoinAuth::createToken(key ? *key : m_member, {path, body}, options);
        EXPECT_TRUE(t.isOk());
        return t.value();
    }
    HttpResult send(const QByteArray& body, const QString& authToken,
                    const QString& path = QStringLiteral("/oauth/token"))
    {
        auto headers = kForm;
        if (!authToken.isEmpty())
            headers.append({"X-Auth-Token", authToken.toLatin1()});
        return post(path, body, headers);
    }
    static void expectInvalidClient(const HttpResult& r, const char* why)
    {
        EXPECT_EQ(r.status, 401) << r.body.constData();
        EXPECT_EQ(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_client"));
        EXPECT_TRUE(
            r.json().value(QStringLiteral("error_description")).toString().contains(QLatin1String(why)))
            << r.body.constData();
    }
};

} // namespace

TEST_F(OAuthMemberKeyAuth, MetadataAdvertisesTheMethodAndRegistrationNeedsAMemberKey)
{
    const QJsonObject m = get(QStringLiteral("/.well-known/oauth-authorization-server")).json();
    EXPECT_TRUE(m.value(QStringLiteral("token_endpoint_auth_methods_supported"))
                    .toArray()
                    .contains(QStringLiteral("bitcoin_auth")));
    const QJsonObject noKey{
        {QStringLiteral("redirect_uris"), QJsonArray{QStringLiteral("http://localhost:8123/cb")}},
        {QStringLiteral("token_endpoint_auth_method"), QStringLiteral("bitcoin_auth")}};
    const HttpResult r = post(QStringLiteral("/oauth/register"), QJsonDocument(noKey).toJson());
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_client_metadata"));
}

TEST_F(OAuthMemberKeyAuth, SignedCodeAndRefreshRequestsAreServed)
{
    const QString clientId = registerMemberClient();
    const QByteArray body = codeBody(clientId, code(clientId));
    const HttpResult r = send(body, token(body));
    ASSERT_EQ(r.status, 200) << r.body.constData();
    EXPECT_TRUE(verify(r.json().value(QStringLiteral("access_token")).toString()).isOk());

    // The refresh grant too, with a BSM-scheme token this time, on a sigma alias path.
    const QByteArray refreshBody =
        "grant_type=refresh_token&refresh_token=" +
        QUrl::toPercentEncoding(r.json().value(QStringLiteral("refresh_token")).toString()) +
        "&client_id=" + QUrl::toPercentEncoding(clientId);
    const QString alias = QStringLiteral("/api/auth/oauth2/token");
    const HttpResult refreshed =
        send(refreshBody, token(refreshBody, 0, nullptr, alias, BitcoinAuth::Scheme::Bsm), alias);
    EXPECT_EQ(refreshed.status, 200) << refreshed.body.constData();
}

TEST_F(OAuthMemberKeyAuth, MissingHeaderIsInvalidClientAndSpendsNothing)
{
    const QString clientId = registerMemberClient();
    const QByteArray body = codeBody(clientId, code(clientId));
    expectInvalidClient(send(body, QString()), "X-Auth-Token");
    // The refused request did not burn the code.
    EXPECT_EQ(send(body, token(body)).status, 200);
}

TEST_F(OAuthMemberKeyAuth, StaleAndFutureTokensAreRefused)
{
    const QString clientId = registerMemberClient();
    const QByteArray body = codeBody(clientId, code(clientId));
    expectInvalidClient(send(body, token(body, -oauth::MemberKeyAuth::kWindowMs - 1000)), "expired");
    expectInvalidClient(send(body, token(body, oauth::MemberKeyAuth::kWindowMs + 1000)), "future");
    // Within the window either way is fine.
    EXPECT_EQ(send(body, token(body, -oauth::MemberKeyAuth::kWindowMs + 1000)).status, 200);
}

TEST_F(OAuthMemberKeyAuth, AnotherSignerIsRefused)
{
    const QString clientId = registerMemberClient();
    const QByteArray body = codeBody(clientId, code(clientId));
    const crypto::PrivateKey stranger = crypto::PrivateKey::generate();
    expectInvalidClient(send(body, token(body, 0, &stranger)), "member key");
    // A stranger's BRC-77 token relabelled with the member's pubkey: the embedded signer decides.
    QStringList parts = token(body, 0, &stranger).split(QLatin1Char('|'));
    parts[0] = m_member.publicKey().toHex();
    expectInvalidClient(send(body, parts.join(QLatin1Char('|'))), "another key");
    EXPECT_EQ(send(body, token(body)).status, 200);
}

TEST_F(OAuthMemberKeyAuth, AlteredBodyOrPathIsRefusedButAnEquivalentEncodingIsNot)
{
    const QString clientId = registerMemberClient();
    const QByteArray body = codeBody(clientId, code(clientId));
    const QString signedForOther = token(body + "&scope=openid");
    expectInvalidClient(send(body, signedForOther), "Invalid signature");
    expectInvalidClient(send(body, token(body, 0, nullptr, QStringLiteral("/api/oauth/token"))),
                        "another request path");
    // The sigma client signs URLSearchParams.toString(): "%3A" upper case, '*' bare. A body sent
    // with other escapes for the same fields verifies through the canonical form.
    QByteArray lowerEscapes = body;
    lowerEscapes.replace("%3A%2F%2F", "%3a%2f%2f");
    ASSERT_NE(lowerEscapes, body);
    EXPECT_EQ(send(lowerEscapes, token(body)).status, 200);
}

TEST_F(OAuthMemberKeyAuth, AReplayedTokenIsRefused)
{
    const QString clientId = registerMemberClient();
    // Two codes: the replay must be refused for being a replay, not because the code is spent.
    const QByteArray first = codeBody(clientId, code(clientId));
    const QString t = token(first);
    ASSERT_EQ(send(first, t).status, 200);
    expectInvalidClient(send(first, t), "already used");
    // A public client beside it is unaffected by the header rules.
    const QString publicClient = registerClient();
    EXPECT_EQ(exchange(publicClient, code(publicClient)).status, 200);
}

TEST_F(OAuthMemberKeyAuth, RevocationAuthenticatesTheSameWay)
{
    const QString clientId = registerMemberClient();
    const QByteArray body = codeBody(clientId, code(clientId));
    const HttpResult issued = send(body, token(body));
    ASSERT_EQ(issued.status, 200);
    const QByteArray revokeBody =
        "token=" + QUrl::toPercentEncoding(issued.json().value(QStringLiteral("refresh_token")).toString()) +
        "&client_id=" + QUrl::toPercentEncoding(clientId);
    const QString path = QStringLiteral("/oauth/revoke");
    expectInvalidClient(send(revokeBody, QString(), path), "X-Auth-Token");
    EXPECT_EQ(send(revokeBody, token(revokeBody, 0, nullptr, path), path).status, 200);
}
