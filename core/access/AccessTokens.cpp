#include "access/AccessTokens.h"

#include "crypto/Hash.h"
#include "crypto/Random.h"
#include "store/Database.h"
#include "store/PerDatabase.h"
#include "store/SqlQuery.h"
#include "store/SqlWrite.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QUrl>
#include <QVariant>

#include <openssl/crypto.h>

#include <algorithm>

namespace tokenpass::access {

namespace {

QString newUuidV4()
{
    QByteArray b = crypto::randomBytes(16);
    b[6] = char((uchar(b[6]) & 0x0f) | 0x40); // version 4
    b[8] = char((uchar(b[8]) & 0x3f) | 0x80); // RFC 4122 variant
    const QString hex = QString::fromLatin1(b.toHex());
    return hex.left(8) + QLatin1Char('-') + hex.mid(8, 4) + QLatin1Char('-') + hex.mid(12, 4) +
           QLatin1Char('-') + hex.mid(16, 4) + QLatin1Char('-') + hex.mid(20);
}

QByteArray tokenHash(QStringView token)
{
    return crypto::sha256(token.toUtf8());
}

QString scopesToJson(const QStringList& scopes)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(scopes)).toJson(QJsonDocument::Compact));
}

QStringList scopesFromJson(const QString& json)
{
    QStringList out;
    for (const auto& v : QJsonDocument::fromJson(json.toUtf8()).array())
        out << v.toString();
    return out;
}

const QString kRecordColumns =
    QStringLiteral("host, origin, scopes, identity, icon, created_ms, expires_ms, last_used_ms, token_hash");

TokenRecord recordFrom(const store::SqlQuery& q)
{
    TokenRecord r;
    r.host = q.value(0).toString();
    r.origin = q.value(1).toString();
    r.scopes = scopesFromJson(q.value(2).toString());
    r.identity = q.value(3).toString();
    r.icon = q.value(4).toString();
    r.createdMs = q.value(5).toLongLong();
    r.expiresMs = q.value(6).toLongLong();
    r.lastUsedMs = q.value(7).toLongLong();
    return r;
}

} // namespace

struct AccessTokens::Cache
{
    mutable QMutex mutex;
    QHash<QByteArray, TokenRecord> records; // by token hash; only tokens found in the database
    QHash<QByteArray, qint64> lastUsed;     // times of use not written yet
    // Bumped by every change to the tokens table: a lookup that read the database before a
    // revoke must not put the revoked record into the cache after it.
    quint64 generation = 0;
};

AccessTokens::AccessTokens(std::shared_ptr<store::Database> database, const Clock& clock)
    : m_database(std::move(database)), m_clock(clock),
      m_cache(store::sharedPerDatabase<Cache>(m_database.get()))
{}

AccessTokens::~AccessTokens()
{
    flush();
}

std::optional<qint64> AccessTokens::durationMs(QStringView expiry)
{
    // API.md §3 expireSelectionToTime.
    if (expiry == u"once")
        return 10'000;
    if (expiry == u"1h")
        return 3'600'000;
    if (expiry == u"1d")
        return 86'400'000;
    if (expiry == u"1w")
        return 604'800'000;
    if (expiry == u"1m")
        return 2'592'000'000;
    if (expiry == u"forever")
        return 0;
    return std::nullopt;
}

QString AccessTokens::extractToken(QStringView header)
{
    // A leading "Bearer" (any case) followed by whitespace is dropped, then the rest is trimmed.
    constexpr QLatin1String bearer("Bearer");
    if (header.startsWith(bearer, Qt::CaseInsensitive) && header.size() > bearer.size() &&
        header.at(bearer.size()).isSpace())
        header = header.mid(bearer.size());
    return header.trimmed().toString();
}

QString AccessTokens::originHost(const QString& origin)
{
    const QUrl url(origin, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return QString();
    QString host = url.host(QUrl::FullyEncoded);
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']'); // IPv6 literal
    if (url.port() != -1)
        host += QLatin1Char(':') + QString::number(url.port());
    return host;
}

