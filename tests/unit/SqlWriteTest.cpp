#include "store/SqlWrite.h"

#include <gtest/gtest.h>

using namespace tokenpass;

namespace {
QSqlError sqliteError(const char* code)
{
    return QSqlError(QStringLiteral("Unable to fetch row"), QStringLiteral("database or disk is full"),
                     QSqlError::StatementError, QString::fromLatin1(code));
}
} // namespace

TEST(SqlWrite, OnlySqliteFullInAnyFormIsDiskFull)
{
    EXPECT_EQ(store::failureOf(sqliteError("13")), Failure::DiskFull);      // SQLITE_FULL
    EXPECT_EQ(store::failureOf(sqliteError("269")), Failure::DiskFull);     // 13 | 1 << 8, an extended form
    EXPECT_EQ(store::failureOf(sqliteError("10")), Failure::StorageError);  // SQLITE_IOERR
    EXPECT_EQ(store::failureOf(sqliteError("778")), Failure::StorageError); // SQLITE_IOERR_WRITE
    EXPECT_EQ(store::failureOf(sqliteError("5")), Failure::StorageError);   // SQLITE_BUSY
    // The wording never decides: no code is no "disk full", whatever the text says.
    EXPECT_EQ(store::failureOf(sqliteError("")), Failure::StorageError);
}

TEST(SqlWrite, WriteFailedKeepsTheMessageAndTheKind)
{
    const auto failed = store::writeFailed<int>(QStringLiteral("Cannot store it"), sqliteError("13"));
    EXPECT_FALSE(failed.isOk());
    EXPECT_EQ(failed.error(), QStringLiteral("Cannot store it"));
    EXPECT_EQ(failed.failure(), Failure::DiskFull);
}
