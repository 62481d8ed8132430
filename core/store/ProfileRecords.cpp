#include "store/ProfileRecords.h"

#include "store/Database.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace tokenpass::store {

namespace {
// BEGIN IMMEDIATE takes the write lock before the read, so a read-modify-write cannot lose
// another connection's update or deadlock on the lock upgrade. Inside a caller's transaction
// (the legacy import) the BEGIN fails and the caller's transaction covers the work.
class WriteTransaction
{
public:
    explicit WriteTransaction(const QSqlDatabase& db)
        : m_db(db), m_own(QSqlQuery(m_db).exec(QStringLiteral("BEGIN IMMEDIATE")))
    {}
    ~WriteTransaction()
    {
        if (m_own)
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
    }
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;
    bool commit()
    {
        if (!m_own)
            return true;
        m_own = false;
        return QSqlQuery(m_db).exec(QStringLiteral("COMMIT"));
    }

private:
    QSqlDatabase m_db;
    bool m_own;
};

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
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT record FROM profile WHERE host = ?"));
    q.addBindValue(host);
    if (!q.exec() || !q.next())
        return QJsonObject();
    return parseRecord(q.value(0).toString());
}

bool ProfileRecords::contains(const QString& host) const
{
    QSqlQuery q(m_database->connection());
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
    if (stored && !transaction.commit())
        return Result<QJsonObject>::fail(
            QStringLiteral("Cannot store the %1 profile record in %2").arg(host, m_database->filePath()));
    return stored;
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
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO profile (host, record) VALUES (?, ?)"));
    q.addBindValue(host);
    q.addBindValue(QString::fromUtf8(QJsonDocument(cleaned).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return Result<QJsonObject>::fail(
            QStringLiteral("Cannot store the %1 profile record in %2").arg(host, m_database->filePath()));
    return Result<QJsonObject>::ok(cleaned);
}

bool ProfileRecords::remove(const QString& host)
{
    QSqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("DELETE FROM profile WHERE host = ?"));
    q.addBindValue(host);
    return q.exec() && q.numRowsAffected() > 0;
}

QList<QJsonObject> ProfileRecords::list() const
{
    QList<QJsonObject> out;
    QSqlQuery q(m_database->connection());
    if (q.exec(QStringLiteral("SELECT record FROM profile ORDER BY host"))) {
        while (q.next())
            out << parseRecord(q.value(0).toString());
    }
    return out;
}

} // namespace tokenpass::store