Result<IssuedToken> AccessTokens::issue(const QString& host, const QStringList& scopes, QStringView expiry,
                                        const QString& identity, const QString& icon, const QString& origin)
{
    const auto duration = durationMs(expiry);
    if (!duration)
        return Result<IssuedToken>::fail(QStringLiteral("Unknown expiry"));
    IssuedToken issued;
    issued.token = newUuidV4();
    TokenRecord& r = issued.record;
    r.host = host;
    r.origin = origin;
    r.scopes = scopes;
    r.identity = identity;
    r.icon = icon;
    r.createdMs = m_clock.nowMs();
    r.expiresMs = *duration == 0 ? 0 : r.createdMs + *duration;

    store::SqlQuery q(m_database->connection());
    // One token per host: replacing the row makes the host's previous token unknown (code 3).
    q.prepare(
        QStringLiteral("INSERT OR REPLACE INTO tokens (token_hash, host, origin, scopes, identity, icon, "
                       "created_ms, expires_ms, last_used_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)"));
    q.addBindValue(tokenHash(issued.token));
    q.addBindValue(r.host);
    q.addBindValue(r.origin);
    q.addBindValue(scopesToJson(r.scopes));
    q.addBindValue(r.identity);
    q.addBindValue(r.icon);
    q.addBindValue(r.createdMs);
    q.addBindValue(r.expiresMs);
    if (!q.exec())
        return store::writeFailed<IssuedToken>(
            QStringLiteral("Cannot store the token in %1").arg(m_database->filePath()), q.lastError(),
            m_database->filePath());
    forget([&host](const QByteArray&, const TokenRecord& cached) { return cached.host == host; });
    return Result<IssuedToken>::ok(std::move(issued));
}

std::optional<TokenRecord> AccessTokens::lookup(const QByteArray& hash) const
{
    quint64 generation = 0;
    {
        QMutexLocker lock(&m_cache->mutex);
        const auto it = m_cache->records.constFind(hash);
        if (it != m_cache->records.constEnd()) {
            // The hash table found it by hash, so timing reveals nothing about the token; the
            // final comparison is constant-time all the same (decision 7).
            const QByteArray& stored = it.key();
            if (stored.size() != hash.size() ||
                CRYPTO_memcmp(stored.constData(), hash.constData(), size_t(hash.size())) != 0)
                return std::nullopt;
            TokenRecord record = it.value();
            record.lastUsedMs = m_cache->lastUsed.value(hash, record.lastUsedMs);
            return record;
        }
        generation = m_cache->generation;
    }

    store::SqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT %1 FROM tokens WHERE token_hash = ?").arg(kRecordColumns));
    q.addBindValue(hash);
    if (!q.exec() || !q.next())
        return std::nullopt; // unknown tokens are not cached: the table decides, every time
    const QByteArray stored = q.value(8).toByteArray();
    if (stored.size() != hash.size() ||
        CRYPTO_memcmp(stored.constData(), hash.constData(), size_t(hash.size())) != 0)
        return std::nullopt;
    TokenRecord record = recordFrom(q);
    QMutexLocker lock(&m_cache->mutex);
    if (m_cache->generation == generation) // else a revoke raced this read: ask the table again next time
        m_cache->records.insert(stored, record);
    record.lastUsedMs = m_cache->lastUsed.value(hash, record.lastUsedMs);
    return record;
}

TokenCheck AccessTokens::find(QStringView authorizationHeader) const
{
    TokenCheck check;
    const QString token = extractToken(authorizationHeader);
    if (token.isEmpty()) {
        check.status = TokenStatus::NoToken;
        return check;
    }
    auto record = lookup(tokenHash(token));
    if (!record) {
        check.status = TokenStatus::InvalidToken;
        return check;
    }
    check.record = std::move(*record);
    check.status = TokenStatus::Valid;
    return check;
}

TokenCheck AccessTokens::validate(QStringView authorizationHeader, const QStringList& requiredScopes,
                                  const QString& requestOrigin)
{
    TokenCheck check;
    const QString token = extractToken(authorizationHeader);
    if (token.isEmpty()) {
        check.status = TokenStatus::NoToken;
        return check;
    }
    const QByteArray hash = tokenHash(token);
    auto record = lookup(hash);
    if (!record) {
        check.status = TokenStatus::InvalidToken;
        return check;
    }
    check.record = std::move(*record);

    // Decision 4: from a browser, a token only works for the site it was issued to.
    if (!requestOrigin.isEmpty() && originHost(requestOrigin) != check.record.host) {
        check.status = TokenStatus::InvalidToken;
        return check;
    }
    const qint64 now = m_clock.nowMs();
    if (check.record.expiresMs != 0 && check.record.expiresMs < now) {
        check.status = TokenStatus::Expired;
        return check;
    }
    for (const QString& scope : requiredScopes) {
        if (!check.record.scopes.contains(scope))
            check.missingScopes << scope;
    }
    if (!check.missingScopes.isEmpty()) {
        check.status = TokenStatus::MissingScopes;
        return check;
    }
    {
        QMutexLocker lock(&m_cache->mutex);
        m_cache->lastUsed.insert(hash, now); // written by flush()
    }
    check.record.lastUsedMs = now;
    check.status = TokenStatus::Valid;
    return check;
}

