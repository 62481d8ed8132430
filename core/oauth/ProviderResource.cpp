#include "oauth/Provider.h"

#include "crypto/Hash.h"
#include "oauth/Jwt.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QMutexLocker>

// What resource-side callers do with our tokens: userinfo (OAUTH.md §5.3) and revocation
// (RFC 7009, OAUTH.md §5 table).

namespace tokenpass::oauth {

namespace {

OAuthError invalidToken(const QString& why)
{
    return OAuthError{QStringLiteral("invalid_token"), why, 401};
}

} // namespace

OAuthResult<QJsonObject> Provider::validAccessToken(const QString& token)
{
    const QByteArray digest = crypto::sha256(token.toUtf8());
    QJsonObject claims;
    {
        QMutexLocker lock(&m_verifiedMutex);
        claims = m_verified.value(digest);
    }
    if (claims.isEmpty()) {
        auto verified = Jwt::verify(token, [this](const QString& kid) { return m_keys.find(kid); });
        if (!verified)
            return OAuthResult<QJsonObject>::fail(
                invalidToken(QStringLiteral("The access token is not ours")));
        // Access tokens are ES256 only (OAUTH.md §3.2); an RS256 id_token is not one.
        if (verified->header.value(QStringLiteral("alg")).toString() != QLatin1String("ES256") ||
            verified->header.value(QStringLiteral("typ")).toString() != QLatin1String("at+jwt") ||
            verified->claims.value(QStringLiteral("iss")).toString() != m_issuer)
            return OAuthResult<QJsonObject>::fail(
                invalidToken(QStringLiteral("Not an access token of this issuer")));
        claims = verified->claims;
        QMutexLocker lock(&m_verifiedMutex);
        if (m_verified.size() >= kVerifiedCap)
            m_verified.clear();
        m_verified.insert(digest, claims);
    }
    if (qint64(claims.value(QStringLiteral("exp")).toDouble()) * 1000 <= m_clock.nowMs())
        return OAuthResult<QJsonObject>::fail(invalidToken(QStringLiteral("The access token expired")));
    if (m_families.accessTokenRevoked(claims.value(QStringLiteral("jti")).toString()))
        return OAuthResult<QJsonObject>::fail(invalidToken(QStringLiteral("The access token was revoked")));
    m_clients.noteUse(claims.value(QStringLiteral("client_id")).toString()); // the sites window's last use
    return OAuthResult<QJsonObject>::ok(claims);
}

OAuthResult<QJsonObject> Provider::userinfo(const QString& bearerToken)
{
    auto claims = validAccessToken(bearerToken);
    if (!claims)
        return claims;
    const QString scope = claims->value(QStringLiteral("scope")).toString();
    if (!scope.split(QLatin1Char(' '), Qt::SkipEmptyParts).contains(QStringLiteral("openid")))
        return OAuthResult<QJsonObject>::fail(QStringLiteral("insufficient_scope"),
                                              QStringLiteral("The access token lacks the openid scope"), 403);
    return OAuthResult<QJsonObject>::ok(QJsonObject{
        {QStringLiteral("sub"), claims->value(QStringLiteral("sub"))},
        {QStringLiteral("pubkey"), claims->value(QStringLiteral("pubkey"))},
        {QStringLiteral("bitcoin_address"), claims->value(QStringLiteral("bitcoin_address"))},
        {QStringLiteral("bap_id"), claims->value(QStringLiteral("bap_id"))},
        {QStringLiteral("scope"), scope},
    });
}

OAuthResult<QJsonObject> Provider::accessTokenFor(const QString& bearerToken, const QString& audience)
{
    auto claims = validAccessToken(bearerToken);
    if (!claims)
        return claims;
    // RFC 7519 §4.1.3: a string or an array of strings.
    const QJsonValue aud = claims->value(QStringLiteral("aud"));
    const bool forUs =
        aud.isString() ? aud.toString() == audience : aud.toArray().contains(QJsonValue(audience));
    if (!forUs)
        return OAuthResult<QJsonObject>::fail(
            invalidToken(QStringLiteral("The access token is not for this resource")));
    return claims;
}

OAuthResult<bool> Provider::revoke(const QMap<QString, QStringList>& form,
                                   const ClientCredentials& credentials)
{
    for (auto it = form.constBegin(); it != form.constEnd(); ++it)
        if (it.value().size() > 1)
            return OAuthResult<bool>::fail(QStringLiteral("invalid_request"),
                                           QStringLiteral("%1 was sent more than once").arg(it.key()));
    const QString token = form.value(QStringLiteral("token")).value(0);
    const QString clientId = form.value(QStringLiteral("client_id")).value(0);
    if (token.isEmpty())
        return OAuthResult<bool>::fail(QStringLiteral("invalid_request"),
                                       QStringLiteral("token is required"));
    const auto client = m_clients.find(clientId);
    if (!client)
        return OAuthResult<bool>::fail(QStringLiteral("invalid_client"), QStringLiteral("unknown client"),
                                       401);
    if (auto authenticated = m_memberAuth.authenticate(*client, credentials); !authenticated)
        return authenticated;
    // Whatever the hint says, try both kinds (RFC 7009 §2.1); an unknown token is still a 200.
    m_families.revokeRefreshToken(token, clientId);
    if (token.count(QLatin1Char('.')) == 2) {
        auto verified = Jwt::verify(token, [this](const QString& kid) { return m_keys.find(kid); });
        if (verified && verified->claims.value(QStringLiteral("client_id")).toString() == clientId)
            m_families.revokeAccessToken(verified->claims.value(QStringLiteral("jti")).toString());
    }
    return OAuthResult<bool>::ok(true);
}

} // namespace tokenpass::oauth
