#pragma once

#include "Result.h"
#include "crypto/SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>

namespace tokenpass::wallet {

// Which backup shape a decrypted payload has (bitcoin-backup decryptData, checked in its order).
enum class BackupKind
{
    HdMaster,       // {xprv, ids, mnemonic}: legacy BAP HD master
    Type42Master,   // {rootPk, ids}: what TokenPass G3 writes
    Member,         // {wif, id}
    YoursWallet,    // {payPk, ordPk, mnemonic | payDerivationPath | ordDerivationPath}
    YoursWalletZip, // {chromeStorage, accountData}
    OneSat,         // {ordPk, payPk, identityPk}
    Vault,          // {encryptedVault}: the G2 seed.db payload
    Wif,            // {wif} without id/xprv/rootPk
    RawWif,         // the plaintext was not JSON; the reference treats it as a bare WIF
};

struct DecryptedBackup
{
    crypto::SecureBytes plaintext; // UTF-8 JSON (for RawWif: the raw decrypted text)
    BackupKind kind = BackupKind::Type42Master;
    int iterations = 0;      // the PBKDF2 count that worked
    crypto::SecureBytes key; // the derived AES key, so a caller can re-save without PBKDF2
    QByteArray salt;         // the file's salt, which belongs to that key
};

struct BackupEncryptOptions
{
    int iterations = 0; // 0: BackupFile::kIterations (or the testing override)
    QByteArray salt;    // empty: random; otherwise exactly kSaltBytes (vectors)
    QByteArray iv;      // empty: random; otherwise exactly kIvBytes (vectors)
    QString createdAt;  // used when the payload has no createdAt; empty: now, ISO-8601 UTC with ms
};

struct BackupDecryptOptions
{
    QList<int> iterations; // empty: {600000, 100000} (or the testing override)
};

// The backup.bep format, bitcoin-backup encryptBackup/decryptBackup (API.md §4.3, CRYPTO.md §10.1):
// base64(salt(16) || iv(12) || AES-256-GCM(PBKDF2-SHA256(passphrase, salt, 600000)) || tag(16)).
class BackupFile
{
public:
    static constexpr int kIterations = 600000;
    static constexpr int kLegacyIterations = 100000;
    static constexpr int kSaltBytes = 16;
    static constexpr int kIvBytes = 12;
    static constexpr int kTagBytes = 16;
    static constexpr int kKeyBytes = 32;
    static constexpr int kMinPassphraseLength = 8; // UTF-16 code units, as JS string.length

    using EncryptOptions = BackupEncryptOptions;
    using DecryptOptions = BackupDecryptOptions;

    // payloadJson must be compact JSON (as JSON.stringify writes it) of a known backup shape; it is
    // encrypted byte for byte, so field order is the caller's. A missing createdAt is appended as
    // the reference does; a createdAt that is present but not a non-empty string is refused.
    static Result<QString> encrypt(QByteArrayView payloadJson, QByteArrayView passphraseUtf8,
                                   const BackupEncryptOptions& options = {});

    // Tries each iteration count in turn; a GCM authentication failure moves on to the next, a
    // payload of unknown shape fails at once. Leading/trailing whitespace in the file is ignored.
    // When no count opens it the failure is Failure::InvalidPassword: GCM cannot tell a wrong
    // passphrase from altered ciphertext, and the wrong passphrase is by far the likelier.
    static Result<DecryptedBackup> decrypt(QStringView fileText, QByteArrayView passphraseUtf8,
                                           const BackupDecryptOptions& options = {});
    // Decrypts with an already derived key (a file written with that key and its salt); used
    // to check that a freshly written file reads back. No payload-shape check.
    static Result<crypto::SecureBytes> decryptWithKey(QStringView fileText, const crypto::SecureBytes& key);

    // The layers below encrypt/decrypt, exposed for the reference vectors.
    static crypto::SecureBytes deriveKey(QByteArrayView passphraseUtf8, QByteArrayView salt, int iterations);
    static QString encryptWithKey(const crypto::SecureBytes& key, QByteArrayView salt, QByteArrayView iv,
                                  QByteArrayView plaintext);

    // The decrypt-side shape check, on already-decrypted text.
    static Result<BackupKind> classify(QByteArrayView plaintext);

    // Test and fuzzing hook: when > 0, encrypt and decrypt use this single iteration count
    // instead of the defaults (explicit options still win). 0 restores the defaults.
    static void setIterationsForTesting(int iterations);
    // The count new files are written with: kIterations, or the testing override.
    static int writeIterations();
};

} // namespace tokenpass::wallet
