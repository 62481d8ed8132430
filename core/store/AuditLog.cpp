#include "store/AuditLog.h"

#include "store/Database.h"
#include "store/PerDatabase.h"
#include "store/SqlQuery.h"
#include "store/SqlWrite.h"

#include <QMutex>
#include <QVariant>
#include <QtDebug>

namespace tokenpass::store {

namespace {
constexpr qint64 kWarningIntervalMs = 60 * 1000;

// A null QString binds as SQL NULL, which the NOT NULL columns refuse; absent means empty here.
QString notNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

const QString kColumns = QStringLiteral("id, time_ms, host, operation, result, detail");

AuditEntry entryFrom(const SqlQuery& q)
{
    AuditEntry e;
    e.id = q.value(0).toLongLong();
    e.timeMs = q.value(1).toLongLong();
    e.host = q.value(2).toString();
    e.operation = auditOperationFromText(q.value(3).toString());
    e.result = auditResultFromText(q.value(4).toString());
    e.detail = q.value(5).toString();
    return e;
}

QList<AuditEntry> collect(SqlQuery& q)
{
    QList<AuditEntry> out;
    if (q.exec()) {
        while (q.next())
            out << entryFrom(q);
    }
    return out;
}
} // namespace

struct AuditLog::Queue
{
    mutable QMutex mutex;
    QList<AuditEntry> entries;
    qint64 droppedTotal = 0;
    qint64 droppedSinceWrite = 0; // reported once the log can be written again
    qint64 noForcedFlushBeforeMs = 0;
    qint64 nextWarningMs = 0; // one line a minute while the log cannot be written

