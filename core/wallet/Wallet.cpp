#include "wallet/Wallet.h"

#include "wallet/WalletUnlocked.h"

#include "crypto/Bip32.h"
#include "crypto/Bip39.h"
#include "crypto/Ecies.h"
#include "crypto/Encoding.h"
#include "crypto/Keys.h"
#include "crypto/Random.h"
#include "store/AtomicFile.h"
#include "store/DataDir.h"
#include "wallet/BackupFile.h"
#include "wallet/BackupPayload.h"
#include "wallet/BackupRegistry.h"
#include "wallet/HostKeys.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QtConcurrent/QtConcurrentRun>

namespace tokenpass::wallet {

using crypto::PrivateKey;
using crypto::PublicKey;
using crypto::SecureBytes;
using detail::lockedError;

namespace {

// Passwords are counted in UTF-16 code units, as JavaScript's string.length (bitcoin-backup).
int passwordLength(const SecureBytes& password)
{
    QString text = QString::fromUtf8(password.view());
    const int length = int(text.size());
    text.fill(QChar(0));
    return length;
}

// Key text (a WIF or an xprv) as the QString the decoders take, overwritten once they are done:
// a QString is freed unwiped.
template <typename Decode> auto decodeKeyText(const SecureBytes& text, Decode&& decode)
{
    QString latin1 = QString::fromLatin1(text.view());
    auto decoded = decode(latin1);
    latin1.fill(QChar(0));
    return decoded;
}

SecureBytes wifOf(const PrivateKey& key)
{
    QString wif = key.toWif();
    SecureBytes out(wif.size());
    for (qsizetype i = 0; i < wif.size(); ++i)
        out[std::size_t(i)] = std::uint8_t(wif.at(i).unicode());
    wif.fill(QChar(0));
    return out;
}

QString nowIso()
{
    return BitcoinAuth::isoTimestamp(QDateTime::currentMSecsSinceEpoch());
}

} // namespace

// The result of decrypting a wallet file, before it is installed as the unlocked state.
struct Wallet::Opened
{
    std::unique_ptr<Unlocked> state;
};

Wallet::Wallet(QString dataDir, QObject* parent)
    : QObject(parent), m_dataDir(std::move(dataDir)), m_registry(std::make_unique<BackupRegistry>(m_dataDir))
{
    qRegisterMetaType<WalletState>();
}

Wallet::~Wallet() = default;

WalletState Wallet::state() const
{
    QMutexLocker lock(&m_mutex);
    if (m_unlocked)
        return WalletState::Unlocked;
    return QFileInfo::exists(m_registry->currentPath()) ? WalletState::Locked : WalletState::NoWallet;
}

QString Wallet::backupPath() const
{
    return m_registry->currentPath();
}

void Wallet::setState(WalletState state)
{
    Q_EMIT stateChanged(state);
}

// --- Creating and opening ---------------------------------------------------------------------

Result<bool> Wallet::create(const SecureBytes& password, const SecureBytes* givenMnemonic)
{
    using R = Result<bool>;
    SecureBytes mnemonic;
    if (givenMnemonic) {
        auto normalized = crypto::Bip39::normalizeInput(QString::fromUtf8(givenMnemonic->view()));
        if (!crypto::Bip39::isValid(normalized.view()))
            return R::fail(QStringLiteral("Invalid mnemonic"));
        mnemonic = std::move(normalized);
    } else {
        auto generated = crypto::Bip39::generateMnemonic(128);
        if (!generated)
            return R::fail(generated.error());
        mnemonic = std::move(*generated);
    }
    // API.md §4.1: the password doubles as the BIP39 passphrase.
    auto seed = crypto::Bip39::mnemonicToSeed(mnemonic.view(), password.view());
    if (!seed)
        return R::fail(seed.error());
    return createWith(password, *seed, std::move(mnemonic));
}

Result<bool> Wallet::createFromSeed(const SecureBytes& password, const SecureBytes& seed,
                                    const SecureBytes* mnemonic)
{
    SecureBytes kept;
    if (mnemonic) {
        auto normalized = crypto::Bip39::normalizeInput(QString::fromUtf8(mnemonic->view()));
        const auto derived = crypto::Bip39::mnemonicToSeed(normalized.view(), password.view());
        if (derived && derived->equals(seed.view()))
            kept = std::move(normalized);
    }
    return createWith(password, seed, std::move(kept));
}

Result<bool> Wallet::createWith(const SecureBytes& password, const SecureBytes& seed, SecureBytes mnemonic)
{
    using R = Result<bool>;
    if (passwordLength(password) < kMinPasswordLength)
        return R::fail(QStringLiteral("Password must be at least 8 characters"));
    const QString path = backupPath();
    if (QFileInfo::exists(path))
        return R::fail(QStringLiteral("Wallet already exists"));

    auto master = crypto::Bip32Key::fromSeed(seed.view());
    if (!master)
        return R::fail(master.error());
    PrivateKey rootPk = master->privateKey().clone();

    auto unlocked = std::make_unique<Unlocked>();
    unlocked->path = path;
    auto primary = Bap::newIdentity(rootPk, 0, QLatin1String(kPrimaryIdentityName));
    if (!primary)
        return R::fail(QStringLiteral("Failed to create BAP identity"));
    unlocked->ids.lastIdPath = Bap::identityPath(0);
    unlocked->ids.ids << *primary;
    unlocked->idsReadable = true;
    unlocked->payload.rootPkWif = wifOf(rootPk);
    // API.md §4.4: with words in the file the host master is rootPk, without them v0.0.8's rule.
    unlocked->hostKeys = HostKeys::forRootPk(rootPk, !mnemonic.isEmpty());
    unlocked->payload.mnemonic = std::move(mnemonic);
    unlocked->payload.otherFields.insert(QStringLiteral("label"), QLatin1String(kLabel));
    unlocked->payload.otherFields.insert(QStringLiteral("createdAt"), nowIso());
    unlocked->rootPk = std::move(rootPk);
    unlocked->fileSalt = crypto::randomBytes(BackupFile::kSaltBytes);
    unlocked->fileIterations = BackupFile::writeIterations();
    unlocked->fileKey = BackupFile::deriveKey(password.view(), unlocked->fileSalt, unlocked->fileIterations);

    QMutexLocker lock(&m_mutex);
    if (QFileInfo::exists(path)) // checked again: another thread may have won the race
        return R::fail(QStringLiteral("Wallet already exists"));
    const auto saved = saveLocked(*unlocked);
    if (!saved)
        return saved;
    m_unlocked = std::move(unlocked);
    lock.unlock();
    setState(WalletState::Unlocked);
    Q_EMIT identitiesChanged();
    return R::ok(true);
}

// Takes the identities from a decrypted ids blob. If it cannot be decrypted or parsed, the wallet
// still opens, and idsReadable stays false so the blob is never overwritten.
void Wallet::adoptIds(Unlocked& unlocked, const Result<SecureBytes>& idsJson)
{
    if (!idsJson)
        return;
    auto ids = Bap::parseIdsJson(idsJson->view());
    if (!ids)
        return;
    unlocked.ids = std::move(*ids);
    unlocked.idsReadable = true;
}

Result<Wallet::Opened> Wallet::openFile(const QString& path, QByteArrayView passwordUtf8) const
{
    using R = Result<Opened>;
    if (!QFileInfo::exists(path))
        return R::fail(QStringLiteral("No wallet found at %1").arg(path));
    const auto text = store::readWholeFile(path);
    if (!text)
        return R::fail(text.error());
    auto decrypted = BackupFile::decrypt(QString::fromLatin1(text->trimmed()), passwordUtf8);
    if (!decrypted) {
        // AES-GCM cannot tell a wrong password from altered ciphertext; anything else (not
        // base64, too short) is certainly a damaged file, and is reported by name.
        if (decrypted.error().contains(QLatin1String("Invalid passphrase or corrupted data")))
            return R::fail(QStringLiteral("Invalid password"));
        return R::fail(QStringLiteral("%1 is damaged: %2").arg(path, decrypted.error()));
    }
    auto payload = BackupPayload::parse(decrypted->plaintext.view());
    if (!payload)
        return R::fail(QStringLiteral("%1 is not a TokenPass wallet: %2").arg(path, payload.error()));

    auto unlocked = std::make_unique<Unlocked>();
    unlocked->path = path;
    unlocked->fileKey = std::move(decrypted->key);
    unlocked->fileSalt = decrypted->salt;
    unlocked->fileIterations = decrypted->iterations;

    if (!payload->rootPkWif.isEmpty()) {
        auto rootPk =
            decodeKeyText(payload->rootPkWif, [](const QString& t) { return PrivateKey::fromWif(t); });
        if (!rootPk)
            return R::fail(QStringLiteral("%1 holds an invalid rootPk").arg(path));
        // API.md §4.4 / decision 11: rootPk is the host master when the backup has a mnemonic,
        // otherwise v0.0.7/v0.0.8 used HD.fromSeed(rootPk).
        unlocked->hostKeys = HostKeys::forRootPk(*rootPk, payload->hasMnemonic());
        adoptIds(*unlocked, Bap::decryptIds(*rootPk, payload->ids()));
        unlocked->rootPk = std::move(*rootPk);
    } else {
        // Legacy HD form: the host master is the xprv's own key (CRYPTO.md §10.3).
        auto node =
            decodeKeyText(payload->xprv, [](const QString& t) { return crypto::Bip32Key::fromString(t); });
        if (!node || !node->isPrivate())
            return R::fail(QStringLiteral("%1 holds an invalid xprv").arg(path));
        unlocked->hostKeys.emplace(node->privateKey().clone());
        auto encryptionNode = node->derive(QString::fromLatin1(Bap::kEncryptionPath));
        auto blob = crypto::fromBase64(payload->ids());
        if (encryptionNode && blob)
            adoptIds(*unlocked, crypto::Ecies::electrumDecrypt(*blob, encryptionNode->privateKey()));
    }
    unlocked->payload = std::move(*payload);
    Opened opened;
    opened.state = std::move(unlocked);
    return R::ok(std::move(opened));
}

Result<bool> Wallet::install(Opened opened)
{
    {
        QMutexLocker lock(&m_mutex);
        m_unlocked = std::move(opened.state);
    }
    setState(WalletState::Unlocked);
    Q_EMIT identitiesChanged();
    return Result<bool>::ok(true);
}

Result<bool> Wallet::unlock(const SecureBytes& password)
{
    // PBKDF2 runs without the mutex so signing for already-unlocked state is never blocked.
    auto opened = openFile(backupPath(), password.view());
    if (!opened)
        return Result<bool>::fail(opened.error());
    return install(std::move(*opened));
}

Result<bool> Wallet::importBackup(QByteArrayView content, const SecureBytes& password, bool replace)
{
    using R = Result<bool>;
    if (passwordLength(password) < kMinPasswordLength)
        return R::fail(QStringLiteral("Password must be at least 8 characters"));
    const QString path = backupPath();
    if (!replace && QFileInfo::exists(path))
        return R::fail(QStringLiteral("Wallet already exists"));

    // Either plaintext JSON of a master backup, or an encrypted .bep under the same password.
    const QByteArrayView trimmed = content.trimmed(); // a view: a plaintext backup is never copied
    SecureBytes json;
    if (trimmed.startsWith('{')) {
        json = SecureBytes(trimmed);
    } else {
        auto decrypted = BackupFile::decrypt(QString::fromLatin1(trimmed), password.view());
        if (!decrypted)
            return R::fail(QStringLiteral("Invalid password"));
        json = std::move(decrypted->plaintext);
    }
    auto payload = BackupPayload::parse(json.view());
    if (!payload)
        return R::fail(payload.error());
    if (!payload->otherFields.contains(QStringLiteral("createdAt")))
        payload->otherFields.insert(QStringLiteral("createdAt"), nowIso());

    // Write it under the password, then open it the normal way, so an imported wallet behaves
    // exactly like one that was unlocked from disk.
    const QByteArray salt = crypto::randomBytes(BackupFile::kSaltBytes);
    const SecureBytes key = BackupFile::deriveKey(password.view(), salt, BackupFile::writeIterations());
    const QString file = BackupFile::encryptWithKey(key, salt, crypto::randomBytes(BackupFile::kIvBytes),
                                                    payload->toJson().view());
    {
        QMutexLocker lock(&m_mutex);
        const auto written = store::writeFileAtomically(path, file.toLatin1());
        if (!written)
            return written;
    }
    return unlock(password);
}

void Wallet::lock()
{
    bool wasUnlocked = false;
    {
        QMutexLocker lock(&m_mutex);
        wasUnlocked = m_unlocked != nullptr;
        m_unlocked.reset(); // wipes rootPk, mnemonic, host keys and the file key
    }
    if (wasUnlocked)
        setState(state());
}

Result<bool> Wallet::switchTo(const QString& path)
{
    const auto made = m_registry->makeCurrent(path);
    if (!made)
        return made;
    {
        QMutexLocker lock(&m_mutex);
        m_unlocked.reset();
    }
    setState(state());
    return made;
}

void Wallet::createAsync(SecureBytes password)
{
    auto shared = std::make_shared<SecureBytes>(std::move(password));
    (void)QtConcurrent::run([this, shared] {
        const auto result = create(*shared);
        shared->clear();
        Q_EMIT createFinished(result.isOk(), result.error());
    });
}

void Wallet::unlockAsync(SecureBytes password)
{
    auto shared = std::make_shared<SecureBytes>(std::move(password));
    (void)QtConcurrent::run([this, shared] {
        const auto result = unlock(*shared);
        shared->clear();
        Q_EMIT unlockFinished(result.isOk(), result.error());
    });
}

// --- Saving -------------------------------------------------------------------------------------

Result<bool> Wallet::saveLocked(Unlocked& unlocked)
{
    using R = Result<bool>;
    if (!unlocked.rootPk)
        return R::fail(QStringLiteral("This wallet uses the legacy HD format, which TokenPass opens but "
                                      "does not rewrite"));
    if (unlocked.idsReadable) {
        const SecureBytes idsJson = Bap::idsJson(unlocked.ids);
        auto idsBlob = Bap::encryptIds(*unlocked.rootPk, idsJson.view());
        if (!idsBlob)
            return R::fail(idsBlob.error());
        unlocked.payload.otherFields.insert(QStringLiteral("ids"), *idsBlob);
    }
    const SecureBytes json = unlocked.payload.toJson();
    const QString file = BackupFile::encryptWithKey(unlocked.fileKey, unlocked.fileSalt,
                                                    crypto::randomBytes(BackupFile::kIvBytes), json.view());

    // Keep the previous file as .bak until the new one is on disk and decrypts (DESIGN.md).
    const QString bak = unlocked.path + QStringLiteral(".bak");
    if (QFileInfo::exists(unlocked.path)) {
        const auto previous = store::readWholeFile(unlocked.path);
        if (!previous)
            return R::fail(previous.error());
        const auto kept = store::writeFileAtomically(bak, *previous);
        if (!kept)
            return kept;
    }
    const auto written = store::writeFileAtomically(unlocked.path, file.toLatin1());
    if (!written)
        return written;
    const auto readBack = store::readWholeFile(unlocked.path);
    if (!readBack || !BackupFile::decryptWithKey(QString::fromLatin1(*readBack), unlocked.fileKey))
        return R::fail(QStringLiteral("%1 did not read back correctly; the previous version is kept in %2")
                           .arg(unlocked.path, bak));
    QFile::remove(bak);
    return R::ok(true);
}

// --- Secrets ------------------------------------------------------------------------------------

bool Wallet::checkPassword(const SecureBytes& password) const
{
    QByteArray salt;
    SecureBytes expected;
    int iterations = 0;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_unlocked)
            return false;
        salt = m_unlocked->fileSalt;
        expected = m_unlocked->fileKey.clone();
        iterations = m_unlocked->fileIterations;
    }
    // The same derivation that produced the file key: equal keys mean the right password.
    const SecureBytes candidate = BackupFile::deriveKey(password.view(), salt, iterations);
    return expected.equals(candidate.view());
}

