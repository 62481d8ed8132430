#include "store/SqlWrite.h"

#include <gtest/gtest.h>

using namespace tokenpass;

namespace {
store::SqlError sqliteError(int code)
{
    return store::SqlError{code, QStringLiteral("database or disk is full")};
}
} // namespace

TEST(SqlWrite, OnlySqliteFullInAnyFormIsDiskFull)
{
    EXPECT_EQ(store::failureOf(sqliteError(13)), Failure::DiskFull);      // SQLITE_FULL
    EXPECT_EQ(store::failureOf(sqliteError(269)), Failure::DiskFull);     // 13 | 1 << 8, an extended form
    EXPECT_EQ(store::failureOf(sqliteError(10)), Failure::StorageError);  // SQLITE_IOERR
    EXPECT_EQ(store::failureOf(sqliteError(778)), Failure::StorageError); // SQLITE_IOERR_WRITE
    EXPECT_EQ(store::failureOf(sqliteError(5)), Failure::StorageError);   // SQLITE_BUSY
    // The wording never decides: no code is no "disk full", whatever the text says.
    EXPECT_EQ(store::failureOf(sqliteError(0)), Failure::StorageError);
}

TEST(SqlWrite, WriteFailedKeepsTheMessageAndTheKind)
{
    const auto failed = store::writeFailed<int>(QStringLiteral("Cannot store it"), sqliteError(13));
    EXPECT_FALSE(failed.isOk());
    EXPECT_EQ(failed.error(), QStringLiteral("Cannot store it"));
    EXPECT_EQ(failed.failure(), Failure::DiskFull);
}
