#pragma once

#include "Result.h"
#include "crypto/SecureBytes.h"
#include "wallet/Bap.h"
#include "wallet/BitcoinAuth.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>

namespace tokenpass::crypto {
class PrivateKey;
class PublicKey;
} // namespace tokenpass::crypto

namespace tokenpass::wallet {

class BackupRegistry;

enum class WalletState
{
    NoWallet,
    Locked,
    Unlocked
};

struct HostKeyInfo
{
    QString host;
    QString invoice;   // "2-tokenpass-<host>"
    QString publicKey; // compressed hex
    QString address;   // P2PKH
};

struct ExportedSecrets
{
    crypto::SecureBytes seedHex;  // 128 hex chars: BIP39(mnemonic, password)
    crypto::SecureBytes mnemonic; // 12 words
};

// The wallet: one backup.bep, its lock state, and every operation that needs its keys
// (DESIGN.md "Lock model", API.md §4). Thread-safe: the server thread signs while the GUI thread
// locks. Key material exists only while unlocked, in SecureBytes, and is wiped on lock.
//
// The slow calls (create, unlock, import, export, change password: PBKDF2 at 600,000 rounds) block
// the calling thread; the *Async variants (call them on the wallet's thread) run them on the
// wallet's own pool, which the destructor waits for, and report by signal on the wallet's thread.
//
// A failure's Result::failure() says what went wrong, for callers to act on: WalletExists,
// InvalidMnemonic, PasswordTooShort, InvalidPassword, WalletDamaged, NoRecoveryWords, WalletLocked,
// DiskFull, StorageError. Its text is for people and clients (API.md keeps it byte for byte).
class Wallet : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMinPasswordLength = 8;
    static constexpr char kPrimaryIdentityName[] = "Primary Identity";
    static constexpr char kLabel[] = "TokenPass";

    explicit Wallet(QString dataDir, QObject* parent = nullptr);
    ~Wallet() override;

    WalletState state() const;
    bool isUnlocked() const { return state() == WalletState::Unlocked; }
    QString backupPath() const; // the current wallet file (config.json, API.md §2.18)
    BackupRegistry& registry() { return *m_registry; }

    // --- Creating and opening ----------------------------------------------------------------
    // A new wallet (API.md §2.3, decision 6): 12 words unless `mnemonic` is given, BIP39 seed with
    // passphrase = password, rootPk = BIP32 master, identity bap:0 "Primary Identity". The backup
    // keeps the mnemonic (decision 9). Refuses to replace an existing file. Leaves it unlocked.
    // `primaryAttributes` (displayName, paymail, logo) go into the same first save, so a wallet
    // never exists without what the person asked for (a full disk fails the whole creation).
    using Attributes = QList<QPair<QString, QString>>;
    Result<bool> create(const crypto::SecureBytes& password, const crypto::SecureBytes* mnemonic = nullptr,
                        const Attributes& primaryAttributes = {});
    // A new wallet from a seed recovered elsewhere (a legacy seed.db, API.md §4.8): rootPk is the
    // BIP32 master of `seed`. The words are kept only if they give this seed with `password`, so
    // export never shows words that would restore a different wallet.
    Result<bool> createFromSeed(const crypto::SecureBytes& password, const crypto::SecureBytes& seed,
                                const crypto::SecureBytes* mnemonic = nullptr);
    // Writes an existing wallet (a .bep text, or the plaintext JSON of a BAP master backup) to the
    // current path under `password`, then unlocks it. Refuses to replace an existing file unless
    // `replace` is set.
    Result<bool> importBackup(QByteArrayView content, const crypto::SecureBytes& password,
                              bool replace = false);
    // API.md §4.4: decrypts the current file and derives the host master exactly as v0.0.8 does.
    // If backup.bep is missing, empty or damaged while backup.bep.bak opens with the password,
    // the wallet opens from .bak, writes it back, and unlockNotice() says what happened. A
    // failure is Failure::InvalidPassword or Failure::WalletDamaged (its message says what to do).
    Result<bool> unlock(const crypto::SecureBytes& password);
    // What the last unlock had to repair, for the unlock dialog and the login answer; empty if
    // nothing. Cleared on lock.
    QString unlockNotice() const;
    void lock();

    // Makes another known wallet file current (API.md §2.18): the wallet locks, and the next
    // unlock opens that file.
    Result<bool> switchTo(const QString& path);

    void createAsync(crypto::SecureBytes password);
    void unlockAsync(crypto::SecureBytes password);

    // --- Secrets -----------------------------------------------------------------------------
    Result<ExportedSecrets> exportSecrets(const crypto::SecureBytes& password) const;
    // Re-encrypts the backup under a new password; keys and identities stay the same.
    Result<bool> changePassword(const crypto::SecureBytes& oldPassword,
                                const crypto::SecureBytes& newPassword);
    // True if `password` opens the wallet file (constant-time check against the unlocked key).
    bool checkPassword(const crypto::SecureBytes& password) const;
    // Like checkPassword, but locked or unlocked (it opens the file): "Invalid password" or why
    // the file cannot be read. For the Settings window's "unlock with system keychain".
    Result<bool> verifyPassword(const crypto::SecureBytes& password) const;
    // The 12 words for the export window. exportSecrets answers "Invalid password" for a file
    // without words too (v0.0.8); this says so with noRecoveryWordsError() instead.
    Result<crypto::SecureBytes> recoveryWords(const crypto::SecureBytes& password) const;
    static QString noRecoveryWordsError();

