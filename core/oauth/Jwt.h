#pragma once

#include "Result.h"
#include "oauth/Es256Key.h"
#include "oauth/Rs256Key.h"

#include <QJsonObject>
#include <QString>

#include <functional>
#include <optional>
#include <variant>

namespace tokenpass::oauth {

// A public key of ours as the JWKS lists it: ES256 (P-256) or RS256 (RSA). Its algorithm is the
// key's own, never what a token's header claims.
class JwsPublicKey
{
public:
    JwsPublicKey(Es256PublicKey key) : m_key(std::move(key)) {} // NOLINT: implicit on purpose
    JwsPublicKey(Rs256PublicKey key) : m_key(std::move(key)) {} // NOLINT: implicit on purpose
    // By kty (EC P-256 or RSA); an "alg" member, when present, must be the key type's.
    static Result<JwsPublicKey> fromJwk(const QJsonObject& jwk);

    QString alg() const; // "ES256" | "RS256"
    QString kid() const;
    QJsonObject jwk() const;
    bool verify(QByteArrayView data, QByteArrayView signature) const;

private:
    std::variant<Es256PublicKey, Rs256PublicKey> m_key;
};

// Compact JWS/JWT with ES256, or RS256 for id_tokens on request (OAUTH.md §3). Verification never
// trusts the header: `none`, HS* and every algorithm but ES256/RS256 are refused before any key
// is looked at, the key comes from our own table by `kid`, and the key's own algorithm must be
// the header's (an RSA kid under "ES256" or a P-256 kid under "RS256" is refused).
class Jwt
{
public:
    // header = {"alg":"ES256","kid":key.kid(),"typ":typ} (typ omitted when empty).
    static QString sign(const QJsonObject& claims, const Es256Key& key, const QString& typ = QString());
    // header = {"alg":"RS256","kid":key.kid()}.
    static QString sign(const QJsonObject& claims, const Rs256Key& key, const QString& typ = QString());

    struct Verified
    {
        QJsonObject header;
        QJsonObject claims;
    };
    // Our public key for a kid, or nullopt for an unknown kid.
    using KeyLookup = std::function<std::optional<JwsPublicKey>(const QString& kid)>;
    static Result<Verified> verify(QStringView token, const KeyLookup& lookup);
};

} // namespace tokenpass::oauth
