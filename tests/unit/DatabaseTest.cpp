#include "store/Database.h"
#include "common/TestDataDir.h"
#include "store/SqlQuery.h"

#include <QFile>

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <thread>

using namespace tokenpass;

TEST(Database, CreatesAPrivateMigratedFile)
{
    test::TestDataDir dir;
    const auto db = store::Database::open(dir.path());
    ASSERT_TRUE(db) << qPrintable(db.error());
    EXPECT_EQ((*db)->schemaVersion(), store::Database::latestSchemaVersion());
    const QString path = dir.filePath(QStringLiteral("tokenpass.sqlite"));
    EXPECT_EQ((*db)->filePath(), path);
    struct stat st
    {
    };
    ASSERT_EQ(::stat(QFile::encodeName(path).constData(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600);

    store::SqlQuery q((*db)->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA journal_mode")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("wal"));
    for (const char* table : {"tokens", "host_keys", "grants", "profile", "audit_log", "settings"}) {
        store::SqlQuery t((*db)->connection());
        EXPECT_TRUE(t.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table)))) << table;
    }
}

TEST(Database, EveryConnectionHasASmallPageCache)
{
    // Issue 19: SQLite's 2 MiB default per connection showed up as RSS under load.
    test::TestDataDir dir;
    const auto db = store::Database::open(dir.path());
    ASSERT_TRUE(db) << qPrintable(db.error());
    const auto cacheOf = [](const store::SqlConnection& connection) {
        store::SqlQuery q(connection);
        return q.exec(QStringLiteral("PRAGMA cache_size")) && q.next() ? q.value(0).toLongLong() : 0;
    };
    EXPECT_EQ(cacheOf((*db)->connection()), -store::Database::kPageCacheKiB);
    qint64 other = 0;
    std::thread([&] { other = cacheOf((*db)->connection()); }).join();
    EXPECT_EQ(other, -store::Database::kPageCacheKiB);
}

TEST(Database, ReopeningKeepsData)
{
    test::TestDataDir dir;
    {
        auto db = store::Database::open(dir.path());
        ASSERT_TRUE(db);
        store::SqlQuery q((*db)->connection());
        ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('k', 'v')")));
    }
    auto again = store::Database::open(dir.path());
    ASSERT_TRUE(again) << qPrintable(again.error());
    store::SqlQuery q((*again)->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'k'")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("v"));
}

TEST(Database, CorruptFileIsNamedAndLeftUntouched)
{
    test::TestDataDir dir;
    const QString path = dir.filePath(QStringLiteral("tokenpass.sqlite"));
    const QByteArray garbage =
        QByteArray("this is not sqlite at all, just text that fills the header.. ").repeated(40);
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(garbage);
    }
    const auto db = store::Database::open(dir.path());
    ASSERT_FALSE(db);
    EXPECT_TRUE(db.error().contains(path)) << qPrintable(db.error());
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), garbage);
}

TEST(Database, RefusesANewerSchema)
{
    test::TestDataDir dir;
    {
        auto db = store::Database::open(dir.path());
        ASSERT_TRUE(db);
        store::SqlQuery q((*db)->connection());
        ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA user_version = 999")));
    }
    const auto db = store::Database::open(dir.path());
    ASSERT_FALSE(db);
    EXPECT_TRUE(db.error().contains(QStringLiteral("newer"))) << qPrintable(db.error());
}

// Threads come and go (the server thread on restart, pool threads): a new thread must get its own
// working connection even when the OS hands it a finished thread's id; a thread's connection
// closes when the thread ends, and the Database closes the others when it goes.
TEST(Database, EachThreadGetsItsOwnConnectionClosedWhenTheThreadEnds)
{
    test::TestDataDir dir;
    const int openBefore = store::SqlConnection::openCount();
    {
        auto db = store::Database::open(dir.path());
        ASSERT_TRUE(db.isOk());
        const int openWithMain = store::SqlConnection::openCount();
        EXPECT_EQ(openWithMain, openBefore + 1); // the opening thread's
        for (int round = 0; round < 20; ++round) {
            bool worked = false;
            bool sameAgain = false;
            int openInThread = 0;
            std::thread worker([&] {
                const store::SqlConnection connection = (*db)->connection();
                sameAgain = connection.handle() == (*db)->connection().handle();
                openInThread = store::SqlConnection::openCount();
                store::SqlQuery query(connection);
                worked = query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) && query.next();
            });
            worker.join();
            ASSERT_TRUE(worked) << "round " << round;
            EXPECT_TRUE(sameAgain) << "round " << round;
            EXPECT_EQ(openInThread, openWithMain + 1) << "round " << round; // its own
            EXPECT_EQ(store::SqlConnection::openCount(), openWithMain) << "round " << round;
        }
    }
    EXPECT_EQ(store::SqlConnection::openCount(), openBefore);
}
