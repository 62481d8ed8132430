#include "store/AuditLog.h"
#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "store/AuditRetention.h"
#include "store/Database.h"

#include <QSqlQuery>
#include <QVariant>

#include <gtest/gtest.h>

using namespace tokenpass;
using store::AuditLog;

namespace {
class AuditLogTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db) << qPrintable(db.error());
        m_db = *db;
        m_log = std::make_unique<AuditLog>(m_db, m_clock);
    }
    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::shared_ptr<store::Database> m_db;
    std::unique_ptr<AuditLog> m_log;
};
} // namespace

TEST_F(AuditLogTest, AppendsWithClockTimeAndListsNewestFirst)
{
    const qint64 start = m_clock.nowMs();
    auto first = m_log->append(QStringLiteral("a.example"), QStringLiteral("auth"), QStringLiteral("allowed"),
                               QStringLiteral("scopes sign, encrypt; 1d"));
    ASSERT_TRUE(first) << qPrintable(first.error());
    m_clock.advance(1000);
    ASSERT_TRUE(
        m_log->append(QStringLiteral("b.example"), QStringLiteral("sign"), QStringLiteral("approved")));
    // Same millisecond: the id keeps the order.
    ASSERT_TRUE(
        m_log->append(QStringLiteral("a.example"), QStringLiteral("sign"), QStringLiteral("rejected")));

    const auto all = m_log->recent(10);
    ASSERT_EQ(all.size(), 3);
    EXPECT_EQ(all[0].host, QStringLiteral("a.example"));
    EXPECT_EQ(all[0].result, QStringLiteral("rejected"));
    EXPECT_EQ(all[1].host, QStringLiteral("b.example"));
    EXPECT_EQ(all[2].id, *first);
    EXPECT_EQ(all[2].timeMs, start);
    EXPECT_EQ(all[2].detail, QStringLiteral("scopes sign, encrypt; 1d"));
    EXPECT_EQ(all[1].timeMs, start + 1000);

    const auto a = m_log->recent(QStringLiteral("a.example"), 10);
    ASSERT_EQ(a.size(), 2);
    EXPECT_EQ(a[0].operation, QStringLiteral("sign"));
    EXPECT_EQ(a[1].operation, QStringLiteral("auth"));
}

TEST_F(AuditLogTest, LimitsAreHonoured)
{
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(m_log->append(QStringLiteral("h"), QStringLiteral("sign"), QString::number(i)));
        m_clock.advance(1);
    }
    const auto two = m_log->recent(QStringLiteral("h"), 2);
    ASSERT_EQ(two.size(), 2);
    EXPECT_EQ(two[0].result, QStringLiteral("4"));
    EXPECT_EQ(two[1].result, QStringLiteral("3"));
    EXPECT_EQ(m_log->recent(3).size(), 3);
    EXPECT_TRUE(m_log->recent(0).isEmpty());
    EXPECT_TRUE(m_log->recent(QStringLiteral("h"), -1).isEmpty());
    EXPECT_TRUE(m_log->recent(QStringLiteral("other"), 5).isEmpty());
}

TEST_F(AuditLogTest, LongDetailIsCut)
{
    const QString longDetail(1000, QLatin1Char('x'));
    ASSERT_TRUE(
        m_log->append(QStringLiteral("h"), QStringLiteral("sign"), QStringLiteral("approved"), longDetail));
    const auto entries = m_log->recent(1);
    ASSERT_EQ(entries.size(), 1);
    EXPECT_EQ(entries[0].detail.size(), AuditLog::kMaxDetailLength);
    EXPECT_TRUE(entries[0].detail.endsWith(QChar(0x2026)));
}

TEST_F(AuditLogTest, PrunedByAgeAndReopen)
{
    ASSERT_TRUE(m_log->append(QStringLiteral("h"), QStringLiteral("sign"), QStringLiteral("old")));
    m_clock.advance(10'000);
    ASSERT_TRUE(m_log->append(QStringLiteral("h"), QStringLiteral("sign"), QStringLiteral("new")));
    store::AuditRetentionLimits limits;
    limits.maxAgeMs = 5'000;
    const auto report = store::AuditRetention(m_db, m_clock).prune(limits);
    ASSERT_TRUE(report) << qPrintable(report.error());
    EXPECT_EQ(report->byAge, 1);
    m_log.reset();
    m_db.reset();
    auto db = store::Database::open(m_dir.path());
    ASSERT_TRUE(db);
    const auto entries = AuditLog(*db, m_clock).recent(10);
    ASSERT_EQ(entries.size(), 1);
    EXPECT_EQ(entries[0].result, QStringLiteral("new"));
}

TEST_F(AuditLogTest, QueuedEntriesAreWrittenInOneFlushAndSeenByEveryReader)
{
    const auto onDisk = [this] {
        QSqlQuery q(m_db->connection());
        q.exec(QStringLiteral("SELECT count(*) FROM audit_log"));
        return q.next() ? q.value(0).toInt() : -1;
    };
    EXPECT_EQ(
        m_log->appendLater(QStringLiteral("q.example"), QStringLiteral("sign"), QStringLiteral("allowed")),
        1);
    EXPECT_EQ(
        m_log->appendLater(QStringLiteral("q.example"), QStringLiteral("sign"), QStringLiteral("allowed")),
        2);
    EXPECT_EQ(onDisk(), 0);
    // Another AuditLog on the same database (the sites window) shares the queue and flushes it.
    AuditLog reader(m_db, m_clock);
    EXPECT_EQ(reader.pendingCount(), 2);
    EXPECT_EQ(reader.recent(QStringLiteral("q.example"), 10).size(), 2);
    EXPECT_EQ(onDisk(), 2);
    EXPECT_EQ(m_log->pendingCount(), 0);

    (void)m_log->appendLater(QStringLiteral("q.example"), QStringLiteral("sign"), QStringLiteral("allowed"));
    EXPECT_EQ(m_log->flush().value(), 1);
    EXPECT_EQ(m_log->flush().value(), 0);
    (void)m_log->appendLater(QStringLiteral("q.example"), QStringLiteral("sign"), QStringLiteral("allowed"));
    m_log.reset(); // the last owner writes what is left
    EXPECT_EQ(onDisk(), 4);
}

TEST_F(AuditLogTest, AFullQueueIsWrittenWithoutWaitingForTheTimer)
{
    for (int i = 0; i < AuditLog::kFlushBatch; ++i)
        (void)m_log->appendLater(QStringLiteral("b.example"), QStringLiteral("sign"),
                                 QStringLiteral("allowed"));
    EXPECT_EQ(m_log->pendingCount(), 0);
}
