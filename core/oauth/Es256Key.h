#pragma once

#include "Result.h"
#include "crypto/SecureBytes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <memory>

struct evp_pkey_st;

namespace tokenpass::oauth {

// RFC 7638 thumbprint of a JWK's required members (for EC: crv, kty, x, y): base64url(SHA-256 of
// the members as compact JSON in lexicographic order).
QString jwkThumbprint(const QJsonObject& requiredMembers);

// The public half of a P-256 key, for verifying ES256 JWS and for the JWKS.
class Es256PublicKey
{
public:
    // From the 65-byte uncompressed SEC1 point; fails if it is not on P-256.
    static Result<Es256PublicKey> fromUncompressed(QByteArrayView point65);
    // From a JWK {"kty":"EC","crv":"P-256","x","y"}.
    static Result<Es256PublicKey> fromJwk(const QJsonObject& jwk);

    QString kid() const { return m_kid; } // the RFC 7638 thumbprint
    // {"kty","crv","x","y","kid","alg":"ES256","use":"sig"}
    QJsonObject jwk() const;
    // `signature` is raw r||s (64 bytes, JWS form).
    bool verify(QByteArrayView data, QByteArrayView signature) const;

private:
    friend class Es256Key;
    Es256PublicKey() = default;
    std::shared_ptr<evp_pkey_st> m_key;
    QByteArray m_x, m_y; // 32 bytes each
    QString m_kid;
};

// The wallet's ES256 signing key (OAUTH.md "Decided": derived from the wallet's root key, so a
// restored backup has the same kid). The private scalar lives inside OpenSSL and is cleared when
// the last copy of this object goes (EC private keys are freed with BN_clear_free).
class Es256Key
{
public:
    static constexpr char kSalt[] = "tokenpass-oauth";
    static constexpr char kInfo[] = "jwt-es256-v1";

    // From a 32-byte big-endian scalar; fails for 0 and for values ≥ the group order n.
    static Result<Es256Key> fromScalar(const crypto::SecureBytes& d32);
    // d = HKDF-SHA256(root, salt kSalt, info), with info = kInfo on the first try and
    // kInfo || byte(counter) on retry counter = 1, 2, ... while d = 0 or d ≥ n (OAUTH.md §3.2).
    // `hkdf(info)` returns the 32 bytes for an info (the wallet runs it over its root key).
    using Hkdf = std::function<crypto::SecureBytes(QByteArrayView info)>;
    static Result<Es256Key> derive(const Hkdf& hkdf);

    const Es256PublicKey& publicKey() const { return m_public; }
    QString kid() const { return m_public.kid(); }
    // ES256 over `data`: raw r||s, 64 bytes (empty on an OpenSSL failure).
    QByteArray sign(QByteArrayView data) const;

private:
    Es256Key() = default;
    std::shared_ptr<evp_pkey_st> m_key;
    Es256PublicKey m_public;
};

} // namespace tokenpass::oauth