Result<ExportedSecrets> Wallet::exportSecrets(const SecureBytes& password) const
{
    using R = Result<ExportedSecrets>;
    auto opened = openFile(backupPath(), password.view());
    if (!opened)
        return R::fail(QStringLiteral("Invalid password"));
    const BackupPayload& payload = opened->state->payload;
    if (!payload.hasMnemonic())
        return R::fail(QStringLiteral("Invalid password")); // v0.0.8 answer for mnemonic-less backups
    auto seed = crypto::Bip39::mnemonicToSeedUnchecked(payload.mnemonic.view(), password.view());
    ExportedSecrets out;
    out.seedHex = crypto::secretToHex(seed.view());
    out.mnemonic = payload.mnemonic.clone();
    return R::ok(std::move(out));
}

Result<bool> Wallet::verifyPassword(const SecureBytes& password) const
{
    const auto opened = openFile(backupPath(), password.view());
    return opened ? Result<bool>::ok(true) : Result<bool>::fail(opened.error());
}

QString Wallet::noRecoveryWordsError()
{
    return QStringLiteral("This wallet file holds no recovery words (wallets made by TokenPass Desktop "
                          "v0.0.7 and v0.0.8 never stored them); keep a copy of the wallet file instead");
}

Result<SecureBytes> Wallet::recoveryWords(const SecureBytes& password) const
{
    using R = Result<SecureBytes>;
    auto opened = openFile(backupPath(), password.view());
    if (!opened)
        return R::fail(opened.error());
    const BackupPayload& payload = opened->state->payload;
    if (!payload.hasMnemonic())
        return R::fail(noRecoveryWordsError());
    return R::ok(payload.mnemonic.clone());
}

