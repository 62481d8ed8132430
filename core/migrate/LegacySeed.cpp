#include "migrate/LegacySeed.h"

#include "crypto/Aes.h"
#include "crypto/Encoding.h"
#include "crypto/Hash.h"
#include "store/NedbFile.h"
#include "wallet/BackupFile.h"
#include "wallet/HostKeys.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace tokenpass::migrate {

using crypto::SecureBytes;

namespace {

// Lower-case hex of a secret, kept in wiped memory.
SecureBytes hexOf(QByteArrayView bytes)
{
    static const char digits[] = "0123456789abcdef";
    SecureBytes out(std::size_t(bytes.size()) * 2);
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        out[std::size_t(2 * i)] = std::uint8_t(digits[uchar(bytes[i]) >> 4]);
        out[std::size_t(2 * i + 1)] = std::uint8_t(digits[uchar(bytes[i]) & 0x0f]);
    }
    return out;
}

LegacySeed failed(LegacySeed out, LegacySeedStatus status, const QString& error)
{
    out.status = status;
    out.error = error;
    return out;
}

QString damagedRecord(const QString& path)
{
    return QStringLiteral("The seed record in %1 is damaged").arg(path);
}

QString wrongPassword(const QString& path)
{
    return QStringLiteral("The password does not open %1").arg(path);
}

// The newest seed-shaped record: {"encrypted"} (G2) or {"hex":{iv, encryptedData}} (G1/IDX).
const store::NedbDocument* newestSeedRecord(const store::NedbContents& contents)
{
    const store::NedbDocument* found = nullptr;
    for (const store::NedbDocument& doc : contents.documents) {
        const bool seedShaped = doc.data.value(QLatin1String("encrypted")).isString() ||
                                doc.data.value(QLatin1String("hex")).isObject();
        if (seedShaped && (!found || doc.lineNumber > found->lineNumber))
            found = &doc;
    }
    return found;
}

// API.md §4.8: the G2 web UI sent hex(sha256(password)); /api/migrate re-encrypted some files
// with the raw password. Each at both PBKDF2 iteration counts.
std::optional<SecureBytes> openG2Backup(const QString& encrypted, const QByteArray& salt,
                                        QByteArrayView passwordUtf8, bool& hashedPassphrase)
{
    using wallet::BackupFile;
    const SecureBytes hashed = hexOf(crypto::sha256Secure(passwordUtf8).view());
    for (const bool useHash : {true, false}) {
        const QByteArrayView passphrase = useHash ? hashed.view() : passwordUtf8;
        for (const int iterations : {BackupFile::kIterations, BackupFile::kLegacyIterations}) {
            const SecureBytes key = BackupFile::deriveKey(passphrase, salt, iterations);
            if (auto opened = BackupFile::decryptWithKey(encrypted, key)) {
                hashedPassphrase = useHash;
                return std::move(*opened);
            }
        }
    }
    return std::nullopt;
}

// {"encrypted":"<bitcoin-backup>"}: a VaultBackup (desktop v0.0.3-v0.0.5).
LegacySeed recoverG2(const QJsonObject& record, QByteArrayView passwordUtf8, const QString& path)
{
    using wallet::BackupFile;
    LegacySeed out;
    out.format = LegacySeedFormat::G2;
    const QString encrypted = record.value(QLatin1String("encrypted")).toString().trimmed();
    const auto combined = crypto::fromBase64(encrypted);
    if (!combined || combined->size() < BackupFile::kSaltBytes + BackupFile::kIvBytes + BackupFile::kTagBytes)
        return failed(std::move(out), LegacySeedStatus::NotASeedFile, damagedRecord(path));
    auto plaintext =
        openG2Backup(encrypted, combined->left(BackupFile::kSaltBytes), passwordUtf8, out.hashedPassphrase);
    if (!plaintext)
        return failed(std::move(out), LegacySeedStatus::WrongPassword, wrongPassword(path));
    const auto kind = BackupFile::classify(plaintext->view());
    if (!kind || *kind != wallet::BackupKind::Vault)
        return failed(std::move(out), LegacySeedStatus::NotASeedFile,
                      QStringLiteral("%1 opens with this password but holds no seed vault").arg(path));
    QByteArrayView text = plaintext->view();
    if (text.startsWith("\xEF\xBB\xBF"))
        text = text.sliced(3);
    // The vault is JSON inside a JSON string (CRYPTO.md §10.10). Qt's JSON copies cannot be
    // wiped; the results are moved into SecureBytes at once.
    const QString vaultText = QJsonDocument::fromJson(text.toByteArray())
                                  .object()
                                  .value(QLatin1String("encryptedVault"))
                                  .toString();
    const QJsonObject vault = QJsonDocument::fromJson(vaultText.toUtf8()).object();
    auto seed = crypto::secretFromHex(vault.value(QLatin1String("hex")).toString());
    if (!seed || seed->size() < 16 || seed->size() > 64)
        return failed(std::move(out), LegacySeedStatus::NotASeedFile, damagedRecord(path));
    out.seed = std::move(*seed);
    QByteArray words = vault.value(QLatin1String("mnemonic")).toString().toUtf8();
    out.mnemonic = SecureBytes::takeFrom(words);
    return out;
}

