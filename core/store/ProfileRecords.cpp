#include "store/ProfileRecords.h"

#include "store/Database.h"
#include "store/SqlQuery.h"
#include "store/SqlWrite.h"

#include <QJsonDocument>
#include <QVariant>

namespace tokenpass::store {

namespace {
QJsonObject parseRecord(const QString& json)
{
    // A damaged row reads as an empty record rather than failing the whole /api/status.
    return QJsonDocument::fromJson(json.toUtf8()).object();
}
} // namespace

ProfileRecords::ProfileRecords(std::shared_ptr<Database> database) : m_database(std::move(database)) {}

QJsonObject ProfileRecords::clean(const QString& host, QJsonObject record)
{
    record.remove(QLatin1String("_id"));
    record.remove(QLatin1String("accessToken"));
    record.insert(QLatin1String("host"), host);
    return record;
}

QJsonObject ProfileRecords::get(const QString& host) const
{
    SqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT record FROM profile WHERE host = ?"));
    q.addBindValue(host);
    if (!q.exec() || !q.next())
        return QJsonObject();
    return parseRecord(q.value(0).toString());
}

bool ProfileRecords::contains(const QString& host) const
{
    SqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT 1 FROM profile WHERE host = ?"));
    q.addBindValue(host);
    return q.exec() && q.next();
}

Result<QJsonObject> ProfileRecords::merge(const QString& host, const QJsonObject& fields, Merge mode)
{
    if (host.isEmpty())
        return Result<QJsonObject>::fail(QStringLiteral("Host is required"));
    // Read and write in one transaction so two threads merging different fields keep both.
    WriteTransaction transaction(m_database->connection());
    QJsonObject record = get(host);
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (mode == Merge::KeepExisting && record.contains(it.key()))
            continue;
        record.insert(it.key(), it.value());
    }
    auto stored = store(host, record);
    if (!stored)
        return stored; // rolled back with the transaction
    const auto committed = transaction.commit(
        QStringLiteral("Cannot store the %1 profile record in %2").arg(host, m_database->filePath()));
    return committed ? stored : Result<QJsonObject>::failFrom(committed);
}

Result<QJsonObject> ProfileRecords::replace(const QString& host, const QJsonObject& record)
{
    if (host.isEmpty())
        return Result<QJsonObject>::fail(QStringLiteral("Host is required"));
    return store(host, record);
}

Result<QJsonObject> ProfileRecords::store(const QString& host, const QJsonObject& record)
{
    const QJsonObject cleaned = clean(host, record);
    SqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO profile (host, record) VALUES (?, ?)"));
    q.addBindValue(host);
    q.addBindValue(QString::fromUtf8(QJsonDocument(cleaned).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return writeFailed<QJsonObject>(
            QStringLiteral("Cannot store the %1 profile record in %2").arg(host, m_database->filePath()),
            q.lastError(), m_database->filePath());
    return Result<QJsonObject>::ok(cleaned);
}

bool ProfileRecords::remove(const QString& host)
{
    SqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("DELETE FROM profile WHERE host = ?"));
    q.addBindValue(host);
    return q.exec() && q.numRowsAffected() > 0;
}

QList<QJsonObject> ProfileRecords::list() const
{
    QList<QJsonObject> out;
    SqlQuery q(m_database->connection());
    if (q.exec(QStringLiteral("SELECT record FROM profile ORDER BY host"))) {
        while (q.next())
            out << parseRecord(q.value(0).toString());
    }
    return out;
}

} // namespace tokenpass::store
