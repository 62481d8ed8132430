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
    std::map<QString, crypto::PrivateKey> hostKeyCache;
};

namespace detail {

inline const QString kLockedError = QStringLiteral("Wallet is locked");

template <typename T> Result<T> lockedError()
{
    return Result<T>::fail(kLockedError);
}

} // namespace detail

} // namespace tokenpass::wallet
