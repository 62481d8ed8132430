#include "store/SqlWrite.h"

#include "fs/AtomicFile.h"
#include "fs/DiskFullNotices.h"

#include <QFileInfo>

#include <QSqlQuery>

namespace tokenpass::store {

namespace {
constexpr int kSqliteFull = 13;
constexpr int kPrimaryCodeMask = 0xff; // extended codes keep the primary code in the low byte
} // namespace

Failure failureOf(const QSqlError& error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    if (ok && (code & kPrimaryCodeMask) == kSqliteFull)
        return Failure::DiskFull;
    return Failure::StorageError;
}

QString reportDiskFull(const QString& databasePath)
{
    const QString folder = QFileInfo(databasePath).absolutePath();
    fs::DiskFullNotices::instance().report(folder);
    return fs::diskFullMessage(folder);
}

WriteTransaction::WriteTransaction(const QSqlDatabase& db)
    : m_db(db), m_own(QSqlQuery(m_db).exec(QStringLiteral("BEGIN IMMEDIATE")))
{}

WriteTransaction::~WriteTransaction()
{
    if (m_own)
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
}

Result<bool> WriteTransaction::commit(const QString& failureMessage)
{
    if (!m_own)
        return Result<bool>::ok(true);
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("COMMIT"))) {
        m_own = false;
        return Result<bool>::ok(true);
    }
    // SQLite may already have rolled back (a full disk, an I/O error); the destructor's ROLLBACK
    // then fails harmlessly.
    return writeFailed<bool>(failureMessage, q.lastError(), m_db.databaseName());
}

} // namespace tokenpass::store