    // --- Identities (BAP, Type-42) -------------------------------------------------------------
    Result<QList<BapIdentity>> identities() const;
    Result<BapIdentity> createIdentity(const QString& name);
    Result<BapIdentity> createGuestIdentity(const QString& host);
    // Sets attributes (displayName, paymail, logo, ...) on an identity, each with a fresh nonce.
    Result<BapIdentity> setAttributes(const QString& identityKey,
                                      const QList<QPair<QString, QString>>& attributes);
    // A bitcoin-auth token signed with the primary identity's member key (its root key,
    // rootPk.deriveChild(rootPub, "bap:0")), as cloud sync sends it (API.md §2.19, CRYPTO.md §10.8).
    Result<QString> signMemberAuthToken(const BitcoinAuth::Request& request,
                                        const BitcoinAuth::CreateOptions& options);

    // --- The OAuth provider's keys (OAUTH.md "Decided"; WalletOAuth.cpp) ------------------------
    // HKDF-SHA256 over the wallet's root key: key material that a restored backup derives again,
    // while the root key itself never leaves the wallet.
    Result<crypto::SecureBytes> deriveFromRoot(QByteArrayView salt, QByteArrayView info, int length) const;
    struct IdentitySignature
    {
        QString bapId;     // the identity's idKey
        QString publicKey; // its current signing key, compressed hex
        QString address;   // P2PKH of publicKey
        QString signature; // BSM of the message by that key, base64
    };
    // A BSM signature by an identity's current signing key (bapId empty: the primary identity).
    Result<IdentitySignature> signAsIdentity(const QString& bapId, QByteArrayView message) const;
    struct IdentityKey
    {
        QString bapId; // the identity's idKey
        QString name;
        const crypto::PrivateKey& key; // its current signing key, lent for the call only
        const crypto::PublicKey& publicKey;
    };
    // Lends an identity's current signing key (bapId empty: the primary) to `use` for one call,
    // under the wallet's lock: what the MCP tools sign and decrypt with (the token's identity).
    Result<bool> withIdentityKey(const QString& bapId,
                                 const std::function<Result<bool>(const IdentityKey& key)>& use) const;

    // --- Per-site keys and what they do (API.md §5) ------------------------------------------
    Result<HostKeyInfo> hostKey(const QString& host);
    struct SignedMessage
    {
        QString address;
        QString signature; // BSM, base64
    };
    Result<SignedMessage> signMessage(const QString& host, QByteArrayView message);
    Result<QString> signAuthToken(const QString& host, const BitcoinAuth::Request& request,
                                  const BitcoinAuth::CreateOptions& options);
    Result<SignedMessage> signAip(const QString& host, const QStringList& hexItems);
    // Host mode of /api/encrypt: BIE1 to the site's own public key.
    Result<QByteArray> encryptToHost(const QString& host, QByteArrayView plaintext);
    // Friend mode (API.md §2.11–§2.13).
    Result<QByteArray> encryptToFriend(const QString& friendBapId, const QString& theirPublicKeyHex,
                                       QByteArrayView plaintext);
    Result<crypto::SecureBytes> decryptFromFriend(const QString& friendBapId,
                                                  const QString& theirPublicKeyHex,
                                                  QByteArrayView ciphertext);
    Result<QString> friendPublicKey(const QString& friendBapId);
    // Lends the site's private key to `use` for one call, under the wallet's lock, so it cannot
    // be wiped meanwhile (transaction signing: core/tx signs; the key never leaves the call).
    Result<bool> withSiteKey(const QString& host,
                             const std::function<Result<bool>(const crypto::PrivateKey& key)>& use);

Q_SIGNALS:
    void stateChanged(tokenpass::wallet::WalletState state);
    // `why` is the kind of failure (Failure::InvalidPassword, WalletDamaged, ...); decide on it,
    // never on the text.
    void unlockFinished(bool ok, const QString& error, tokenpass::Failure why);
    // An unlock opened backup.bep.bak because backup.bep was missing or damaged (unlockNotice()).
    void unlockRepaired(const QString& notice);
    void createFinished(bool ok, const QString& error, tokenpass::Failure why);
    void identitiesChanged();

private:
    struct Unlocked;
    struct Opened;

    Result<bool> createWith(const crypto::SecureBytes& password, const crypto::SecureBytes& seed,
                            crypto::SecureBytes mnemonic, const Attributes& primaryAttributes = {});
    Result<Opened> openFile(const QString& path, QByteArrayView passwordUtf8) const;
    static void adoptIds(Unlocked& unlocked, const Result<crypto::SecureBytes>& idsJson);
    Result<Opened> openPreviousVersion(const QString& path, QByteArrayView passwordUtf8);
    Result<bool> install(Opened opened);
    // m_mutex held. `previousKey`: the key the current file was written with, when it changes.
    Result<bool> saveLocked(Unlocked& unlocked, const crypto::SecureBytes* previousKey = nullptr);
    void replacePreviousVersionLocked(const QString& path);
    void setUnlockNotice(const QString& notice);
    // The site's key from the per-unlock cache (derived on first use); valid while m_mutex is held.
    Result<const crypto::PrivateKey*> hostPrivateKeyLocked(Unlocked& unlocked, const QString& host,
                                                           const crypto::PublicKey** publicKey = nullptr);
    template <typename T, typename Use> Result<T> withHostKey(const QString& host, Use&& use);
    void setState(WalletState state);

    QString m_dataDir;
    std::unique_ptr<BackupRegistry> m_registry;
    mutable QMutex m_mutex;
    std::unique_ptr<Unlocked> m_unlocked; // null while locked
    QString m_unlockNotice;
    QThreadPool m_jobs; // createAsync, unlockAsync
};

} // namespace tokenpass::wallet

Q_DECLARE_METATYPE(tokenpass::wallet::WalletState)
Q_DECLARE_METATYPE(tokenpass::Failure)