void AccessTokens::forget(const std::function<bool(const QByteArray& hash, const TokenRecord&)>& which)
{
    QMutexLocker lock(&m_cache->mutex);
    ++m_cache->generation;
    m_cache->records.removeIf([&which](const auto& it) { return which(it.key(), it.value()); });
}

Result<bool> AccessTokens::revokeByToken(QStringView authorizationHeader)
{
    const QString token = extractToken(authorizationHeader);
    if (token.isEmpty())
        return Result<bool>::ok(false);
    const QByteArray hash = tokenHash(token);
    store::SqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("DELETE FROM tokens WHERE token_hash = ?"));
    q.addBindValue(hash);
    const bool deleted = q.exec();
    forget([&hash](const QByteArray& cached, const TokenRecord&) { return cached == hash; });
    if (!deleted)
        return store::writeFailed<bool>(
            QStringLiteral("Cannot revoke the token in %1").arg(m_database->filePath()), q.lastError(),
            m_database->filePath());
    return Result<bool>::ok(q.numRowsAffected() > 0);
}

bool AccessTokens::revokeHost(const QString& host)
{
    store::SqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("DELETE FROM tokens WHERE host = ?"));
    q.addBindValue(host);
    const bool removed = q.exec() && q.numRowsAffected() > 0;
    forget([&host](const QByteArray&, const TokenRecord& cached) { return cached.host == host; });
    return removed;
}

int AccessTokens::revokeAll()
{
    store::SqlQuery q(m_database->connection());
    const int removed = q.exec(QStringLiteral("DELETE FROM tokens")) ? q.numRowsAffected() : 0;
    forget([](const QByteArray&, const TokenRecord&) { return true; });
    return removed;
}

QList<TokenRecord> AccessTokens::list() const
{
    flush(); // the sites window shows the time of last use
    QList<TokenRecord> out;
    store::SqlQuery q(m_database->connection());
    if (q.exec(QStringLiteral("SELECT %1 FROM tokens ORDER BY host").arg(kRecordColumns))) {
        while (q.next())
            out << recordFrom(q);
    }
    return out;
}

int AccessTokens::flush() const
{
    QHash<QByteArray, qint64> batch;
    {
        QMutexLocker lock(&m_cache->mutex);
        batch.swap(m_cache->lastUsed);
    }
    if (batch.isEmpty())
        return 0;
    store::SqlConnection db = m_database->connection();
    const bool inTransaction = db.transaction();
    store::SqlQuery q(db);
    // max(): a later time written by another thread's flush is never moved back.
    q.prepare(QStringLiteral("UPDATE tokens SET last_used_ms = max(last_used_ms, ?) WHERE token_hash = ?"));
    int written = 0;
    bool ok = true;
    for (auto it = batch.cbegin(); it != batch.cend() && ok; ++it) {
        q.addBindValue(it.value());
        q.addBindValue(it.key());
        ok = q.exec();
        written += ok ? 1 : 0;
    }
    if (inTransaction && !db.commit()) {
        db.rollback();
        ok = false;
    }
    if (!ok) {
        // Kept for the next flush (a busy database); a newer time of use wins.
        QMutexLocker lock(&m_cache->mutex);
        for (auto it = batch.cbegin(); it != batch.cend(); ++it) {
            qint64& pending = m_cache->lastUsed[it.key()];
            pending = std::max(pending, it.value());
        }
        return 0;
    }
    // The cached records carry the written time, so lookups after the flush still see it.
    QMutexLocker lock(&m_cache->mutex);
    for (auto it = batch.cbegin(); it != batch.cend(); ++it) {
        const auto cached = m_cache->records.find(it.key());
        if (cached != m_cache->records.end())
            cached->lastUsedMs = std::max(cached->lastUsedMs, it.value());
    }
    return written;
}

int AccessTokens::pendingCount() const
{
    QMutexLocker lock(&m_cache->mutex);
    return int(m_cache->lastUsed.size());
}

} // namespace tokenpass::access
