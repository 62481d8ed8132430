#include "store/HostKeyRecords.h"

#include "store/Database.h"
#include "store/SqlQuery.h"
#include "store/SqlWrite.h"

#include <QVariant>

namespace tokenpass::store {

namespace {
// A null QString binds as SQL NULL, which the NOT NULL columns refuse; absent means empty here.
QString notNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

HostKeyRecord recordFrom(const SqlQuery& q)
{
    HostKeyRecord r;
    r.host = q.value(0).toString();
    r.invoice = q.value(1).toString();
    r.pub = q.value(2).toString();
    r.address = q.value(3).toString();
    return r;
}
} // namespace

HostKeyRecords::HostKeyRecords(std::shared_ptr<Database> database) : m_database(std::move(database)) {}

Result<bool> HostKeyRecords::upsert(const HostKeyRecord& record)
{
    if (record.host.isEmpty())
        return Result<bool>::fail(QStringLiteral("Host is required"));
    if (record.invoice.isEmpty())
        return Result<bool>::fail(QStringLiteral("The host key of %1 has no invoice").arg(record.host));
    SqlQuery q(m_database->connection());
    q.prepare(
        QStringLiteral("INSERT OR REPLACE INTO host_keys (host, invoice, pub, address) VALUES (?, ?, ?, ?)"));
    q.addBindValue(notNull(record.host));
    q.addBindValue(notNull(record.invoice));
    q.addBindValue(notNull(record.pub));
    q.addBindValue(notNull(record.address));
    if (!q.exec())
        return writeFailed<bool>(
            QStringLiteral("Cannot store the host key of %1 in %2").arg(record.host, m_database->filePath()),
            q.lastError(), m_database->filePath());
    return Result<bool>::ok(true);
}

std::optional<HostKeyRecord> HostKeyRecords::get(const QString& host) const
{
    SqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT host, invoice, pub, address FROM host_keys WHERE host = ?"));
    q.addBindValue(host);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return recordFrom(q);
}

QList<HostKeyRecord> HostKeyRecords::list() const
{
    QList<HostKeyRecord> out;
    SqlQuery q(m_database->connection());
    if (q.exec(QStringLiteral("SELECT host, invoice, pub, address FROM host_keys ORDER BY host"))) {
        while (q.next())
            out << recordFrom(q);
    }
    return out;
}

bool HostKeyRecords::remove(const QString& host)
{
    SqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("DELETE FROM host_keys WHERE host = ?"));
    q.addBindValue(host);
    return q.exec() && q.numRowsAffected() > 0;
}

} // namespace tokenpass::store
