#include "store/AuditLog.h"

#include "store/Database.h"

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

AuditLog::AuditLog(std::shared_ptr<Database> database, const Clock& clock)
    : m_database(std::move(database)), m_clock(clock)
{}

Result<qint64> AuditLog::append(const QString& host, const QString& operation, const QString& result,
                                const QString& detail)
{
    QString shortDetail = detail;
    if (shortDetail.size() > kMaxDetailLength)
        shortDetail = shortDetail.left(kMaxDetailLength - 1) + QChar(0x2026); // "…"
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral(
        "INSERT INTO audit_log (time_ms, host, operation, result, detail) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(m_clock.nowMs());
    q.addBindValue(notNull(host));
    q.addBindValue(notNull(operation));
    q.addBindValue(notNull(result));
    q.addBindValue(notNull(shortDetail));
    if (!q.exec())
        return Result<qint64>::fail(
            QStringLiteral("Cannot write the audit log in %1").arg(m_database->filePath()));
    return Result<qint64>::ok(q.lastInsertId().toLongLong());
}

QList<AuditEntry> AuditLog::recent(const QString& host, int limit) const
{
    if (limit <= 0)
        return {};
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
    QSqlQuery q(m_database->connection());
    q.prepare(
        QStringLiteral("SELECT %1 FROM audit_log ORDER BY time_ms DESC, id DESC LIMIT ?").arg(kColumns));
    q.addBindValue(limit);
    return collect(q);
}

int AuditLog::removeOlderThan(qint64 timeMs)
{
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("DELETE FROM audit_log WHERE time_ms < ?"));
    q.addBindValue(timeMs);
    return q.exec() ? q.numRowsAffected() : 0;
}

} // namespace tokenpass::store
