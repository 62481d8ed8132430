#include "migrate/LegacyTables.h"

#include "crypto/Hash.h"
#include "store/HostKeyRecords.h"
#include "store/ProfileRecords.h"
#include "store/SqlQuery.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QVariant>

#include <cmath>

namespace tokenpass::migrate::tables {

using store::NedbDocument;

namespace {

const QLatin1String kHost("host");
const QLatin1String kAccessToken("accessToken");
const QLatin1String kScopes("scopes");
const QLatin1String kExpireTime("expireTime");

QString fileName(const char* name)
{
    return QLatin1String(name);
}

QString stringOf(const QJsonObject& o, QLatin1String key)
{
    const QJsonValue v = o.value(key);
    return v.isString() ? v.toString() : QStringLiteral("");
}

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

bool isBip32Path(const QString& invoice)
{
    static const QRegularExpression path(QStringLiteral("^m(/[0-9]+'?)+$"));
    return path.match(invoice).hasMatch();
}

bool hasToken(const QJsonObject& record)
{
    const QJsonValue token = record.value(kAccessToken);
    return token.isString() && !token.toString().isEmpty();
}

// API.md §2.8 step 4: expired iff expireTime != 0 && expireTime < now. A missing or non-numeric
// expireTime never compared as expired in v0.0.8, so it stays "never" (0), with a note.
qint64 expiryOf(const NedbDocument& doc, const QString& host, LegacyImportReport& report)
{
    const QJsonValue value = doc.data.value(kExpireTime);
    if (value.isDouble() && std::isfinite(value.toDouble()) && value.toDouble() >= 0)
        return qint64(value.toDouble());
    report.notes << QStringLiteral("state.db line %1: the token of host %2 has no valid expireTime; "
                                   "imported as never expiring, as TokenPass Desktop treated it")
                        .arg(doc.lineNumber)
                        .arg(host);
    return 0;
}

Result<bool> writeFailed(const QString& what)
{
    return Result<bool>::fail(what);
}

// The grant that lets the site keep using the token it had: policy "allow", its scopes and
// identity, ending when the token ends. An expired token gets none.
Result<bool> insertGrant(const ImportTarget& to, const QString& host, const QString& scopes,
                         const QString& identity, qint64 expires)
{
    const QString duration = LegacyImport::grantDurationFor(expires, to.nowMs);
    if (duration.isEmpty()) {
        ++to.report->expiredTokens;
        return Result<bool>::ok(true);
    }
    store::SqlQuery g(to.db);
    g.prepare(QStringLiteral("INSERT OR IGNORE INTO grants (host, scopes, duration, policy, identity, "
                             "created_ms, expires_ms) VALUES (?, ?, ?, 'allow', ?, ?, ?)"));
    g.addBindValue(host);
    g.addBindValue(scopes);
    g.addBindValue(duration);
    g.addBindValue(identity);
    g.addBindValue(to.nowMs);
    g.addBindValue(expires);
    if (!g.exec())
        return writeFailed(QStringLiteral("the grant of %1").arg(host));
    if (g.numRowsAffected() == 0)
        ++to.report->keptExisting;
    else
        ++to.report->grants;
    return Result<bool>::ok(true);
}

} // namespace

QList<NedbDocument> newestPerHost(const store::NedbContents& contents, const char* file,
                                  LegacyImportReport& report)
{
    QHash<QString, NedbDocument> byHost;
    QStringList order;
    for (const NedbDocument& doc : contents.documents) {
        const QString host = stringOf(doc.data, kHost);
        if (host.isEmpty()) {
            report.skipped.append({fileName(file), doc.lineNumber, QStringLiteral("record without a host")});
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
}

Result<bool> importToken(const ImportTarget& to, const NedbDocument& doc)
{
    const QJsonObject& record = doc.data;
    const QString host = stringOf(record, kHost);
    if (!hasToken(record)) {
        if (record.contains(kAccessToken))
            to.report->skipped.append(
                {fileName(LegacyImport::kStateFile), doc.lineNumber,
                 QStringLiteral("the token of host %1 is not a string; not imported").arg(host)});
        return Result<bool>::ok(true);
    }
    const QString scopes = scopesJson(scopesOf(record.value(kScopes)));
    const QString identity = stringOf(record, QLatin1String("bapID"));
    const qint64 expires = expiryOf(doc, host, *to.report);

    // token_hash = SHA-256 of the UTF-8 token, so clients holding it keep working (decision 7).
    store::SqlQuery q(to.db);
    q.prepare(
        QStringLiteral("INSERT OR IGNORE INTO tokens (token_hash, host, origin, scopes, identity, icon, "
                       "created_ms, expires_ms, last_used_ms) VALUES (?, ?, '', ?, ?, ?, ?, ?, 0)"));
    q.addBindValue(crypto::sha256(record.value(kAccessToken).toString().toUtf8()));
    q.addBindValue(host);
    q.addBindValue(scopes);
    q.addBindValue(identity);
    q.addBindValue(stringOf(record, QLatin1String("icon")));
    q.addBindValue(to.nowMs);
    q.addBindValue(expires);
    if (!q.exec())
        return writeFailed(QStringLiteral("the token of %1").arg(host));
    if (q.numRowsAffected() == 0) {
        ++to.report->keptExisting; // the native state has a newer token (or grant) for it
        return Result<bool>::ok(true);
    }
    ++to.report->tokens;
    return insertGrant(to, host, scopes, identity, expires);
}

Result<bool> importProfile(const ImportTarget& to, store::ProfileRecords& profiles, const NedbDocument& doc)
{
    const QString host = stringOf(doc.data, kHost);
    const bool token = hasToken(doc.data);
    // The global profile, the registration record and anything else that is not only a token.
    const bool profileHost = host == QLatin1String(store::ProfileRecords::kGlobalHost) ||
                             host == QLatin1String(store::ProfileRecords::kLocalHost);
    if (token && !profileHost)
        return Result<bool>::ok(true);
    QJsonObject profile = doc.data;
    if (token) {
        profile.remove(kScopes);
        profile.remove(kExpireTime);
    }
    if (profiles.contains(host)) {
        ++to.report->keptExisting;
        return Result<bool>::ok(true);
    }
    if (!profiles.replace(host, profile))
        return writeFailed(QStringLiteral("the %1 record").arg(host));
    ++to.report->profileRecords;
    return Result<bool>::ok(true);
}

Result<bool> importHostKey(const ImportTarget& to, store::HostKeyRecords& hostKeys, const NedbDocument& doc)
{
    LegacyImportReport& report = *to.report;
    store::HostKeyRecord key;
    key.host = stringOf(doc.data, kHost);
    key.invoice = stringOf(doc.data, QLatin1String("path"));
    key.pub = stringOf(doc.data, QLatin1String("pub"));
    key.address = stringOf(doc.data, QLatin1String("address"));
    if (key.invoice.isEmpty()) {
        report.skipped.append({fileName(LegacyImport::kKeysFile), doc.lineNumber,
                               QStringLiteral("host key of %1 without a path").arg(key.host)});
        return Result<bool>::ok(true);
    }
    if (hostKeys.get(key.host)) {
        ++report.keptExisting;
        return Result<bool>::ok(true);
    }
    if (!hostKeys.upsert(key))
        return writeFailed(QStringLiteral("the host key of %1").arg(key.host));
    ++report.hostKeys;
    if (key.invoice.startsWith(QLatin1String("2-sigma auth-"))) {
        ++report.g2HostKeys;
    } else if (isBip32Path(key.invoice)) {
        // G3 would read a G1 path as a BRC-42 invoice, so the person is told.
        ++report.g1HostKeys;
        report.notes << QStringLiteral("keys.db: host %1 has a BIP32 path (%2) from the 2020-2023 server; "
                                       "kept as is")
                            .arg(key.host, key.invoice);
    } else if (!key.invoice.startsWith(QLatin1String("2-tokenpass-"))) {
        report.notes << QStringLiteral("keys.db: host %1 has an unusual invoice; kept as is").arg(key.host);
    }
    return Result<bool>::ok(true);
}

} // namespace tokenpass::migrate::tables
