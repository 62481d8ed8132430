#include "oauth/Provider.h"

#include "crypto/Hash.h"
#include "crypto/Random.h"
#include "oauth/Base64Url.h"
#include "oauth/Jwt.h"
#include "oauth/Scopes.h"

#include <QJsonValue>

// The token endpoint's grants (OAUTH.md §1.5, §5.2 rules 4–6; RFC 6749 §4.1.3, §6; RFC 9068).

namespace tokenpass::oauth {

namespace {

using TokenResult = OAuthResult<QJsonObject>;

TokenResult invalidRequest(const QString& why)
{
    return TokenResult::fail(QStringLiteral("invalid_request"), why);
}

QJsonValue orNull(const QString& value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

// The claims that say who the person is, the same in access and id tokens (bsv-mcp reads them).
void addIdentityClaims(QJsonObject& claims, const TokenIdentity& identity)
{
    claims.insert(QStringLiteral("pubkey"), identity.pubkey);
    claims.insert(QStringLiteral("bitcoin_address"), identity.bitcoinAddress);
    claims.insert(QStringLiteral("bap_id"), orNull(identity.bapId));
    claims.insert(QStringLiteral("pubkey_attestation"), identity.attestation);
}

} // namespace

OAuthResult<QJsonObject> Provider::token(const QMap<QString, QStringList>& form,
                                         const ClientCredentials& credentials)
{
    for (auto it = form.constBegin(); it != form.constEnd(); ++it)
        if (it.value().size() > 1) // RFC 6749 §3.2
            return invalidRequest(QStringLiteral("%1 was sent more than once").arg(it.key()));
    auto field = [&form](const char* name) { return form.value(QString::fromLatin1(name)).value(0); };

    const QString grantType = field("grant_type");
    if (grantType.isEmpty())
        return invalidRequest(QStringLiteral("grant_type is required"));
    const bool byCode = grantType == QLatin1String("authorization_code");
    const bool byRefresh = grantType == QLatin1String("refresh_token");
    const bool byDevice = grantType == QLatin1String("urn:ietf:params:oauth:grant-type:device_code");
    if (!byCode && !byRefresh && !byDevice)
        return TokenResult::fail(
            QStringLiteral("unsupported_grant_type"),
            QStringLiteral("grant_type must be authorization_code, refresh_token or device_code"));
    const QString clientId = field("client_id");
    if (clientId.isEmpty())
        return invalidRequest(QStringLiteral("client_id is required"));
    const auto client = m_clients.find(clientId);
    if (!client)
        return TokenResult::fail(QStringLiteral("invalid_client"), QStringLiteral("unknown client"), 401);
    // Before anything is spent: a refused client must not burn a code or a refresh token.
    if (auto authenticated = m_memberAuth.authenticate(*client, credentials); !authenticated)
        return TokenResult::fail(authenticated.error());
    if (!client->allowsGrant(grantType))
        return TokenResult::fail(QStringLiteral("unauthorized_client"),
                                 QStringLiteral("the client did not register the %1 grant").arg(grantType));

    // The key first: a locked wallet must not spend the code or the refresh token.
    auto key = m_keys.current();
    if (!key)
        return TokenResult::fail(
            QStringLiteral("temporarily_unavailable"),
            key.failure() == Failure::WalletLocked ? QStringLiteral("TokenPass is locked") : key.error(),
            503);

    Grant grant;
    QString familyId;
    QString refreshToken;
    QStringList scopes;
    if (byCode) {
        const QString code = field("code");
        const QString redirectUri = field("redirect_uri");
        const QString verifier = field("code_verifier");
        if (code.isEmpty() || redirectUri.isEmpty() || verifier.isEmpty())
            return invalidRequest(QStringLiteral("code, redirect_uri and code_verifier are required"));
        auto redeemed = m_codes.redeem(code, clientId, redirectUri, verifier, field("resource"), m_families);
        if (!redeemed)
            return TokenResult::fail(redeemed.error());
        grant = redeemed->grant;
        familyId = m_families.start(grant);
        if (familyId.isEmpty())
            return TokenResult::fail(QStringLiteral("server_error"), QStringLiteral("storage failure"), 500);
        m_codes.attachFamily(redeemed->codeHash, familyId);
        if (client->allowsGrant(QStringLiteral("refresh_token")))
            refreshToken = m_families.issueRefreshToken(familyId);
        scopes = grant.scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    } else if (byDevice) {
        auto approved = pollDevice(form, clientId);
        if (!approved)
            return TokenResult::fail(approved.error());
        grant = *approved;
        familyId = m_families.start(grant);
        if (familyId.isEmpty())
            return TokenResult::fail(QStringLiteral("server_error"), QStringLiteral("storage failure"), 500);
        if (client->allowsGrant(QStringLiteral("refresh_token")))
            refreshToken = m_families.issueRefreshToken(familyId);
        scopes = grant.scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    } else {
        const QString presented = field("refresh_token");
        if (presented.isEmpty())
            return invalidRequest(QStringLiteral("refresh_token is required"));
        auto rotated = m_families.rotate(presented, clientId, field("resource"));
        if (!rotated)
            return TokenResult::fail(rotated.error());
        grant = rotated->grant;
        familyId = rotated->familyId;
        refreshToken = rotated->refreshToken;
        scopes = grant.scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        // RFC 6749 §6: a narrower scope may be asked for, never a wider one.
        const QStringList asked = field("scope").split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QString& s : asked)
            if (!scopes.contains(s))
                return TokenResult::fail(QStringLiteral("invalid_scope"),
                                         QStringLiteral("scope %1 was not granted").arg(s));
        if (!asked.isEmpty())
            scopes = asked;
    }
    m_clients.touch(clientId);

