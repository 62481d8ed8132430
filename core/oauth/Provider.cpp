#include "oauth/Provider.h"

#include "oauth/Scopes.h"

#include <QJsonArray>
#include <QUrl>

namespace tokenpass::oauth {

namespace {

// Appends parameters to a redirect URI, keeping its own query (RFC 6749 §3.1.2). Values are
// percent-encoded except for unreserved characters, so '+', '&' and '=' in a state survive.
QString withParameters(const QString& uri, const QList<QPair<QString, QString>>& params)
{
    QByteArray out = uri.toUtf8();
    char separator = out.contains('?') ? '&' : '?';
    for (const auto& [name, value] : params) {
        out += separator + QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
        separator = '&';
    }
    return QString::fromUtf8(out);
}

} // namespace

const QStringList& supportedScopes()
{
    static const QStringList scopes{
        QStringLiteral("openid"),
        QStringLiteral("profile"),
        QStringLiteral("offline_access"),
        QStringLiteral("bsv:identity"),
        QStringLiteral("bsv:tools"),
        QStringLiteral("bsv:wallet"),
        QStringLiteral("bsv:ordinals"),
        QStringLiteral("bsv:tokens"),
        // The MCP endpoint's (issue 18): the /api/auth vocabulary.
        QStringLiteral("sign"),
        QStringLiteral("encrypt"),
        QStringLiteral("decrypt"),
        QStringLiteral("transfer"),
        QStringLiteral("read_profile"),
        // The MCP tools list_sites and revoke_site (issue 18 part 4, access::manageSitesScope()).
        QStringLiteral("manage_sites"),
    };
    return scopes;
}

qint64 accessTokenLifetimeMs(const QStringList& scopes)
{
    for (const QString& s : scopes)
        if (s.startsWith(QLatin1String("bsv:")))
            return 15 * 60 * 1000;
    return 60 * 60 * 1000;
}

Provider::Provider(QString issuer, std::shared_ptr<store::Database> db, wallet::Wallet* wallet,
                   const Clock& clock)
    : m_issuer(std::move(issuer)), m_db(db), m_clock(clock), m_clients(db, clock), m_codes(db, clock),
      m_families(db, clock), m_keys(db, wallet), m_deviceCodes(clock), m_consents(clock), m_memberAuth(clock),
      m_metadata(buildMetadata())
{}

QJsonObject Provider::buildMetadata() const
{
    auto list = [](std::initializer_list<const char*> items) {
        QJsonArray out;
        for (const char* item : items)
            out.append(QString::fromLatin1(item));
        return out;
    };
    return QJsonObject{
        {QStringLiteral("issuer"), m_issuer},
        {QStringLiteral("authorization_endpoint"), m_issuer + QStringLiteral("/oauth/authorize")},
        {QStringLiteral("token_endpoint"), m_issuer + QStringLiteral("/oauth/token")},
        {QStringLiteral("registration_endpoint"), m_issuer + QStringLiteral("/oauth/register")},
        {QStringLiteral("jwks_uri"), m_issuer + QStringLiteral("/oauth/jwks")},
        {QStringLiteral("userinfo_endpoint"), m_issuer + QStringLiteral("/oauth/userinfo")},
        {QStringLiteral("revocation_endpoint"), m_issuer + QStringLiteral("/oauth/revoke")},
        {QStringLiteral("device_authorization_endpoint"),
         m_issuer + QStringLiteral("/oauth/device_authorization")},
        {QStringLiteral("revocation_endpoint_auth_methods_supported"), list({"none", "bitcoin_auth"})},
        {QStringLiteral("scopes_supported"), QJsonArray::fromStringList(supportedScopes())},
        {QStringLiteral("response_types_supported"), list({"code"})},
        {QStringLiteral("response_modes_supported"), list({"query"})},
        {QStringLiteral("grant_types_supported"),
         list({"authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code"})},
        {QStringLiteral("token_endpoint_auth_methods_supported"), list({"none", "bitcoin_auth"})},
        {QStringLiteral("code_challenge_methods_supported"), list({"S256"})},
        {QStringLiteral("authorization_response_iss_parameter_supported"), true},
        {QStringLiteral("subject_types_supported"), list({"public"})},
        // In both documents: without it oauth4webapi expects RS256 id_tokens (OAUTH.md §3.4).
        {QStringLiteral("id_token_signing_alg_values_supported"), list({"ES256", "RS256"})},
        {QStringLiteral("claims_supported"), list({"sub", "iss", "aud", "exp", "iat", "auth_time", "nonce",
                                                   "pubkey", "bitcoin_address", "bap_id"})},
        {QStringLiteral("client_id_metadata_document_supported"), false},
    };
}

QString Provider::errorLocation(const AuthorizationRequest& request, const QString& error,
                                const QString& description) const
{
    QList<QPair<QString, QString>> params{{QStringLiteral("error"), error}};
    if (!description.isEmpty())
        params.append({QStringLiteral("error_description"), description});
    if (!request.state.isEmpty())
        params.append({QStringLiteral("state"), request.state});
    params.append({QStringLiteral("iss"), m_issuer});
    return withParameters(request.redirectUri, params);
}

OAuthResult<QString> Provider::approve(const AuthorizationRequest& request, const QStringList& grantedScopes,
                                       const QString& bapId)
{
    auto identity = m_keys.identity(bapId);
    if (!identity)
        return OAuthResult<QString>::fail(QStringLiteral("temporarily_unavailable"),
                                          identity.failure() == Failure::WalletLocked
                                              ? QStringLiteral("TokenPass is locked")
                                              : identity.error(),
                                          503);
    Grant grant;
    grant.clientId = request.client.clientId;
    grant.redirectUri = request.redirectUri;
    grant.codeChallenge = request.codeChallenge;
    grant.resource = request.resource;
    grant.scope = grantedScopes.join(QLatin1Char(' '));
    grant.nonce = request.nonce;
    grant.authTimeMs = m_clock.nowMs();
    grant.identity = *identity;
    const QString code = m_codes.issue(grant);
    if (code.isEmpty())
        return OAuthResult<QString>::fail(QStringLiteral("server_error"), QStringLiteral("storage failure"),
                                          500);
    m_clients.touch(grant.clientId);
    return OAuthResult<QString>::ok(
        withParameters(request.redirectUri, {{QStringLiteral("code"), code},
                                             {QStringLiteral("state"), request.state},
                                             {QStringLiteral("iss"), m_issuer}}));
}

} // namespace tokenpass::oauth
