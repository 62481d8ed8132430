#pragma once

#include "Result.h"
#include "oauth/Es256Key.h"
#include "oauth/Grant.h"
#include "oauth/Jwt.h"
#include "oauth/Rs256Key.h"

#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QObject>

#include <memory>
#include <optional>

namespace tokenpass::store {
class Database;
}
namespace tokenpass::wallet {
class Wallet;
}

namespace tokenpass::oauth {

// The provider's signing key and what is published about it (OAUTH.md "Decided", §3.2):
// - the ES256 key, derived from the wallet's root key on first use after an unlock and forgotten
//   on every change of the wallet's state (lock, switch);
// - the JWKS, from the public keys recorded in SQLite, so resource servers can verify while the
//   wallet is locked and after a restart;
// - each identity's pubkey_attestation: the BSM signature by the identity's key of
//   "tokenpass-jwk:" + kid, made once per (identity, kid);
// - the RS256 key for clients that asked for RS256 id_tokens (§3.2): RSA-2048, random, created on
//   the first such request, stored as PKCS#8 under AES-256-GCM with a key derived from the wallet's
//   root (so only this wallet opens it), published in the JWKS, wiped with the ES256 key.
// Thread-safe: the server thread signs, whichever thread locks the wallet clears the key.
class SigningKeys
{
public:
    static constexpr char kAttestationPrefix[] = "tokenpass-jwk:";

    SigningKeys(std::shared_ptr<store::Database> db, wallet::Wallet* wallet);
    ~SigningKeys();

    // The current key; Failure::WalletLocked while locked.
    Result<Es256Key> current();
    // The identity tokens will speak for (bapId empty: the primary one; access::privateIdentityFor:
    // the per-client key of host "oauth:<client_id>"), with its attestation
    // for the current key.
    Result<TokenIdentity> identity(const QString& bapId);
    // The wallet's RS256 key, created and stored on first use; Failure::WalletLocked while locked.
    Result<Rs256Key> rsa();
    // {"keys":[…]}: every key we have signed with (public parts only).
    QJsonObject jwks() const;
    std::optional<JwsPublicKey> find(const QString& kid) const;

    void forget(); // wipes the private key (the wallet locked or changed)

private:
    void loadPublished() const; // m_mutex held
    void publish(const QString& kid, const QString& alg, const QJsonObject& jwk);
    Result<crypto::SecureBytes> rsaWrappingKey() const;

    std::shared_ptr<store::Database> m_db;
    wallet::Wallet* m_wallet;
    std::unique_ptr<QObject> m_context; // owns the connection to the wallet's state signal

    mutable QMutex m_mutex;
    std::optional<Es256Key> m_key;
    std::optional<Rs256Key> m_rsa;
    QHash<QString, TokenIdentity> m_identities; // by bapId ("" = primary), for m_key
    mutable bool m_loaded = false;
    mutable QHash<QString, QJsonObject> m_published;  // kid -> public JWK
    mutable QHash<QString, JwsPublicKey> m_verifiers; // kid -> parsed key (parsing costs a point check)
};

} // namespace tokenpass::oauth
