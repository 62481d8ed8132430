#include "wallet/Wallet.h"

#include "wallet/WalletUnlocked.h"

#include "OffThread.h"
#include "crypto/Bip32.h"
#include "crypto/Bip39.h"
#include "crypto/Ecies.h"
#include "crypto/Encoding.h"
#include "crypto/Keys.h"
#include "crypto/Random.h"
#include "crypto/StackScrub.h"
#include "fs/AtomicFile.h"
#include "wallet/BackupFile.h"
#include "wallet/BackupPayload.h"
#include "wallet/BackupRegistry.h"
#include "wallet/HostKeys.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QThreadPool>

namespace tokenpass::wallet {

using crypto::PrivateKey;
using crypto::PublicKey;
using crypto::SecureBytes;
using detail::lockedError;
using detail::opensWithKey;
using detail::passwordLength;
using detail::walletFileExists;

int detail::passwordLength(const SecureBytes& password)
{
    QString text = QString::fromUtf8(password.view());
    const int length = int(text.size());
    text.fill(QChar(0));
    return length;
}

namespace {

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

Wallet::Wallet(QString dataDir, QObject* parent)
    : QObject(parent), m_dataDir(std::move(dataDir)), m_registry(std::make_unique<BackupRegistry>(m_dataDir))
{
    qRegisterMetaType<WalletState>();
    qRegisterMetaType<Failure>(); // unlockFinished and createFinished cross threads
}

Wallet::~Wallet()
{
    m_jobs.waitForDone(); // an unlockAsync/createAsync still running uses this wallet
}

WalletState Wallet::state() const
{
    QMutexLocker lock(&m_mutex);
    if (m_unlocked)
        return WalletState::Unlocked;
    return walletFileExists(m_registry->currentPath()) ? WalletState::Locked : WalletState::NoWallet;
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

Result<bool> Wallet::create(const SecureBytes& password, const SecureBytes* givenMnemonic,
                            const Attributes& primaryAttributes)
{
    const crypto::StackScrub scrub; // wipes what the callees left on the stack (last, on return)
    using R = Result<bool>;
    SecureBytes mnemonic;
    if (givenMnemonic) {
        auto normalized = crypto::Bip39::normalizeInput(QString::fromUtf8(givenMnemonic->view()));
        if (!crypto::Bip39::isValid(normalized.view()))
            return R::fail(QStringLiteral("Invalid mnemonic"), Failure::InvalidMnemonic);
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
    return createWith(password, *seed, std::move(mnemonic), primaryAttributes);
}

Result<bool> Wallet::createFromSeed(const SecureBytes& password, const SecureBytes& seed,
                                    const SecureBytes* mnemonic)
{
    const crypto::StackScrub scrub; // wipes what the callees left on the stack (last, on return)
    SecureBytes kept;
    if (mnemonic) {
        auto normalized = crypto::Bip39::normalizeInput(QString::fromUtf8(mnemonic->view()));
        const auto derived = crypto::Bip39::mnemonicToSeed(normalized.view(), password.view());
        if (derived && derived->equals(seed.view()))
            kept = std::move(normalized);
    }
    return createWith(password, seed, std::move(kept));
}

Result<bool> Wallet::createWith(const SecureBytes& password, const SecureBytes& seed, SecureBytes mnemonic,
                                const Attributes& primaryAttributes)
{
    using R = Result<bool>;
    if (passwordLength(password) < kMinPasswordLength)
        return R::fail(QStringLiteral("Password must be at least 8 characters"), Failure::PasswordTooShort);
    const QString path = backupPath();
    if (walletFileExists(path))
        return R::fail(QStringLiteral("Wallet already exists"), Failure::WalletExists);

    auto master = crypto::Bip32Key::fromSeed(seed.view());
    if (!master)
        return R::fail(master.error());
    PrivateKey rootPk = master->privateKey().clone();

    auto unlocked = std::make_unique<Unlocked>();
    unlocked->path = path;
    auto primary = Bap::newIdentity(rootPk, 0, QLatin1String(kPrimaryIdentityName));
    if (!primary)
        return R::fail(QStringLiteral("Failed to create BAP identity"));
    detail::applyAttributes(*primary, primaryAttributes);
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
    if (walletFileExists(path)) // checked again: another thread may have won the race
        return R::fail(QStringLiteral("Wallet already exists"), Failure::WalletExists);
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
    const crypto::StackScrub scrub; // wipes what the callees left on the stack (last, on return)
    // PBKDF2 runs without the mutex so signing for already-unlocked state is never blocked.
    const QString path = backupPath();
    auto opened = openFile(path, password.view());
    if (opened) {
        setUnlockNotice(QString());
        return install(std::move(*opened));
    }
    auto recovered = openPreviousVersion(path, password.view());
    if (!recovered) {
        // Nothing opens. If there is a previous version, the password is what failed it (and a
        // wrong guess must count as one); without one, the first answer stands.
        const bool previousAnswered = !recovered.error().isEmpty();
        return Result<bool>::failFrom(
            previousAnswered && opened.failure() != Failure::InvalidPassword ? recovered : opened);
    }
    return install(std::move(*recovered));
}

Result<bool> Wallet::importBackup(QByteArrayView content, const SecureBytes& password, bool replace)
{
    const crypto::StackScrub scrub; // wipes what the callees left on the stack (last, on return)
    using R = Result<bool>;
    if (passwordLength(password) < kMinPasswordLength)
        return R::fail(QStringLiteral("Password must be at least 8 characters"), Failure::PasswordTooShort);
    const QString path = backupPath();
    if (!replace && walletFileExists(path))
        return R::fail(QStringLiteral("Wallet already exists"), Failure::WalletExists);

    // Either plaintext JSON of a master backup, or an encrypted .bep under the same password.
    const QByteArrayView trimmed = content.trimmed(); // a view: a plaintext backup is never copied
    SecureBytes json;
    if (trimmed.startsWith('{')) {
        json = SecureBytes(trimmed);
    } else {
        auto decrypted = BackupFile::decrypt(QString::fromLatin1(trimmed), password.view());
        if (!decrypted)
            return R::fail(QStringLiteral("Invalid password"), Failure::InvalidPassword);
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
        fs::WriteOptions options;
        options.verify = [&key](QByteArrayView written) { return opensWithKey(written, key); };
        const auto written = fs::writeFileAtomically(path, file.toLatin1(), options);
        if (!written)
            return written;
        // The previous version is another wallet, or this one under another password: it must
        // not be what a damaged file is recovered from. (A kept copy is the caller's business.)
        replacePreviousVersionLocked(path);
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
        m_unlockNotice.clear();
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

// Both run on m_jobs, which ~Wallet waits for, so capturing `this` is safe; the answer is
// emitted on the wallet's thread.
void Wallet::createAsync(SecureBytes password)
{
    auto shared = std::make_shared<SecureBytes>(std::move(password));
    runOffThread(
        &m_jobs, this,
        [this, shared] {
            auto result = create(*shared);
            shared->clear();
            return result;
        },
        [this](const Result<bool>& result) {
            Q_EMIT createFinished(result.isOk(), result.error(), result.failure());
        });
}

void Wallet::unlockAsync(SecureBytes password)
{
    auto shared = std::make_shared<SecureBytes>(std::move(password));
    runOffThread(
        &m_jobs, this,
        [this, shared] {
            auto result = unlock(*shared);
            shared->clear();
            return result;
        },
        [this](const Result<bool>& result) {
            Q_EMIT unlockFinished(result.isOk(), result.error(), result.failure());
        });
}

} // namespace tokenpass::wallet
