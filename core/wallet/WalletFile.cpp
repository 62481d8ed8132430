#include "wallet/Wallet.h"

#include "fs/AtomicFile.h"
#include "wallet/BackupFile.h"
#include "wallet/WalletUnlocked.h"

#include "crypto/Bip32.h"
#include "crypto/Ecies.h"
#include "crypto/Encoding.h"
#include "crypto/Random.h"

#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>

// The wallet file on disk: opening it (and repairing it from backup.bep.bak), and saving it
// through fs::writeFileAtomically (docs/SECURITY.md "Writing files").

namespace tokenpass::wallet {

using crypto::PrivateKey;
using crypto::SecureBytes;
using detail::opensWithKey;

// True if `bytes` is a wallet file that decrypts with `key` (GCM authenticates every byte).
bool detail::opensWithKey(QByteArrayView bytes, const SecureBytes& key)
{
    return BackupFile::decryptWithKey(QString::fromLatin1(bytes.trimmed()), key).isOk();
}

// A wallet is there if its file or the previous version is (a save interrupted on a file system
// without hard links leaves only the .bak for a moment; unlocking recovers it).
bool detail::walletFileExists(const QString& path)
{
    return QFileInfo::exists(path) || QFileInfo::exists(fs::previousVersionPath(path));
}

namespace {

// Key text (a WIF or an xprv) as the QString the decoders take, overwritten once they are done:
// a QString is freed unwiped.
template <typename Decode> auto decodeKeyText(const SecureBytes& text, Decode&& decode)
{
    QString latin1 = QString::fromLatin1(text.view());
    auto decoded = decode(latin1);
    latin1.fill(QChar(0));
    return decoded;
}

QString damagedMessage(const QString& path, const QString& why)
{
    return QStringLiteral("The wallet file %1 is damaged and cannot be opened (%2). Put back a copy of the "
                          "file if you have one, or restore the wallet from its recovery words.")
        .arg(path, why);
}

} // namespace

Result<Wallet::Opened> Wallet::openFile(const QString& path, QByteArrayView passwordUtf8) const
{
    using R = Result<Opened>;
    if (!QFileInfo::exists(path))
        return R::fail(QStringLiteral("No wallet found at %1").arg(path), Failure::WalletDamaged);
    const auto text = fs::readWholeFile(path);
    if (!text)
        return R::failFrom(text);
    if (text->trimmed().isEmpty())
        return R::fail(damagedMessage(path, QStringLiteral("it is empty")), Failure::WalletDamaged);
    auto decrypted = BackupFile::decrypt(QString::fromLatin1(text->trimmed()), passwordUtf8);
    if (!decrypted) {
        // AES-GCM cannot tell a wrong password from altered ciphertext; anything else (not
        // base64, too short) is certainly a damaged file, and is reported by name.
        if (decrypted.failure() == Failure::InvalidPassword)
            return R::fail(QStringLiteral("Invalid password"), Failure::InvalidPassword);
        return R::fail(damagedMessage(path, decrypted.error()), Failure::WalletDamaged);
    }
    auto payload = BackupPayload::parse(decrypted->plaintext.view());
    if (!payload)
        return R::fail(QStringLiteral("%1 is not a TokenPass wallet: %2").arg(path, payload.error()),
                       Failure::WalletDamaged);

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

// backup.bep is missing, empty or does not open with a password that opens backup.bep.bak: a
// kill between two steps of a save, or a damaged disk. Open the previous version and put it
// back (never the other way round), and say so.
Result<Wallet::Opened> Wallet::openPreviousVersion(const QString& path, QByteArrayView passwordUtf8)
{
    using R = Result<Opened>;
    const QString bak = fs::previousVersionPath(path);
    if (!QFileInfo::exists(bak))
        return R::fail(QString());
    auto opened = openFile(bak, passwordUtf8);
    if (!opened)
        return opened;
    opened->state->path = path;
    const auto bytes = fs::readWholeFile(bak);
    const SecureBytes& key = opened->state->fileKey;
    fs::WriteOptions options;
    options.verify = [&key](QByteArrayView written) { return opensWithKey(written, key); };
    const auto restored =
        bytes ? fs::writeFileAtomically(path, *bytes, options) : Result<bool>::failFrom(bytes);
    if (restored) {
        setUnlockNotice(
            QStringLiteral("The wallet file %1 was missing or damaged. TokenPass opened the previous "
                           "version, %2, and put it back; the last change made before the damage may "
                           "be missing.")
                .arg(path, bak));
    } else {
        setUnlockNotice(
            QStringLiteral("The wallet file %1 was missing or damaged. TokenPass opened the previous "
                           "version, %2, but could not put it back (%3); it will try again at the "
                           "next change.")
                .arg(path, bak, restored.error()));
    }
    const QString notice = unlockNotice();
    qWarning("Wallet: %s", qPrintable(notice));
    Q_EMIT unlockRepaired(notice);
    return opened;
}

QString Wallet::unlockNotice() const
{
    QMutexLocker lock(&m_mutex);
    return m_unlockNotice;
}

void Wallet::setUnlockNotice(const QString& notice)
{
    QMutexLocker lock(&m_mutex);
    m_unlockNotice = notice;
}

// --- Saving -------------------------------------------------------------------------------------

Result<bool> Wallet::saveLocked(Unlocked& unlocked, const SecureBytes* previousKey)
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

    // The new file replaces backup.bep only once it is on disk and decrypts; the version it
    // replaces becomes backup.bep.bak if it decrypts too (docs/SECURITY.md "Writing files").
    const SecureBytes& newKey = unlocked.fileKey;
    const SecureBytes& oldKey = previousKey ? *previousKey : unlocked.fileKey;
    fs::WriteOptions options;
    options.verify = [&newKey](QByteArrayView bytes) { return opensWithKey(bytes, newKey); };
    options.keepPrevious = true;
    options.previousIsGood = [&oldKey](QByteArrayView bytes) { return opensWithKey(bytes, oldKey); };
    return fs::writeFileAtomically(unlocked.path, file.toLatin1(), options);
}

// After a password change or an import: .bak becomes a second name of the new file, so no file
// under the old password (or of another wallet) is left to recover from. If that fails, remove it.
void Wallet::replacePreviousVersionLocked(const QString& path)
{
    const QString bak = fs::previousVersionPath(path);
    if (!fs::keepCopy(path, bak))
        QFile::remove(bak);
}

} // namespace tokenpass::wallet
