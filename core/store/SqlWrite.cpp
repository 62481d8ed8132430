#include "store/SqlWrite.h"

#include "fs/AtomicFile.h"
#include "fs/DiskFullNotices.h"

#include "store/SqlQuery.h"

#include <QFileInfo>

namespace tokenpass::store {

namespace {
constexpr int kSqliteFull = 13; // SQLITE_FULL
} // namespace

Failure failureOf(const SqlError& error)
{
    if (error.isValid() && error.primaryCode() == kSqliteFull)
        return Failure::DiskFull;
    return Failure::StorageError;
}

QString reportDiskFull(const QString& databasePath)
{
    const QString folder = QFileInfo(databasePath).absolutePath();
    fs::DiskFullNotices::instance().report(folder);
    return fs::diskFullMessage(folder);
}

WriteTransaction::WriteTransaction(const SqlConnection& db)
    : m_db(db), m_own(SqlQuery(m_db).exec(QStringLiteral("BEGIN IMMEDIATE")))
{}

WriteTransaction::~WriteTransaction()
{
    if (m_own)
        SqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
}

Result<bool> WriteTransaction::commit(const QString& failureMessage)
{
    if (!m_own)
        return Result<bool>::ok(true);
    SqlQuery q(m_db);
    if (q.exec(QStringLiteral("COMMIT"))) {
        m_own = false;
        return Result<bool>::ok(true);
    }
    // SQLite may already have rolled back (a full disk, an I/O error); the destructor's ROLLBACK
    // then fails harmlessly.
    return writeFailed<bool>(failureMessage, q.lastError(), m_db.databaseName());
}

} // namespace tokenpass::store