Result<bool> Wallet::changePassword(const SecureBytes& oldPassword, const SecureBytes& newPassword)
{
    using R = Result<bool>;
    if (passwordLength(newPassword) < kMinPasswordLength)
        return R::fail(QStringLiteral("Password must be at least 8 characters"));
    if (!checkPassword(oldPassword))
        return R::fail(QStringLiteral("Invalid password"));
    const QByteArray salt = crypto::randomBytes(BackupFile::kSaltBytes);
    const int iterations = BackupFile::writeIterations();
    SecureBytes key = BackupFile::deriveKey(newPassword.view(), salt, iterations);

    QMutexLocker lock(&m_mutex);
    if (!m_unlocked)
        return lockedError<bool>();
    // The host master comes from the stored rootPk (API.md §4.4), never from BIP39(mnemonic,
    // password), so the new password changes no key.
    SecureBytes oldKey = std::move(m_unlocked->fileKey);
    const QByteArray oldSalt = m_unlocked->fileSalt;
    const int oldIterations = m_unlocked->fileIterations;
    m_unlocked->fileKey = std::move(key);
    m_unlocked->fileSalt = salt;
    m_unlocked->fileIterations = iterations;
    const auto saved = saveLocked(*m_unlocked);
    if (!saved) {
        m_unlocked->fileKey = std::move(oldKey);
        m_unlocked->fileSalt = oldSalt;
        m_unlocked->fileIterations = oldIterations;
    }
    return saved;
}

} // namespace tokenpass::wallet