    const qint64 now = m_clock.nowMs();
    const qint64 lifetime = accessTokenLifetimeMs(scopes);
    const QString jti = QString::fromLatin1(base64Url(crypto::randomBytes(16)));
    QJsonObject access{
        {QStringLiteral("iss"), m_issuer},
        {QStringLiteral("sub"), grant.identity.sub},
        {QStringLiteral("aud"), grant.resource.isEmpty() ? m_issuer : grant.resource},
        {QStringLiteral("iat"), double(now / 1000)},
        {QStringLiteral("exp"), double((now + lifetime) / 1000)},
        {QStringLiteral("jti"), jti},
        {QStringLiteral("client_id"), clientId},
        {QStringLiteral("scope"), scopes.join(QLatin1Char(' '))},
    };
    addIdentityClaims(access, grant.identity);
    const QString accessToken = Jwt::sign(access, *key, QStringLiteral("at+jwt"));
    if (accessToken.isEmpty())
        return TokenResult::fail(QStringLiteral("server_error"), QStringLiteral("signing failed"), 500);
    m_families.recordAccessToken(jti, familyId, now + lifetime);

    QJsonObject body{
        {QStringLiteral("access_token"), accessToken},
        {QStringLiteral("token_type"), QStringLiteral("Bearer")},
        {QStringLiteral("expires_in"), double(lifetime / 1000)},
        {QStringLiteral("scope"), scopes.join(QLatin1Char(' '))},
    };
    if (!refreshToken.isEmpty())
        body.insert(QStringLiteral("refresh_token"), refreshToken);
    if ((byCode || byDevice) && scopes.contains(QStringLiteral("openid"))) {
        // OIDC Core §3.1.3.6: at_hash = base64url of the left half of SHA-256(access_token).
        const QByteArray digest = crypto::sha256(accessToken.toLatin1());
        QJsonObject id{
            {QStringLiteral("iss"), m_issuer},
            {QStringLiteral("sub"), grant.identity.sub},
            {QStringLiteral("aud"), clientId},
            {QStringLiteral("iat"), double(now / 1000)},
            {QStringLiteral("exp"), double((now + lifetime) / 1000)},
            {QStringLiteral("auth_time"), double(grant.authTimeMs / 1000)},
            {QStringLiteral("at_hash"), QString::fromLatin1(base64Url(digest.left(16)))},
        };
        if (!grant.nonce.isEmpty())
            id.insert(QStringLiteral("nonce"), grant.nonce);
        addIdentityClaims(id, grant.identity);
        // OAUTH.md §3.2: RS256 only for a client that registered it.
        QString idToken;
        if (client->metadata.value(QStringLiteral("id_token_signed_response_alg")).toString() ==
            QLatin1String("RS256")) {
            auto rsa = m_keys.rsa();
            if (!rsa)
                return TokenResult::fail(QStringLiteral("server_error"), rsa.error(), 500);
            idToken = Jwt::sign(id, *rsa);
        } else {
            idToken = Jwt::sign(id, *key);
        }
        if (idToken.isEmpty())
            return TokenResult::fail(QStringLiteral("server_error"), QStringLiteral("signing failed"), 500);
        body.insert(QStringLiteral("id_token"), idToken);
    }
    return TokenResult::ok(body);
}

} // namespace tokenpass::oauth
