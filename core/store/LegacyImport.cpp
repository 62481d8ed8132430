#include "store/LegacyImport.h"

#include "access/AccessTokens.h"
#include "crypto/Aes.h"
#include "crypto/Encoding.h"
#include "crypto/Hash.h"
#include "store/Database.h"
#include "store/HostKeyRecords.h"
#include "store/NedbFile.h"
#include "store/ProfileRecords.h"
#include "store/Settings.h"
#include "wallet/BackupFile.h"
#include "wallet/HostKeys.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <cmath>

namespace tokenpass::store {

using crypto::SecureBytes;

namespace {

const QLatin1String kHost("host");
const QLatin1String kAccessToken("accessToken");
const QLatin1String kScopes("scopes");
const QLatin1String kExpireTime("expireTime");

// Holds the write lock from the first read to the commit; rolls back unless committed.
class ImportTransaction
{
public:
    explicit ImportTransaction(const QSqlDatabase& db)
        : m_db(db), m_open(QSqlQuery(m_db).exec(QStringLiteral("BEGIN IMMEDIATE")))
    {}
    ~ImportTransaction()
    {
        if (m_open)
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
    }
    ImportTransaction(const ImportTransaction&) = delete;
    ImportTransaction& operator=(const ImportTransaction&) = delete;
    bool isOpen() const { return m_open; }
    bool commit()
    {
        m_open = false;
        if (QSqlQuery(m_db).exec(QStringLiteral("COMMIT")))
            return true;
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
        return false;
    }

private:
    QSqlDatabase m_db;
    bool m_open;
};

QString scopesJson(const QStringList& scopes)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(scopes)).toJson(QJsonDocument::Compact));
}

// v0.0.8 stores an array; a comma-separated string (the request form, API.md §2.7) is split the
// way the server did, without trimming, so no scope is widened by the import.
QStringList scopesOf(const QJsonValue& value)
{
    QStringList out;
    if (value.isArray()) {
        for (const QJsonValue& v : value.toArray()) {
            if (v.isString())
                out << v.toString();
        }
    } else if (value.isString() && !value.toString().isEmpty()) {
        out = value.toString().split(QLatin1Char(','));
    }
    return out;
}

QString stringOf(const QJsonObject& o, QLatin1String key)
{
    const QJsonValue v = o.value(key);
    return v.isString() ? v.toString() : QStringLiteral("");
}

bool isBip32Path(const QString& invoice)
{
    static const QRegularExpression path(QStringLiteral("^m(/[0-9]+'?)+$"));
    return path.match(invoice).hasMatch();
}

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

QString fileName(const char* name)
{
    return QLatin1String(name);
}

} // namespace

QString LegacyImportReport::summary() const
{
    if (alreadyDone)
        return QStringLiteral("Legacy import: already done on an earlier start");
    if (!stateFileFound && !keysFileFound)
        return QStringLiteral("Legacy import: no state.db or keys.db, nothing to import");
    QString text = QStringLiteral("Legacy import: %1 tokens (%2 expired), %3 grants, %4 profile records, "
                                  "%5 host keys (%6 G2, %7 G1)")
                       .arg(tokens)
                       .arg(expiredTokens)
                       .arg(grants)
                       .arg(profileRecords)
                       .arg(hostKeys)
                       .arg(g2HostKeys)
                       .arg(g1HostKeys);
    if (keptExisting > 0)
        text += QStringLiteral("; %1 already present and kept").arg(keptExisting);
    if (!skipped.isEmpty())
        text += QStringLiteral("; %1 lines or records skipped").arg(skipped.size());
    return text;
}

LegacyImport::LegacyImport(std::shared_ptr<Database> database, const Clock& clock)
    : m_database(std::move(database)), m_clock(clock)
{}

bool LegacyImport::isDone() const
{
    return Settings(m_database).integer(Settings::Key::LegacyImportDoneMs) > 0;
}

QString LegacyImport::grantDurationFor(qint64 expireTimeMs, qint64 nowMs)
{
    if (expireTimeMs == 0)
        return QStringLiteral("forever");
    if (expireTimeMs < nowMs)
        return QString();
    const qint64 left = expireTimeMs - nowMs;
    for (const char* choice : {"once", "1h", "1d", "1w"}) {
        const QString name = QLatin1String(choice);
        if (left <= *access::AccessTokens::durationMs(name))
            return name;
    }
    return QStringLiteral("1m"); // longer than any v0.0.8 choice (a clock that was set back)
}

Result<LegacyImportReport> LegacyImport::importOnce(const QString& dataDir)
{
    if (isDone()) {
        LegacyImportReport report;
        report.alreadyDone = true;
        return Result<LegacyImportReport>::ok(report);
    }
    return importNow(dataDir);
}