// {"hex":{"iv","encryptedData"}[, "mnemonic":{…}]}: AES-256-CBC, key SHA-256(password).
LegacySeed recoverG1(const QJsonObject& record, QByteArrayView passwordUtf8, const QString& path)
{
    LegacySeed out;
    out.format = LegacySeedFormat::G1;
    const QJsonObject hex = record.value(QLatin1String("hex")).toObject();
    const QString iv = hex.value(QLatin1String("iv")).toString();
    const QString data = hex.value(QLatin1String("encryptedData")).toString();
    const auto ivBytes = crypto::fromHex(iv);
    const auto dataBytes = crypto::fromHex(data);
    if (!ivBytes || ivBytes->size() != 16 || !dataBytes || dataBytes->isEmpty() ||
        dataBytes->size() % 16 != 0)
        return failed(std::move(out), LegacySeedStatus::NotASeedFile, damagedRecord(path));
    auto seed = wallet::HostKeys::decryptG1Seed(passwordUtf8, iv, data);
    if (!seed)
        return failed(std::move(out), LegacySeedStatus::WrongPassword, wrongPassword(path));
    out.seed = std::move(*seed);
    // IDX records also kept the mnemonic, encrypted the same way (API.md §4.8).
    const QJsonObject mnemonic = record.value(QLatin1String("mnemonic")).toObject();
    const auto mIv = crypto::fromHex(mnemonic.value(QLatin1String("iv")).toString());
    const auto mData = crypto::fromHex(mnemonic.value(QLatin1String("encryptedData")).toString());
    if (mIv && mIv->size() == 16 && mData && !mData->isEmpty()) {
        const SecureBytes key = crypto::sha256Secure(passwordUtf8);
        if (auto words = crypto::aesCbcDecrypt(key, *mIv, *mData))
            out.mnemonic = std::move(*words);
    }
    return out;
}

} // namespace

LegacySeed LegacySeedFile::recover(const QString& seedDbPath, QByteArrayView passwordUtf8)
{
    if (!QFileInfo::exists(seedDbPath))
        return failed({}, LegacySeedStatus::FileMissing, QStringLiteral("%1 does not exist").arg(seedDbPath));
    auto contents = store::NedbFile::read(seedDbPath);
    if (!contents)
        return failed({}, LegacySeedStatus::Unreadable, contents.error());
    const store::NedbDocument* found = newestSeedRecord(*contents);
    if (!found)
        return failed({}, LegacySeedStatus::NotASeedFile,
                      QStringLiteral("%1 is not a TokenPass seed file").arg(seedDbPath));
    if (passwordUtf8.isEmpty())
        return failed({}, LegacySeedStatus::WrongPassword, wrongPassword(seedDbPath));

    LegacySeed out = found->data.value(QLatin1String("encrypted")).isString()
                         ? recoverG2(found->data, passwordUtf8, seedDbPath)
                         : recoverG1(found->data, passwordUtf8, seedDbPath);
    if (!out.error.isEmpty())
        return out; // failed; every failure says why
    out.seedHex = hexOf(out.seed.view());
    out.status = LegacySeedStatus::Recovered;
    return out;
}

} // namespace tokenpass::migrate
