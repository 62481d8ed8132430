#pragma once

// Internal to the wallet's implementation files: the state that exists only while unlocked.

#include "crypto/Keys.h"
#include "crypto/SecureBytes.h"
#include "wallet/BackupPayload.h"
#include "wallet/Bap.h"
#include "wallet/HostKeys.h"
#include "wallet/Wallet.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <memory>
#include <optional>

namespace tokenpass::wallet {

// What exists only while unlocked. Destroying it wipes every secret (SecureBytes members).
struct Wallet::Unlocked
{
    QString path;
    BackupPayload payload;
    std::optional<crypto::PrivateKey> rootPk; // Type-42 wallets (everything TokenPass writes)
    std::optional<HostKeys> hostKeys;
    BapIds ids;
    bool idsReadable = false;    // false: the ids blob is kept byte for byte, never rewritten
    crypto::SecureBytes fileKey; // AES key of backup.bep, kept so re-saves need no PBKDF2
    QByteArray fileSalt;
    int fileIterations = 0; // the PBKDF2 count behind fileKey
    // Derived keys with their public keys, each derived once per unlock: a derivation costs
    // elliptic-curve multiplications that would otherwise dominate every signature. The caches
    // die (and wipe) with Unlocked.
    struct CachedKey
    {
        crypto::PrivateKey key;
        crypto::PublicKey publicKey;
    };
    std::map<QString, CachedKey> hostKeyCache;     // by host
    std::map<QString, CachedKey> identityKeyCache; // by BAP derivation path (MCP tools)
};

// The result of decrypting a wallet file, before it is installed as the unlocked state.
struct Wallet::Opened
{
    std::unique_ptr<Unlocked> state;
};

namespace detail {

inline const QString kLockedError = QStringLiteral("Wallet is locked");

// Passwords are counted in UTF-16 code units, as JavaScript's string.length (bitcoin-backup).
int passwordLength(const crypto::SecureBytes& password);
// True if `bytes` is a wallet file that decrypts with `key` (GCM authenticates every byte).
bool opensWithKey(QByteArrayView bytes, const crypto::SecureBytes& key);
// A wallet is there if its file or its previous version (<file>.bak) is: a save interrupted on a
// file system without hard links leaves only the .bak for a moment, and unlocking recovers it.
bool walletFileExists(const QString& path);

// Sets attributes on an identity, each with a fresh nonce (replacing one of the same name).
void applyAttributes(BapIdentity& target, const QList<QPair<QString, QString>>& attributes);

template <typename T> Result<T> lockedError()
{
    return Result<T>::fail(kLockedError, Failure::WalletLocked);
}

} // namespace detail

} // namespace tokenpass::wallet
