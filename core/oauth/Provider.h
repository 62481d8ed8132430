#pragma once

#include "Clock.h"
#include "oauth/AuthorizationCodes.h"
#include "oauth/AuthorizationRequest.h"
#include "oauth/ClientRegistry.h"
#include "oauth/ConnectedClients.h"
#include "oauth/ConsentRequests.h"
#include "oauth/DeviceCodes.h"
#include "oauth/MemberKeyAuth.h"
#include "oauth/SigningKeys.h"
#include "oauth/TokenFamilies.h"

#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QMutex>
#include <QString>

#include <memory>

namespace tokenpass::oauth {

// The OAuth 2.1 / OIDC provider's state and rules, without HTTP (server/OAuthRoutes speaks HTTP
// for it). One per server; its parts are thread-safe.
class Provider
{
public:
    // `issuer` comes from configuration, never from a Host header (OAUTH.md §5.2 rule 1).
    Provider(QString issuer, std::shared_ptr<store::Database> db, wallet::Wallet* wallet, const Clock& clock);

    const QString& issuer() const { return m_issuer; }
    // The one discovery document, served at both well-known URLs (OAUTH.md §0, §5.1).
    const QJsonObject& metadata() const { return m_metadata; }

    ClientRegistry& clients() { return m_clients; }
    AuthorizationCodes& codes() { return m_codes; }
    TokenFamilies& families() { return m_families; }
    SigningKeys& keys() { return m_keys; }
    DeviceCodes& deviceCodes() { return m_deviceCodes; }
    // The headless consent form's pending requests (OAUTH.md §6), code and device flow alike.
    ConsentRequests& consents() { return m_consents; }
    const Clock& clock() const { return m_clock; }

    // After consent: a code for a valid request, with the identity (bapId empty: the primary)
    // and the scopes the person granted. The redirect location (code, state, iss), or an error
    // (temporarily_unavailable while locked).
    OAuthResult<QString> approve(const AuthorizationRequest& request, const QStringList& grantedScopes,
                                 const QString& bapId);
    // The redirect location for an error answer (error, error_description, state, iss; RFC 9207).
    QString errorLocation(const AuthorizationRequest& request, const QString& error,
                          const QString& description) const;

    // The token endpoint (form parameters, each at most once): authorization_code and
    // refresh_token. A bitcoin_auth client must bring its X-Auth-Token in `credentials`
    // (OAUTH.md §2.3). The JSON success body, or the RFC 6749 §5.2 error with its status.
    OAuthResult<QJsonObject> token(const QMap<QString, QStringList>& form,
                                   const ClientCredentials& credentials = {});

    // RFC 8628 §3.1–3.2 (form parameters client_id, scope, resource): device_code, user_code,
    // verification_uri(_complete), expires_in, interval (ProviderDevice.cpp).
    OAuthResult<QJsonObject> deviceAuthorization(const QMap<QString, QStringList>& form);
    // The person approved a pending user_code with these scopes, as this identity (bapId empty:
    // the primary). temporarily_unavailable while locked; invalid_grant if the code is gone.
    OAuthResult<bool> approveDevice(const QString& userCode, const QStringList& grantedScopes,
                                    const QString& bapId);

    // RFC 7009 (form parameters): always succeeds for a known client; a refresh token revokes its
    // family, an access token of ours its jti. invalid_request / invalid_client otherwise.
    // A bitcoin_auth client authenticates as at the token endpoint.
    OAuthResult<bool> revoke(const QMap<QString, QStringList>& form,
                             const ClientCredentials& credentials = {});
    // OIDC userinfo (OAUTH.md §5.3) for a bearer access token of ours with the openid scope, any
    // aud, not expired, not revoked. invalid_token (401) or insufficient_scope (403).
    OAuthResult<QJsonObject> userinfo(const QString& bearerToken);
    // A resource server's check (RFC 9068 §4) for our own resources (the MCP endpoint): one of
    // our live access tokens whose aud names `audience`. Its claims, or invalid_token (401).
    OAuthResult<QJsonObject> accessTokenFor(const QString& bearerToken, const QString& audience);

    // Revokes a client (issue 16 item 4; the Connected sites window's Revoke): every token family
    // (refresh tokens then answer invalid_grant), every live access-token jti (refused at once at
    // userinfo and /mcp although the JWT has not expired), the unused authorization codes, the
    // open device codes and consent forms, and the consent (grant "oauth:<client_id>", with its
    // spending allowance). The registration stays: the client must ask for consent again.
    // Recorded in the audit log (OAuthRevoke, host "oauth:<client_id>"). Thread-safe.
    ClientRevocation revokeClient(const QString& clientId);

private:
    // The claims of an access token we issued and have not revoked, or invalid_token.
    OAuthResult<QJsonObject> validAccessToken(const QString& token);
    // The grant behind a device_code poll, or its RFC 8628 §3.5 error.
    OAuthResult<Grant> pollDevice(const QMap<QString, QStringList>& form, const QString& clientId);
    QJsonObject buildMetadata() const;

    QString m_issuer;
    std::shared_ptr<store::Database> m_db;
    const Clock& m_clock;
    ClientRegistry m_clients;
    AuthorizationCodes m_codes;
    TokenFamilies m_families;
    SigningKeys m_keys;
    DeviceCodes m_deviceCodes;
    ConsentRequests m_consents;
    MemberKeyAuth m_memberAuth;
    QJsonObject m_metadata;
    // Access tokens whose signature verified, by SHA-256 of the token (a resource server asks
    // about the same token many times; expiry and revocation are still checked on every use).
    // Emptied when it reaches kVerifiedCap.
    static constexpr int kVerifiedCap = 1024;
    QMutex m_verifiedMutex;
    QHash<QByteArray, QJsonObject> m_verified;
};

} // namespace tokenpass::oauth
