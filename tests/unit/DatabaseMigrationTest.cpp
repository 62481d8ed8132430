// Forward-only migrations (DESIGN.md "Storage"): a file of an earlier schema opens with its rows.
#include "common/TestDataDir.h"
#include "store/AuditLog.h"
#include "store/Database.h"
#include "store/SqlQuery.h"

#include <QDir>
#include <QVariant>

#include <gtest/gtest.h>

using namespace tokenpass;

namespace {
// Schema 1 as released (store/Database.cpp, first entry), with some rows in it.
void writeSchemaOneFile(const QString& path)
{
    {
        const auto db = store::SqlConnection::open(path, 5000);
        ASSERT_TRUE(db.isOpen());
        const QStringList steps = {
            QStringLiteral("PRAGMA journal_mode = WAL"),
            QStringLiteral(
                "CREATE TABLE tokens (token_hash BLOB PRIMARY KEY, host TEXT NOT NULL UNIQUE, origin TEXT "
                "NOT NULL DEFAULT '', scopes TEXT NOT NULL DEFAULT '[]', identity TEXT NOT NULL DEFAULT '', "
                "icon TEXT NOT NULL DEFAULT '', created_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL, "
                "last_used_ms INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral(
                "CREATE TABLE host_keys (host TEXT PRIMARY KEY, invoice TEXT NOT NULL, pub TEXT NOT NULL, "
                "address TEXT NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE grants (host TEXT PRIMARY KEY, scopes TEXT NOT NULL DEFAULT '[]', duration "
                "TEXT NOT NULL, policy TEXT NOT NULL CHECK (policy IN ('allow', 'ask')), identity TEXT NOT "
                "NULL DEFAULT '', created_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE TABLE profile (host TEXT PRIMARY KEY, record TEXT NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, time_ms INTEGER NOT NULL, "
                "host TEXT NOT NULL, operation TEXT NOT NULL, result TEXT NOT NULL, detail TEXT NOT NULL "
                "DEFAULT '')"),
            QStringLiteral("CREATE INDEX audit_log_host_time ON audit_log (host, time_ms)"),
            QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral("PRAGMA user_version = 1"),
            QStringLiteral("INSERT INTO grants (host, duration, policy, created_ms) VALUES ('g.example', "
                           "'1d', 'allow', 5)"),
            QStringLiteral("INSERT INTO settings (key, value) VALUES ('lock.idleMinutes', '7')"),
        };
        for (const QString& sql : steps)
            ASSERT_TRUE(store::SqlQuery(db).exec(sql)) << qPrintable(sql);
        store::SqlQuery insert(db);
        insert.prepare(QStringLiteral(
            "INSERT INTO audit_log (time_ms, host, operation, result) VALUES (?, ?, 'sign', 'allowed')"));
        for (int i = 0; i < 500; ++i) {
            insert.addBindValue(qint64(1767225600000) + i);
            insert.addBindValue(QStringLiteral("a.example"));
            ASSERT_TRUE(insert.exec());
        }
    } // closed with its last handle
}

qint64 scalar(const store::Database& db, const QString& sql)
{
    store::SqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}
} // namespace

TEST(DatabaseMigration, SchemaOneFileMovesToTheLatestWithEveryRow)
{
    test::TestDataDir dir;
    writeSchemaOneFile(QDir(dir.path()).filePath(QLatin1String(store::Database::kFileName)));
    if (HasFatalFailure())
        return;

    auto opened = store::Database::open(dir.path());
    ASSERT_TRUE(opened) << qPrintable(opened.error());
    const store::Database& db = **opened;
    EXPECT_EQ(db.schemaVersion(), store::Database::latestSchemaVersion());
    EXPECT_EQ(scalar(db, QStringLiteral("SELECT count(*) FROM audit_log")), 500);
    EXPECT_EQ(scalar(db, QStringLiteral("SELECT count(*) FROM grants WHERE host = 'g.example'")), 1);
    EXPECT_EQ(scalar(db, QStringLiteral("SELECT value FROM settings WHERE key = 'lock.idleMinutes'")), 7);
    EXPECT_EQ(scalar(db, QStringLiteral("SELECT count(*) FROM audit_daily")), 0);
    EXPECT_EQ(scalar(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'audit_log_time'")),
              1);
    // The one-time VACUUM switched the existing file to incremental vacuum.
    EXPECT_EQ(scalar(db, QStringLiteral("PRAGMA auto_vacuum")), 2);
    store::SqlQuery mode(db.connection());
    ASSERT_TRUE(mode.exec(QStringLiteral("PRAGMA journal_mode")) && mode.next());
    EXPECT_EQ(mode.value(0).toString(), QStringLiteral("wal"));
    mode.finish();

    // The migrated log still works, old rows included.
    store::AuditLog log(*opened);
    EXPECT_EQ(log.recent(QStringLiteral("a.example"), 1000).size(), 500);
}
