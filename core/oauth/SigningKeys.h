#pragma once

#include "Result.h"
#include "oauth/Es256Key.h"
#include "oauth/Grant.h"

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
//   "tokenpass-jwk:" + kid, made once per (identity, kid).
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
    // {"keys":[…]}: every key we have signed with (public parts only).
    QJsonObject jwks() const;
    std::optional<Es256PublicKey> find(const QString& kid) const;

    void forget(); // wipes the private key (the wallet locked or changed)

private:
    void loadPublished() const; // m_mutex held
    void publish(const Es256Key& key);

    std::shared_ptr<store::Database> m_db;
    wallet::Wallet* m_wallet;
    std::unique_ptr<QObject> m_context; // owns the connection to the wallet's state signal

    mutable QMutex m_mutex;
    std::optional<Es256Key> m_key;
    QHash<QString, TokenIdentity> m_identities; // by bapId ("" = primary), for m_key
    mutable bool m_loaded = false;
    mutable QHash<QString, QJsonObject> m_published; // kid -> public JWK
};

} // namespace tokenpass::oauth