Result<LegacyImportReport> LegacyImport::importNow(const QString& dataDir)
{
    using R = Result<LegacyImportReport>;
    LegacyImportReport report;
    const QDir dir(dataDir);
    const QString statePath = dir.filePath(fileName(kStateFile));
    const QString keysPath = dir.filePath(fileName(kKeysFile));

    // Read both files before touching the database: an unreadable file aborts with no trace.
    NedbContents state;
    NedbContents keys;
    if (QFileInfo::exists(statePath)) {
        auto read = NedbFile::read(statePath);
        if (!read)
            return R::fail(read.error());
        state = std::move(*read);
        report.stateFileFound = true;
    }
    if (QFileInfo::exists(keysPath)) {
        auto read = NedbFile::read(keysPath);
        if (!read)
            return R::fail(read.error());
        keys = std::move(*read);
        report.keysFileFound = true;
    }
    for (const auto& s : state.skipped)
        report.skipped.append({fileName(kStateFile), s.lineNumber, s.reason});
    for (const auto& s : keys.skipped)
        report.skipped.append({fileName(kKeysFile), s.lineNumber, s.reason});
    if (state.nedbWouldRefuse())
        report.notes << QStringLiteral(
            "state.db has more than 10 % damaged lines; TokenPass Desktop would have "
            "refused it. The readable records were imported.");
    if (keys.nedbWouldRefuse())
        report.notes << QStringLiteral(
            "keys.db has more than 10 % damaged lines; TokenPass Desktop would have "
            "refused it. The readable records were imported.");

    // NeDB upserts by host, so two live records for one host should not exist; if they do, the one
    // written last (the higher line) is what v0.0.8 last saw.
    auto newestPerHost = [&report](const NedbContents& contents, const char* file) {
        QHash<QString, NedbDocument> byHost;
        QStringList order;
        for (const NedbDocument& doc : contents.documents) {
            const QString host = stringOf(doc.data, kHost);
            if (host.isEmpty()) {
                report.skipped.append(
                    {fileName(file), doc.lineNumber, QStringLiteral("record without a host")});
                continue;
            }
            const auto it = byHost.constFind(host);
            if (it == byHost.constEnd()) {
                order << host;
                byHost.insert(host, doc);
                continue;
            }
            const NedbDocument& older = it->lineNumber < doc.lineNumber ? *it : doc;
            report.skipped.append({fileName(file), older.lineNumber,
                                   QStringLiteral("older duplicate record for host %1").arg(host)});
            if (it->lineNumber < doc.lineNumber)
                byHost.insert(host, doc);
        }
        QList<NedbDocument> out;
        for (const QString& host : order)
            out << byHost.value(host);
        return out;
    };
    const QList<NedbDocument> stateRecords = newestPerHost(state, kStateFile);
    const QList<NedbDocument> keyRecords = newestPerHost(keys, kKeysFile);

    QSqlDatabase db = m_database->connection();
    ImportTransaction transaction(db);
    if (!transaction.isOpen())
        return R::fail(QStringLiteral("Cannot write to %1 to import the old TokenPass data")
                           .arg(m_database->filePath()));
    const qint64 now = m_clock.nowMs();
    auto writeFailed = [this](const QString& what) {
        return R::fail(QStringLiteral("Cannot import %1 into %2").arg(what, m_database->filePath()));
    };

    ProfileRecords profiles(m_database);
    for (const NedbDocument& doc : stateRecords) {
        const QJsonObject& record = doc.data;
        const QString host = stringOf(record, kHost);
        const QJsonValue tokenValue = record.value(kAccessToken);
        const bool hasToken = tokenValue.isString() && !tokenValue.toString().isEmpty();
        if (record.contains(kAccessToken) && !hasToken)
            report.skipped.append(
                {fileName(kStateFile), doc.lineNumber,
                 QStringLiteral("the token of host %1 is not a string; not imported").arg(host)});

        if (hasToken) {
            const QStringList scopes = scopesOf(record.value(kScopes));
            const QString identity = stringOf(record, QLatin1String("bapID"));
            const QString icon = stringOf(record, QLatin1String("icon"));
            // API.md §2.8 step 4: expired iff expireTime != 0 && expireTime < now. A missing or
            // non-numeric expireTime never compared as expired in v0.0.8, so it stays "never".
            qint64 expires = 0;
            const QJsonValue expireValue = record.value(kExpireTime);
            if (expireValue.isDouble() && std::isfinite(expireValue.toDouble()) &&
                expireValue.toDouble() >= 0) {
                expires = qint64(expireValue.toDouble());
            } else {
                report.notes << QStringLiteral(
                                    "state.db line %1: the token of host %2 has no valid expireTime; "
                                    "imported as never expiring, as TokenPass Desktop treated it")
                                    .arg(doc.lineNumber)
                                    .arg(host);
            }

            QSqlQuery q(db);
            q.prepare(QStringLiteral(
                "INSERT OR IGNORE INTO tokens (token_hash, host, origin, scopes, identity, icon, "
                "created_ms, expires_ms, last_used_ms) VALUES (?, ?, '', ?, ?, ?, ?, ?, 0)"));
            q.addBindValue(crypto::sha256(tokenValue.toString().toUtf8()));
            q.addBindValue(host);
            q.addBindValue(scopesJson(scopes));
            q.addBindValue(identity);
            q.addBindValue(icon);
            q.addBindValue(now);
            q.addBindValue(expires);
            if (!q.exec())
                return writeFailed(QStringLiteral("the token of %1").arg(host));
            if (q.numRowsAffected() == 0) {
                ++report.keptExisting; // the native state has a newer token (or grant) for it
            } else {
                ++report.tokens;
                const QString duration = grantDurationFor(expires, now);
                if (duration.isEmpty()) {
                    ++report.expiredTokens;
                } else {
                    QSqlQuery g(db);
                    g.prepare(QStringLiteral(
                        "INSERT OR IGNORE INTO grants (host, scopes, duration, policy, identity, "
                        "created_ms, expires_ms) VALUES (?, ?, ?, 'allow', ?, ?, ?)"));
                    g.addBindValue(host);
                    g.addBindValue(scopesJson(scopes));
                    g.addBindValue(duration);
                    g.addBindValue(identity);
                    g.addBindValue(now);
                    g.addBindValue(expires);
                    if (!g.exec())
                        return writeFailed(QStringLiteral("the grant of %1").arg(host));
                    if (g.numRowsAffected() == 0)
                        ++report.keptExisting;
                    else
                        ++report.grants;
                }
            }
        }

        // The global profile, the registration record and anything else that is not only a token.
        const bool profileHost = host == QLatin1String(ProfileRecords::kGlobalHost) ||
                                 host == QLatin1String(ProfileRecords::kLocalHost);
        if (hasToken && !profileHost)
            continue;
        QJsonObject profile = record;
        if (hasToken) {
            profile.remove(kScopes);
            profile.remove(kExpireTime);
        }
        if (profiles.contains(host)) {
            ++report.keptExisting;
            continue;
        }
        if (!profiles.replace(host, profile))
            return writeFailed(QStringLiteral("the %1 record").arg(host));
        ++report.profileRecords;
    }

    HostKeyRecords hostKeys(m_database);
    for (const NedbDocument& doc : keyRecords) {
        HostKeyRecord key;
        key.host = stringOf(doc.data, kHost);
        key.invoice = stringOf(doc.data, QLatin1String("path"));
        key.pub = stringOf(doc.data, QLatin1String("pub"));
        key.address = stringOf(doc.data, QLatin1String("address"));
        if (key.invoice.isEmpty()) {
            report.skipped.append({fileName(kKeysFile), doc.lineNumber,
                                   QStringLiteral("host key of %1 without a path").arg(key.host)});
            continue;
        }
        if (hostKeys.get(key.host)) {
            ++report.keptExisting;
            continue;
        }
        if (!hostKeys.upsert(key))
            return writeFailed(QStringLiteral("the host key of %1").arg(key.host));
        ++report.hostKeys;
        if (key.invoice.startsWith(QLatin1String("2-sigma auth-"))) {
            ++report.g2HostKeys;
        } else if (isBip32Path(key.invoice)) {
            ++report.g1HostKeys;
            report.notes << QStringLiteral(
                                "keys.db: host %1 has a BIP32 path (%2) from the 2020-2023 server; "
                                "kept as is")
                                .arg(key.host, key.invoice);
        } else if (!key.invoice.startsWith(QLatin1String("2-tokenpass-"))) {
            report.notes
                << QStringLiteral("keys.db: host %1 has an unusual invoice; kept as is").arg(key.host);
        }
    }

    if (!Settings(m_database).setInteger(Settings::Key::LegacyImportDoneMs, std::max<qint64>(now, 1)))
        return writeFailed(QStringLiteral("the completion mark"));
    if (!transaction.commit())
        return writeFailed(QStringLiteral("state.db and keys.db"));
    return R::ok(report);
}

