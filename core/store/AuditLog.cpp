#include "store/AuditLog.h"

#include "store/Database.h"
#include "store/PerDatabase.h"

#include <QMutex>
#include <QSqlQuery>
#include <QVariant>

namespace tokenpass::store {

namespace {
// A null QString binds as SQL NULL, which the NOT NULL columns refuse; absent means empty here.
QString notNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

const QString kColumns = QStringLiteral("id, time_ms, host, operation, result, detail");

AuditEntry entryFrom(const QSqlQuery& q)
{
    AuditEntry e;
    e.id = q.value(0).toLongLong();
    e.timeMs = q.value(1).toLongLong();
    e.host = q.value(2).toString();
    e.operation = q.value(3).toString();
    e.result = q.value(4).toString();
    e.detail = q.value(5).toString();
    return e;
}

QList<AuditEntry> collect(QSqlQuery& q)
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
};

namespace {
const QString kInsert =
    QStringLiteral("INSERT INTO audit_log (time_ms, host, operation, result, detail) VALUES (?, ?, ?, ?, ?)");

bool insert(QSqlQuery& q, const AuditEntry& e)
{
    q.addBindValue(e.timeMs);
    q.addBindValue(notNull(e.host));
    q.addBindValue(notNull(e.operation));
    q.addBindValue(notNull(e.result));
    q.addBindValue(notNull(e.detail));
    return q.exec();
}
} // namespace

AuditLog::AuditLog(std::shared_ptr<Database> database, const Clock& clock)
    : m_database(std::move(database)), m_clock(clock), m_queue(sharedPerDatabase<Queue>(m_database.get()))
{}

AuditLog::~AuditLog()
{
    flush(); // the last owner of the queue must not drop it; the others find it empty or short
}

AuditEntry AuditLog::entry(const QString& host, const QString& operation, const QString& result,
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

Result<qint64> AuditLog::append(const QString& host, const QString& operation, const QString& result,
                                const QString& detail)
{
    flush(); // keeps the log in time order
    QSqlQuery q(m_database->connection());
    q.prepare(kInsert);
    if (!insert(q, entry(host, operation, result, detail)))
        return Result<qint64>::fail(
            QStringLiteral("Cannot write the audit log in %1").arg(m_database->filePath()));
    return Result<qint64>::ok(q.lastInsertId().toLongLong());
}

int AuditLog::appendLater(const QString& host, const QString& operation, const QString& result,
                          const QString& detail)
{
    AuditEntry e = entry(host, operation, result, detail);
    qsizetype queued = 0;
    {
        QMutexLocker lock(&m_queue->mutex);
        m_queue->entries.append(std::move(e));
        queued = m_queue->entries.size();
    }
    if (queued >= kFlushBatch)
        flush();
    return int(queued);
}

int AuditLog::flush() const
{
    QList<AuditEntry> batch;
    {
        QMutexLocker lock(&m_queue->mutex);
        batch.swap(m_queue->entries);
    }
    if (batch.isEmpty())
        return 0;
    QSqlDatabase db = m_database->connection();
    const bool inTransaction = db.transaction();
    QSqlQuery q(db);
    q.prepare(kInsert);
    qsizetype written = 0;
    while (written < batch.size() && insert(q, batch.at(written)))
        ++written;
    if (inTransaction && !db.commit()) {
        db.rollback();
        written = 0;
    }
    if (written < batch.size()) {
        // Kept for the next flush rather than lost (a busy database, a full disk).
        QMutexLocker lock(&m_queue->mutex);
        m_queue->entries = batch.mid(written) + m_queue->entries;
    }
    return int(written);
}

int AuditLog::pendingCount() const
{
    QMutexLocker lock(&m_queue->mutex);
    return int(m_queue->entries.size());
}

QList<AuditEntry> AuditLog::recent(const QString& host, int limit) const
{
    if (limit <= 0)
        return {};
    flush(); // queued entries are part of the log
    QSqlQuery q(m_database->connection());
    // id breaks ties between entries written in the same millisecond.
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
    flush(); // queued entries are part of the log
    QSqlQuery q(m_database->connection());
    q.prepare(
        QStringLiteral("SELECT %1 FROM audit_log ORDER BY time_ms DESC, id DESC LIMIT ?").arg(kColumns));
    q.addBindValue(limit);
    return collect(q);
}

int AuditLog::removeOlderThan(qint64 timeMs)
{
    flush();
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("DELETE FROM audit_log WHERE time_ms < ?"));
    q.addBindValue(timeMs);
    return q.exec() ? q.numRowsAffected() : 0;
}

} // namespace tokenpass::store
