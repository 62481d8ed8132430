// RS256 id_tokens on request (OAUTH.md §3.2) over real HTTP: a client that registers
// id_token_signed_response_alg RS256 gets id_tokens that verify against the served JWKS; the RSA
// key is made only then, survives a lock (stored encrypted, reopened on unlock), and access
// tokens stay ES256.

#include "OAuthFixture.h"
#include "oauth/Base64Url.h"

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

class OAuthRs256 : public OAuthEndpoints
{
protected:
    QString registerRs256Client()
    {
        const QJsonObject body{
            {QStringLiteral("redirect_uris"), QJsonArray{QStringLiteral("http://localhost:8123/cb")}},
            {QStringLiteral("client_name"), QStringLiteral("Legacy RP")},
            {QStringLiteral("grant_types"),
             QJsonArray{QStringLiteral("authorization_code"), QStringLiteral("refresh_token")}},
            {QStringLiteral("id_token_signed_response_alg"), QStringLiteral("RS256")}};
        const HttpResult r = post(QStringLiteral("/oauth/register"), QJsonDocument(body).toJson());
        EXPECT_EQ(r.status, 201) << r.body.constData();
        EXPECT_EQ(r.json().value(QStringLiteral("id_token_signed_response_alg")).toString(),
                  QStringLiteral("RS256"));
        return r.json().value(QStringLiteral("client_id")).toString();
    }
    QStringList jwksAlgs()
    {
        QStringList algs;
        for (const QJsonValue& k :
             get(QStringLiteral("/oauth/jwks")).json().value(QStringLiteral("keys")).toArray())
            algs << k.toObject().value(QStringLiteral("alg")).toString();
        algs.sort();
        return algs;
    }
    static QString headerAlg(const QString& jwt)
    {
        const auto header = oauth::fromBase64Url(jwt.section(QLatin1Char('.'), 0, 0).toLatin1());
        return QJsonDocument::fromJson(header.value_or(QByteArray()))
            .object()
            .value(QStringLiteral("alg"))
            .toString();
    }
};

} // namespace

TEST_F(OAuthRs256, Rs256ClientGetsRs256IdTokensVerifiableAgainstTheJwks)
{
    EXPECT_TRUE(get(QStringLiteral("/.well-known/openid-configuration"))
                    .json()
                    .value(QStringLiteral("id_token_signing_alg_values_supported"))
                    .toArray()
                    .contains(QStringLiteral("RS256")));
    // An ES256 client's exchange does not create the RSA key.
    const QString es256Client = registerClient();
    ASSERT_EQ(exchange(es256Client, code(es256Client)).status, 200);
    EXPECT_EQ(jwksAlgs(), QStringList{QStringLiteral("ES256")});

    const QString clientId = registerRs256Client();
    EXPECT_EQ(jwksAlgs(), (QStringList{QStringLiteral("ES256"), QStringLiteral("RS256")}));
    const HttpResult r = exchange(clientId, code(clientId));
    ASSERT_EQ(r.status, 200) << r.body.constData();
    const QString idToken = r.json().value(QStringLiteral("id_token")).toString();
    EXPECT_EQ(headerAlg(idToken), QStringLiteral("RS256"));
    auto verified = verify(idToken);
    ASSERT_TRUE(verified) << qPrintable(verified.error());
    EXPECT_EQ(verified->claims.value(QStringLiteral("aud")).toString(), clientId);
    EXPECT_EQ(verified->claims.value(QStringLiteral("iss")).toString(), issuer());
    // The access token stays ES256, and an RS256 id_token is no access token at userinfo.
    const QString access = r.json().value(QStringLiteral("access_token")).toString();
    EXPECT_EQ(headerAlg(access), QStringLiteral("ES256"));
    EXPECT_TRUE(verify(access));
    EXPECT_EQ(get(QStringLiteral("/oauth/userinfo"), {{"Authorization", bearer(idToken)}}).status, 401);
}

TEST_F(OAuthRs256, TheRsaKeySurvivesALockAndIsWipedMeanwhile)
{
    const QString clientId = registerRs256Client();
    const QByteArray jwks = get(QStringLiteral("/oauth/jwks")).body;
    const QString c = code(clientId);
    ASSERT_EQ(post(QStringLiteral("/api/logout"), QByteArray()).status, 200);
    EXPECT_EQ(exchange(clientId, c).status, 503);             // no key while locked
    EXPECT_EQ(get(QStringLiteral("/oauth/jwks")).body, jwks); // still published
    ASSERT_EQ(post(QStringLiteral("/api/login"), R"({"password":"correct horse battery"})").status, 200);
    const HttpResult r = exchange(clientId, c);
    ASSERT_EQ(r.status, 200) << r.body.constData();
    // The same RSA key, reopened from its encrypted copy: no second key in the JWKS.
    EXPECT_EQ(get(QStringLiteral("/oauth/jwks")).body, jwks);
    EXPECT_TRUE(verify(r.json().value(QStringLiteral("id_token")).toString()));
}

TEST_F(OAuthRs256, OtherAlgorithmsAreRefusedAtRegistration)
{
    const QJsonObject body{
        {QStringLiteral("redirect_uris"), QJsonArray{QStringLiteral("http://localhost:8123/cb")}},
        {QStringLiteral("id_token_signed_response_alg"), QStringLiteral("HS256")}};
    const HttpResult r = post(QStringLiteral("/oauth/register"), QJsonDocument(body).toJson());
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_client_metadata"));
}