LegacySeed LegacyImport::recoverSeed(const QString& seedDbPath, QByteArrayView passwordUtf8)
{
    LegacySeed out;
    auto fail = [&out](LegacySeedStatus status, const QString& error) {
        out.status = status;
        out.error = error;
        return std::move(out);
    };
    if (!QFileInfo::exists(seedDbPath))
        return fail(LegacySeedStatus::FileMissing, QStringLiteral("%1 does not exist").arg(seedDbPath));
    auto contents = NedbFile::read(seedDbPath);
    if (!contents)
        return fail(LegacySeedStatus::Unreadable, contents.error());

    // The newest seed-shaped record: {"encrypted"} (G2) or {"hex":{iv, encryptedData}} (G1/IDX).
    const NedbDocument* found = nullptr;
    for (const NedbDocument& doc : contents->documents) {
        const bool seedShaped = doc.data.value(QLatin1String("encrypted")).isString() ||
                                doc.data.value(QLatin1String("hex")).isObject();
        if (seedShaped && (!found || doc.lineNumber > found->lineNumber))
            found = &doc;
    }
    const QString notASeed = QStringLiteral("%1 is not a TokenPass seed file").arg(seedDbPath);
    const QString damaged = QStringLiteral("The seed record in %1 is damaged").arg(seedDbPath);
    const QString wrongPassword = QStringLiteral("The password does not open %1").arg(seedDbPath);
    if (!found)
        return fail(LegacySeedStatus::NotASeedFile, notASeed);
    if (passwordUtf8.isEmpty())
        return fail(LegacySeedStatus::WrongPassword, wrongPassword);

    if (found->data.value(QLatin1String("encrypted")).isString()) {
        out.format = LegacySeedFormat::G2;
        const QString encrypted = found->data.value(QLatin1String("encrypted")).toString().trimmed();
        const auto combined = crypto::fromBase64(encrypted);
        using wallet::BackupFile;
        if (!combined ||
            combined->size() < BackupFile::kSaltBytes + BackupFile::kIvBytes + BackupFile::kTagBytes)
            return fail(LegacySeedStatus::NotASeedFile, damaged);
        const QByteArray salt = combined->left(BackupFile::kSaltBytes);

        // API.md §4.8: the G2 web UI sent hex(sha256(password)); /api/migrate re-encrypted some
        // files with the raw password.
        const SecureBytes hashed = hexOf(crypto::sha256Secure(passwordUtf8).view());
        std::optional<SecureBytes> plaintext;
        for (const bool useHash : {true, false}) {
            const QByteArrayView passphrase = useHash ? hashed.view() : passwordUtf8;
            for (const int iterations : {BackupFile::kIterations, BackupFile::kLegacyIterations}) {
                const SecureBytes key = BackupFile::deriveKey(passphrase, salt, iterations);
                auto opened = BackupFile::decryptWithKey(encrypted, key);
                if (opened) {
                    plaintext = std::move(*opened);
                    out.hashedPassphrase = useHash;
                    break;
                }
            }
            if (plaintext)
                break;
        }
        if (!plaintext)
            return fail(LegacySeedStatus::WrongPassword, wrongPassword);
        const auto kind = BackupFile::classify(plaintext->view());
        if (!kind || *kind != wallet::BackupKind::Vault)
            return fail(
                LegacySeedStatus::NotASeedFile,
                QStringLiteral("%1 opens with this password but holds no seed vault").arg(seedDbPath));
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
            return fail(LegacySeedStatus::NotASeedFile, damaged);
        out.seed = std::move(*seed);
        QByteArray words = vault.value(QLatin1String("mnemonic")).toString().toUtf8();
        out.mnemonic = SecureBytes::takeFrom(words);
    } else {
        out.format = LegacySeedFormat::G1;
        const QJsonObject hex = found->data.value(QLatin1String("hex")).toObject();
        const QString iv = hex.value(QLatin1String("iv")).toString();
        const QString data = hex.value(QLatin1String("encryptedData")).toString();
        const auto ivBytes = crypto::fromHex(iv);
        const auto dataBytes = crypto::fromHex(data);
        if (!ivBytes || ivBytes->size() != 16 || !dataBytes || dataBytes->isEmpty() ||
            dataBytes->size() % 16 != 0)
            return fail(LegacySeedStatus::NotASeedFile, damaged);
        auto seed = wallet::HostKeys::decryptG1Seed(passwordUtf8, iv, data);
        if (!seed)
            return fail(LegacySeedStatus::WrongPassword, wrongPassword);
        out.seed = std::move(*seed);
        // IDX records also kept the mnemonic, encrypted the same way (API.md §4.8).
        const QJsonObject mnemonic = found->data.value(QLatin1String("mnemonic")).toObject();
        const auto mIv = crypto::fromHex(mnemonic.value(QLatin1String("iv")).toString());
        const auto mData = crypto::fromHex(mnemonic.value(QLatin1String("encryptedData")).toString());
        if (mIv && mIv->size() == 16 && mData && !mData->isEmpty()) {
            const SecureBytes key = crypto::sha256Secure(passwordUtf8);
            if (auto words = crypto::aesCbcDecrypt(key, *mIv, *mData))
                out.mnemonic = std::move(*words);
        }
    }
    out.seedHex = hexOf(out.seed.view());
    out.status = LegacySeedStatus::Recovered;
    return out;
}

} // namespace tokenpass::store
