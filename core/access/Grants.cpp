#include "access/Grants.h"

#include "access/AccessTokens.h"
#include "store/Database.h"
#include "store/PerDatabase.h"
#include "store/SqlQuery.h"
#include "store/SqlWrite.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QVariant>

namespace tokenpass::access {

namespace {
QString policyName(SigningPolicy policy)
{
    return policy == SigningPolicy::Allow ? QStringLiteral("allow") : QStringLiteral("ask");
}

Grant grantFrom(const store::SqlQuery& q)
{
    Grant g;
    g.host = q.value(0).toString();
    for (const auto& v : QJsonDocument::fromJson(q.value(1).toString().toUtf8()).array())
        g.scopes << v.toString();
    g.duration = q.value(2).toString();
    // Anything but an explicit "allow" asks: a damaged row must not silently allow signing.
    g.policy =
        q.value(3).toString() == QLatin1String("allow") ? SigningPolicy::Allow : SigningPolicy::AskEveryTime;
    g.identity = q.value(4).toString();
    g.createdMs = q.value(5).toLongLong();
    g.expiresMs = q.value(6).toLongLong();
    return g;
}

const QString kColumns = QStringLiteral("host, scopes, duration, policy, identity, created_ms, expires_ms");
} // namespace

struct Grants::Cache
{
    mutable QMutex mutex;
    // As stored, expired or not; nullopt: no grant (an agent or a pre-grant token asks every call).
    QHash<QString, std::optional<Grant>> byHost;
    quint64 generation = 0; // bumped by every change: see AccessTokens::Cache
    // Hosts come from valid tokens only, but a long run could collect many: start again beyond this.
    static constexpr qsizetype kMaxEntries = 4096;
};

Grants::Grants(std::shared_ptr<store::Database> database, const Clock& clock)
    : m_database(std::move(database)), m_clock(clock),
      m_cache(store::sharedPerDatabase<Cache>(m_database.get()))
{}

Result<Grant> Grants::save(Grant grant)
{
    const auto duration = AccessTokens::durationMs(grant.duration);
    if (!duration)
        return Result<Grant>::fail(QStringLiteral("Unknown duration \"%1\"").arg(grant.duration));
    if (grant.host.isEmpty())
        return Result<Grant>::fail(QStringLiteral("Host is required"));
    grant.createdMs = m_clock.nowMs();
    grant.expiresMs = *duration == 0 ? 0 : grant.createdMs + *duration;

    store::SqlQuery q(m_database->connection());
    q.prepare(
        QStringLiteral("INSERT OR REPLACE INTO grants (%1) VALUES (?, ?, ?, ?, ?, ?, ?)").arg(kColumns));
    q.addBindValue(grant.host);
    q.addBindValue(QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(grant.scopes)).toJson(QJsonDocument::Compact)));
    q.addBindValue(grant.duration);
    q.addBindValue(policyName(grant.policy));
    q.addBindValue(grant.identity);
    q.addBindValue(grant.createdMs);
    q.addBindValue(grant.expiresMs);
    const bool stored = q.exec();
    forget(&grant.host); // also when the write failed: the table is the truth
    if (!stored)
        return store::writeFailed<Grant>(
            QStringLiteral("Cannot store the grant in %1").arg(m_database->filePath()), q.lastError(),
            m_database->filePath());
    return Result<Grant>::ok(std::move(grant));
}

std::optional<Grant> Grants::find(const QString& host) const
{
    std::optional<Grant> found;
    quint64 generation = 0;
    {
        QMutexLocker lock(&m_cache->mutex);
        const auto it = m_cache->byHost.constFind(host);
        if (it != m_cache->byHost.constEnd()) {
            if (!it.value())
                return std::nullopt;
            found = it.value();
        }
        generation = m_cache->generation;
    }
    if (!found) {
        store::SqlQuery q(m_database->connection());
        q.prepare(QStringLiteral("SELECT %1 FROM grants WHERE host = ?").arg(kColumns));
        q.addBindValue(host);
        if (!q.exec())
            return std::nullopt; // not remembered: the next call reads the table again
        if (q.next())
            found = grantFrom(q);
        QMutexLocker lock(&m_cache->mutex);
        if (m_cache->generation == generation) { // else a change raced this read; ask the table next time
            if (m_cache->byHost.size() >= Cache::kMaxEntries)
                m_cache->byHost.clear();
            m_cache->byHost.insert(host, found);
        }
        if (!found)
            return std::nullopt;
    }
    if (found->expiresMs != 0 && found->expiresMs < m_clock.nowMs())
        return std::nullopt;
    return found;
}

bool Grants::remove(const QString& host)
{
    store::SqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("DELETE FROM grants WHERE host = ?"));
    q.addBindValue(host);
    const bool removed = q.exec() && q.numRowsAffected() > 0;
    forget(&host);
    return removed;
}

int Grants::removeAll()
{
    store::SqlQuery q(m_database->connection());
    const int removed = q.exec(QStringLiteral("DELETE FROM grants")) ? q.numRowsAffected() : 0;
    forget(nullptr);
    return removed;
}

void Grants::forget(const QString* host)
{
    QMutexLocker lock(&m_cache->mutex);
    ++m_cache->generation;
    if (host)
        m_cache->byHost.remove(*host);
    else
        m_cache->byHost.clear();
}

QList<Grant> Grants::list() const
{
    QList<Grant> out;
    store::SqlQuery q(m_database->connection());
    if (q.exec(QStringLiteral("SELECT %1 FROM grants ORDER BY host").arg(kColumns))) {
        while (q.next())
            out << grantFrom(q);
    }
    return out;
}

} // namespace tokenpass::access
