#include "store/AuditLog.h"
#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "store/AuditRetention.h"
#include "store/Database.h"
#include "store/SqlQuery.h"

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
    auto first = m_log->append(QStringLiteral("a.example"), store::AuditOperation::Auth,
                               store::AuditResult::Allowed, QStringLiteral("scopes sign, encrypt; 1d"));
    ASSERT_TRUE(first) << qPrintable(first.error());
    m_clock.advance(1000);
    ASSERT_TRUE(m_log->append(QStringLiteral("b.example"), store::AuditOperation::Sign,
                              store::AuditResult::Approved));
    // Same millisecond: the id keeps the order.
    ASSERT_TRUE(m_log->append(QStringLiteral("a.example"), store::AuditOperation::Sign,
                              store::AuditResult::Rejected));

    const auto all = m_log->recent(10);
    ASSERT_EQ(all.size(), 3);
    EXPECT_EQ(all[0].host, QStringLiteral("a.example"));
    EXPECT_EQ(all[0].result, store::AuditResult::Rejected);
    EXPECT_EQ(all[1].host, QStringLiteral("b.example"));
    EXPECT_EQ(all[2].id, *first);
    EXPECT_EQ(all[2].timeMs, start);
    EXPECT_EQ(all[2].detail, QStringLiteral("scopes sign, encrypt; 1d"));
    EXPECT_EQ(all[1].timeMs, start + 1000);

    const auto a = m_log->recent(QStringLiteral("a.example"), 10);
    ASSERT_EQ(a.size(), 2);
    EXPECT_EQ(a[0].operation, store::AuditOperation::Sign);
    EXPECT_EQ(a[1].operation, store::AuditOperation::Auth);
}

TEST_F(AuditLogTest, LimitsAreHonoured)
{
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(m_log->append(QStringLiteral("h"), store::AuditOperation::Sign,
                                  store::AuditResult::Allowed, QString::number(i)));
        m_clock.advance(1);
    }
    const auto two = m_log->recent(QStringLiteral("h"), 2);
    ASSERT_EQ(two.size(), 2);
    EXPECT_EQ(two[0].detail, QStringLiteral("4"));
    EXPECT_EQ(two[1].detail, QStringLiteral("3"));
    EXPECT_EQ(m_log->recent(3).size(), 3);
    EXPECT_TRUE(m_log->recent(0).isEmpty());
    EXPECT_TRUE(m_log->recent(QStringLiteral("h"), -1).isEmpty());
    EXPECT_TRUE(m_log->recent(QStringLiteral("other"), 5).isEmpty());
}

TEST_F(AuditLogTest, LongDetailIsCut)
{
    const QString longDetail(1000, QLatin1Char('x'));
    ASSERT_TRUE(m_log->append(QStringLiteral("h"), store::AuditOperation::Sign, store::AuditResult::Approved,
                              longDetail));
    const auto entries = m_log->recent(1);
    ASSERT_EQ(entries.size(), 1);
    EXPECT_EQ(entries[0].detail.size(), AuditLog::kMaxDetailLength);
    EXPECT_TRUE(entries[0].detail.endsWith(QChar(0x2026)));
}

TEST_F(AuditLogTest, PrunedByAgeAndReopen)
{
    ASSERT_TRUE(m_log->append(QStringLiteral("h"), store::AuditOperation::Sign, store::AuditResult::Allowed,
                              QStringLiteral("old")));
    m_clock.advance(10'000);
    ASSERT_TRUE(m_log->append(QStringLiteral("h"), store::AuditOperation::Sign, store::AuditResult::Allowed,
                              QStringLiteral("new")));
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
    EXPECT_EQ(entries[0].detail, QStringLiteral("new"));
}

TEST_F(AuditLogTest, QueuedEntriesAreWrittenInOneFlushAndSeenByEveryReader)
{
    const auto onDisk = [this] {
        store::SqlQuery q(m_db->connection());
        q.exec(QStringLiteral("SELECT count(*) FROM audit_log"));
        return q.next() ? q.value(0).toInt() : -1;
    };
    EXPECT_EQ(m_log->appendLater(QStringLiteral("q.example"), store::AuditOperation::Sign,
                                 store::AuditResult::Allowed),
              1);
    EXPECT_EQ(m_log->appendLater(QStringLiteral("q.example"), store::AuditOperation::Sign,
                                 store::AuditResult::Allowed),
              2);
    EXPECT_EQ(onDisk(), 0);
    // Another AuditLog on the same database (the sites window) shares the queue and flushes it.
    AuditLog reader(m_db, m_clock);
    EXPECT_EQ(reader.pendingCount(), 2);
    EXPECT_EQ(reader.recent(QStringLiteral("q.example"), 10).size(), 2);
    EXPECT_EQ(onDisk(), 2);
    EXPECT_EQ(m_log->pendingCount(), 0);

    (void)m_log->appendLater(QStringLiteral("q.example"), store::AuditOperation::Sign,
                             store::AuditResult::Allowed);
    EXPECT_EQ(m_log->flush().value(), 1);
    EXPECT_EQ(m_log->flush().value(), 0);
    (void)m_log->appendLater(QStringLiteral("q.example"), store::AuditOperation::Sign,
                             store::AuditResult::Allowed);
    m_log.reset(); // the last owner writes what is left
    EXPECT_EQ(onDisk(), 4);
}

TEST_F(AuditLogTest, AFullQueueIsWrittenWithoutWaitingForTheTimer)
{
    for (int i = 0; i < AuditLog::kFlushBatch; ++i)
        (void)m_log->appendLater(QStringLiteral("b.example"), store::AuditOperation::Sign,
                                 store::AuditResult::Allowed);
    EXPECT_EQ(m_log->pendingCount(), 0);
}

// The database keeps the texts it always had (older files, the daily counts and the sites window
// read them), and a text this build does not know reads back as Unknown, not as something else.
TEST_F(AuditLogTest, EnumsAreStoredAsTheirStableTexts)
{
    ASSERT_TRUE(m_log->append(QStringLiteral("t.example"), store::AuditOperation::FriendPubkey,
                              store::AuditResult::Timeout));
    store::SqlQuery q(m_db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT operation, result FROM audit_log WHERE host = 't.example'")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("friend-pubkey"));
    EXPECT_EQ(q.value(1).toString(), QStringLiteral("timeout"));

    ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO audit_log (time_ms, host, operation, result, detail) "
                                      "VALUES (1, 'u.example', 'teleport', 'maybe', '')")));
    const auto odd = m_log->recent(QStringLiteral("u.example"), 1);
    ASSERT_EQ(odd.size(), 1);
    EXPECT_EQ(odd[0].operation, store::AuditOperation::Unknown);
    EXPECT_EQ(odd[0].result, store::AuditResult::Unknown);

    for (const auto op : {store::AuditOperation::Auth, store::AuditOperation::AuthPage,
                          store::AuditOperation::CloudSyncPull, store::AuditOperation::CreateWallet})
        EXPECT_EQ(store::auditOperationFromText(store::auditText(op)), op);
    EXPECT_EQ(store::auditText(store::AuditOperation::CloudSyncPush), QStringLiteral("cloud sync push"));
    EXPECT_EQ(store::auditResultFromText(QStringLiteral("rejected")), store::AuditResult::Rejected);
}
