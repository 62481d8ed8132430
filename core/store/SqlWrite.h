#pragma once

#include "Result.h"
#include "store/SqlConnection.h"

#include <QString>

namespace tokenpass::store {

// The one place that says what kind of storage failure a failed SQLite call was: SQLITE_FULL
// (13, in any extended form) is Failure::DiskFull, anything else Failure::StorageError. Callers
// map the kind (HTTP 507, a notice), never the wording.
Failure failureOf(const SqlError& error);

// For a full disk: the words people understand (fs::diskFullMessage, naming the database's
// folder) and a tray notice (fs::DiskFullNotices), whichever write it was.
QString reportDiskFull(const QString& databasePath);

// A failed write: the caller's message, the kind from the SQLite error; a full disk is said as
// the file layer says it, so the API answers every full disk alike (507).
template <typename T>
Result<T> writeFailed(const QString& message, const SqlError& error, const QString& databasePath = {})
{
    const Failure kind = failureOf(error);
    if (kind == Failure::DiskFull && !databasePath.isEmpty())
        return Result<T>::fail(reportDiskFull(databasePath), kind);
    return Result<T>::fail(message, kind);
}

// BEGIN IMMEDIATE takes the write lock before any read, so a read-modify-write cannot lose
// another connection's update or deadlock on the lock upgrade. Inside a caller's transaction
// (the legacy import) the BEGIN fails and the caller's transaction covers the work. Anything not
// committed is rolled back when it goes, so a failed write (a full disk) leaves nothing behind.
class WriteTransaction
{
public:
    explicit WriteTransaction(const SqlConnection& db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    // False when BEGIN failed: inside a caller's transaction, or the lock could not be had.
    bool owned() const { return m_own; }
    // COMMIT as a query, so its SQLite error code (which may say "disk full") reaches the caller.
    // A failed COMMIT is rolled back.
    Result<bool> commit(const QString& failureMessage);

private:
    SqlConnection m_db;
    bool m_own;
};

} // namespace tokenpass::store