    // Caller holds the mutex.
    void dropBeyondCap()
    {
        const qsizetype excess = entries.size() - kMaxPending;
        if (excess <= 0)
            return;
        entries.remove(0, excess); // the oldest
        droppedTotal += excess;
        droppedSinceWrite += excess;
    }
};

namespace {
const QString kInsert =
    QStringLiteral("INSERT INTO audit_log (time_ms, host, operation, result, detail) VALUES (?, ?, ?, ?, ?)");

bool insert(SqlQuery& q, const AuditEntry& e)
{
    q.addBindValue(e.timeMs);
    q.addBindValue(notNull(e.host));
    q.addBindValue(auditText(e.operation));
    q.addBindValue(auditText(e.result));
    q.addBindValue(notNull(e.detail));
    return q.exec();
}
} // namespace

AuditLog::AuditLog(std::shared_ptr<Database> database, const Clock& clock)
    : m_database(std::move(database)), m_clock(clock), m_queue(sharedPerDatabase<Queue>(m_database.get()))
{}

AuditLog::~AuditLog()
{
    (void)flush(); // the last owner of the queue must not drop it; the others find it empty or short
}

AuditEntry AuditLog::entry(const QString& host, AuditOperation operation, AuditResult result,
                           const QString& detail) const
{
    AuditEntry e;
    e.timeMs = m_clock.nowMs();
    e.host = host;
    e.operation = operation;
    e.result = result;
    e.detail = detail.size() > kMaxDetailLength ? detail.left(kMaxDetailLength - 1) + QChar(0x2026) // "…"
                                                : detail;
    return e;
}

Result<qint64> AuditLog::append(const QString& host, AuditOperation operation, AuditResult result,
                                const QString& detail)
{
    (void)flush(); // keeps the log in time order; what it cannot write stays queued
    SqlQuery q(m_database->connection());
    q.prepare(kInsert);
    if (!insert(q, entry(host, operation, result, detail)))
        return writeFailed<qint64>(
            QStringLiteral("Cannot write the audit log in %1").arg(m_database->filePath()), q.lastError(),
            m_database->filePath());
    return Result<qint64>::ok(q.lastInsertId().toLongLong());
}

int AuditLog::appendLater(const QString& host, AuditOperation operation, AuditResult result,
                          const QString& detail)
{
    AuditEntry e = entry(host, operation, result, detail);
    qsizetype queued = 0;
    bool mayForceFlush = false;
    {
        QMutexLocker lock(&m_queue->mutex);
        m_queue->entries.append(std::move(e));
        m_queue->dropBeyondCap();
        queued = m_queue->entries.size();
        mayForceFlush = m_clock.nowMs() >= m_queue->noForcedFlushBeforeMs;
    }
    if (queued >= kFlushBatch && mayForceFlush)
        (void)flush();
    return int(queued);
}

Result<int> AuditLog::flush() const
{
    QList<AuditEntry> batch;
    {
        QMutexLocker lock(&m_queue->mutex);
        batch.swap(m_queue->entries);
    }
    if (batch.isEmpty())
        return Result<int>::ok(0);
    const QString failure = QStringLiteral("Cannot write the audit log in %1").arg(m_database->filePath());
    Result<bool> written = Result<bool>::ok(true);
    {
        WriteTransaction transaction(m_database->connection());
        SqlQuery q(m_database->connection());
        q.prepare(kInsert);
        for (const AuditEntry& e : std::as_const(batch)) {
            if (!insert(q, e)) {
                written = writeFailed<bool>(failure, q.lastError(),
                                            m_database->filePath()); // rolled back with the transaction
                break;
            }
        }
        if (written)
            written = transaction.commit(failure);
    }

    QMutexLocker lock(&m_queue->mutex);
    if (!written) {
        // Kept, in time order, for the next flush rather than lost; bounded all the same.
        m_queue->entries = batch + m_queue->entries;
        m_queue->dropBeyondCap();
        const qint64 now = m_clock.nowMs();
        m_queue->noForcedFlushBeforeMs = now + kRetryIntervalMs;
        if (now < m_queue->nextWarningMs)
            return Result<int>::failFrom(written);
        m_queue->nextWarningMs = now + kWarningIntervalMs;
        qWarning(
            "tokenpass: the audit log cannot be written (%s); %lld entries wait, %lld oldest dropped so far",
            written.failure() == Failure::DiskFull ? "disk full" : "storage error",
            qlonglong(m_queue->entries.size()), qlonglong(m_queue->droppedTotal));
        return Result<int>::failFrom(written);
    }
    if (m_queue->droppedSinceWrite > 0) {
        qWarning("tokenpass: the audit log is written again; %lld entries were dropped meanwhile",
                 qlonglong(m_queue->droppedSinceWrite));
        m_queue->droppedSinceWrite = 0;
    }
    m_queue->noForcedFlushBeforeMs = 0;
    m_queue->nextWarningMs = 0;
    return Result<int>::ok(int(batch.size()));
}

int AuditLog::pendingCount() const
{
    QMutexLocker lock(&m_queue->mutex);
    return int(m_queue->entries.size());
}

qint64 AuditLog::droppedCount() const
{
    QMutexLocker lock(&m_queue->mutex);
    return m_queue->droppedTotal;
}

QList<AuditEntry> AuditLog::recent(const QString& host, int limit) const
{
    if (limit <= 0)
        return {};
    (void)flush(); // queued entries are part of the log
    SqlQuery q(m_database->connection());
    // id breaks ties between entries written in the same millisecond. The (host, time_ms) index
    // gives this order directly (its rows end in the id), so the newest come first without a sort.
    q.prepare(QStringLiteral("SELECT %1 FROM audit_log WHERE host = ? ORDER BY time_ms DESC, id DESC LIMIT ?")
                  .arg(kColumns));
    q.addBindValue(notNull(host));
    q.addBindValue(limit);
    return collect(q);
}

QList<AuditEntry> AuditLog::recent(int limit) const
{
    if (limit <= 0)
        return {};
    (void)flush(); // queued entries are part of the log
    SqlQuery q(m_database->connection());
    q.prepare(
        QStringLiteral("SELECT %1 FROM audit_log ORDER BY time_ms DESC, id DESC LIMIT ?").arg(kColumns));
    q.addBindValue(limit);
    return collect(q);
}

QList<AuditCount> AuditLog::counts(qint64 fromMs, qint64 toMs, const QString& host) const
{
    (void)flush();
    // The live rows of the range plus the folded days whose midnight lies in it.
    const QString hostFilter = host.isNull() ? QStringLiteral("1") : QStringLiteral("host = ?");
    SqlQuery q(m_database->connection());
    q.prepare(QStringLiteral(R"SQL(
SELECT host, operation, result, sum(n) FROM (
    SELECT host, operation, result, count(*) AS n FROM audit_log
        WHERE time_ms >= ? AND time_ms < ? AND %1 GROUP BY host, operation, result
    UNION ALL
    SELECT host, operation, result, sum(entries) AS n FROM audit_daily
        WHERE day_start_ms >= ? AND day_start_ms < ? AND %1 GROUP BY host, operation, result
) GROUP BY host, operation, result ORDER BY host, operation, result
)SQL")
                  .arg(hostFilter));
    for (int table = 0; table < 2; ++table) { // the same filter for both halves
        q.addBindValue(fromMs);
        q.addBindValue(toMs);
        if (!host.isNull())
            q.addBindValue(host);
    }
    QList<AuditCount> out;
    if (q.exec()) {
        while (q.next())
            out << AuditCount{q.value(0).toString(), auditOperationFromText(q.value(1).toString()),
                              auditResultFromText(q.value(2).toString()), q.value(3).toLongLong()};
    }
    return out;
}

} // namespace tokenpass::store
