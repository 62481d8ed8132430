#pragma once

// The OAuth endpoint tests' fixture: a server with a wallet, a registered client, and the steps
// of the code flow over real HTTP.

#include "ServerHarness.h"
#include "oauth/Es256Key.h"
#include "oauth/Jwt.h"

#include <QJsonArray>
#include <QUrl>
#include <QUrlQuery>

namespace tokenpass::test {

inline constexpr char kVerifier[] = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
inline constexpr char kChallenge[] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
inline constexpr char kResource[] = "http://127.0.0.1:3000/mcp";
inline const QList<QPair<QByteArray, QByteArray>> kForm{
    {"Content-Type", "application/x-www-form-urlencoded"}};

class OAuthEndpoints : public ServerHarness
{
protected:
    void SetUp() override
    {
        ServerHarness::SetUp();
        registerWallet();
    }
    QString issuer() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }

    QString registerClient(const QJsonArray& grantTypes = {QStringLiteral("authorization_code"),
                                                           QStringLiteral("refresh_token")})
    {
        const QJsonObject body{
            {QStringLiteral("redirect_uris"), QJsonArray{QStringLiteral("http://localhost:8123/cb")}},
            {QStringLiteral("client_name"), QStringLiteral("Test Agent")},
            {QStringLiteral("grant_types"), grantTypes}};
        const HttpResult r = post(QStringLiteral("/oauth/register"), QJsonDocument(body).toJson());
        EXPECT_EQ(r.status, 201) << r.body.constData();
        return r.json().value(QStringLiteral("client_id")).toString();
    }
    QString authorizePath(const QString& clientId, const QString& extra = {}) const
    {
        // Concatenated, not arg(): the escapes (%2F, %3A) would count as placeholders.
        return QStringLiteral("/oauth/authorize?response_type=code&client_id=") + clientId +
               QStringLiteral(
                   "&redirect_uri=http%3A%2F%2Flocalhost%3A9999%2Fcb&state=st%2Bate&code_challenge=") +
               QLatin1String(kChallenge) +
               QStringLiteral("&code_challenge_method=S256&scope=openid+bsv%3Atools"
                              "&resource=http%3A%2F%2F127.0.0.1%3A3000%2Fmcp&nonce=n-1") +
               extra;
    }
    // The query of a redirect's Location.
    static QUrlQuery locationQuery(const HttpResult& r)
    {
        return QUrlQuery(QUrl::fromEncoded(r.header("Location")));
    }
    // Authorize with a remembered consent; returns the code.
    QString code(const QString& clientId)
    {
        rememberConsent(clientId, {QStringLiteral("openid"), QStringLiteral("bsv:tools")});
        const HttpResult r = get(authorizePath(clientId));
        EXPECT_EQ(r.status, 302) << r.body.constData();
        return locationQuery(r).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    }
    HttpResult exchange(const QString& clientId, const QString& code, const char* verifier = kVerifier)
    {
        const QByteArray body = "grant_type=authorization_code&code=" + QUrl::toPercentEncoding(code) +
                                "&redirect_uri=http%3A%2F%2Flocalhost%3A9999%2Fcb&client_id=" +
                                QUrl::toPercentEncoding(clientId) + "&code_verifier=" + verifier;
        return post(QStringLiteral("/oauth/token"), body, kForm);
    }
    HttpResult refresh(const QString& clientId, const QString& token)
    {
        return post(QStringLiteral("/oauth/token"),
                    "grant_type=refresh_token&refresh_token=" + QUrl::toPercentEncoding(token) +
                        "&client_id=" + QUrl::toPercentEncoding(clientId),
                    kForm);
    }
    // Verifies a JWT against the served JWKS, as a resource server would.
    Result<oauth::Jwt::Verified> verify(const QString& token)
    {
        const QJsonArray keys =
            get(QStringLiteral("/oauth/jwks")).json().value(QStringLiteral("keys")).toArray();
        return oauth::Jwt::verify(token, [&keys](const QString& kid) -> std::optional<oauth::JwsPublicKey> {
            for (const QJsonValue& k : keys)
                if (k.toObject().value(QStringLiteral("kid")).toString() == kid)
                    if (auto key = oauth::JwsPublicKey::fromJwk(k.toObject()))
                        return *key;
            return std::nullopt;
        });
    }
};

} // namespace tokenpass::test
