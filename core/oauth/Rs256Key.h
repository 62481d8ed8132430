#pragma once

#include "Result.h"
#include "crypto/SecureBytes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>

struct evp_pkey_st;

namespace tokenpass::oauth {

// The public half of an RSA key, for verifying RS256 JWS and for the JWKS (OAUTH.md §3.2).
class Rs256PublicKey
{
public:
    // From a JWK {"kty":"RSA","n","e"}; only 2048- to 4096-bit moduli.
    static Result<Rs256PublicKey> fromJwk(const QJsonObject& jwk);

    QString kid() const { return m_kid; } // RFC 7638 thumbprint of {e, kty, n}
    // {"kty":"RSA","n","e","kid","alg":"RS256","use":"sig"}
    QJsonObject jwk() const;
    // RSASSA-PKCS1-v1_5 with SHA-256.
    bool verify(QByteArrayView data, QByteArrayView signature) const;

private:
    friend class Rs256Key;
    Rs256PublicKey() = default;
    static Result<Rs256PublicKey> fromKey(std::shared_ptr<evp_pkey_st> key);
    std::shared_ptr<evp_pkey_st> m_key;
    QByteArray m_n, m_e; // big-endian, no leading zeros
    QString m_kid;
};

// The RSA-2048 key for id_tokens of clients that registered id_token_signed_response_alg RS256
// (OAUTH.md §3.2): random, created only when such a client asks, kept as PKCS#8 encrypted under
// the wallet (SigningKeys). OpenSSL frees the private factors with BN_clear_free.
class Rs256Key
{
public:
    static constexpr int kBits = 2048;

    static Result<Rs256Key> generate();
    static Result<Rs256Key> fromPkcs8(const crypto::SecureBytes& der);
    crypto::SecureBytes toPkcs8() const;

    const Rs256PublicKey& publicKey() const { return m_public; }
    QString kid() const { return m_public.kid(); }
    // RS256 over `data` (256 bytes; empty on an OpenSSL failure).
    QByteArray sign(QByteArrayView data) const;

private:
    Rs256Key() = default;
    static Result<Rs256Key> fromKey(std::shared_ptr<evp_pkey_st> key);
    std::shared_ptr<evp_pkey_st> m_key;
    Rs256PublicKey m_public;
};

} // namespace tokenpass::oauth
