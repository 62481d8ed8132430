// Issue 13: the audit log must not grow without bound. Real SQLite files in a temp data dir.
#include "store/AuditRetention.h"
#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "store/AuditLog.h"
#include "store/AuditPruneSchedule.h"
#include "store/Database.h"
#include "store/Settings.h"
#include "store/SqlQuery.h"

#include <QFileInfo>
#include <QHash>
#include <QVariant>

#include <gtest/gtest.h>

using namespace tokenpass;
using store::AuditLog;
using store::AuditRetention;
using store::AuditRetentionLimits;

namespace {
constexpr qint64 kDay = AuditRetention::kDayMs;

class AuditRetentionTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db) << qPrintable(db.error());
        m_db = *db;
        m_log = std::make_unique<AuditLog>(m_db, m_clock);
    }

    qint64 scalar(const QString& sql) const
    {
        store::SqlQuery q(m_db->connection());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }
    QString text(const QString& sql) const
    {
        store::SqlQuery q(m_db->connection());
        return q.exec(sql) && q.next() ? q.value(0).toString() : QString();
    }
    qint64 liveRows() const { return scalar(QStringLiteral("SELECT count(*) FROM audit_log")); }
    qint64 foldedRows() const
    {
        return scalar(QStringLiteral("SELECT coalesce(sum(entries), 0) FROM audit_daily"));
    }
    qint64 liveRows(const QString& host) const
    {
        return scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE host = '%1'").arg(host));
    }

    // One entry at the clock's time, written at once through the real write path.
    void record(const QString& host, store::AuditOperation operation = store::AuditOperation::Sign,
                store::AuditResult result = store::AuditResult::Allowed, const QString& detail = QString())
    {
        (void)m_log->appendLater(host, operation, result, detail);
    }
    void flush()
    {
        const auto written = m_log->flush();
        ASSERT_TRUE(written) << qPrintable(written.error());
    }
    AuditRetentionLimits limits(qint64 maxAgeMs, qint64 perSite, qint64 total) const
    {
        AuditRetentionLimits l;
        l.maxAgeMs = maxAgeMs;
        l.maxRowsPerSite = perSite;
        l.maxRowsTotal = total;
        return l;
    }

    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::shared_ptr<store::Database> m_db;
    std::unique_ptr<AuditLog> m_log;
};
} // namespace

TEST_F(AuditRetentionTest, RowsPastTheDefaultAgeAreFoldedIntoDailyCounts)
{
    const qint64 start = m_clock.nowMs(); // a UTC midnight
    for (int i = 0; i < 3; ++i)
        record(QStringLiteral("a.example"));
    m_clock.advance(kDay + 5000);
    record(QStringLiteral("a.example"));
    record(QStringLiteral("a.example"), store::AuditOperation::Sign, store::AuditResult::Rejected);
    m_clock.set(start + 100 * kDay);
    record(QStringLiteral("a.example"));
    flush();

    const auto report = AuditRetention(m_db, m_clock).prune(); // Settings' defaults: 90 days
    ASSERT_TRUE(report) << qPrintable(report.error());
    EXPECT_EQ(report->byAge, 5);
    EXPECT_EQ(report->bySiteCap, 0);
    EXPECT_EQ(report->byTotalCap, 0);
    EXPECT_EQ(liveRows(), 1);
    EXPECT_EQ(scalar(QStringLiteral("SELECT count(*) FROM audit_daily")), 3); // day 1 allowed, day 2 x2
    EXPECT_EQ(scalar(QStringLiteral("SELECT entries FROM audit_daily WHERE day_start_ms = %1").arg(start)),
              3);

    // "How many signatures" over the whole time: folded and live alike.
    const auto all = m_log->counts(start, start + 101 * kDay, QStringLiteral("a.example"));
    ASSERT_EQ(all.size(), 2);
    EXPECT_EQ(all[0], (store::AuditCount{QStringLiteral("a.example"), store::AuditOperation::Sign,
                                         store::AuditResult::Allowed, 5}));
    EXPECT_EQ(all[1].result, store::AuditResult::Rejected);
    EXPECT_EQ(all[1].count, 1);
    // The first day alone.
    const auto firstDay = m_log->counts(start, start + kDay);
    ASSERT_EQ(firstDay.size(), 1);
    EXPECT_EQ(firstDay[0].count, 3);
    EXPECT_TRUE(m_log->counts(start, start + 101 * kDay, QStringLiteral("b.example")).isEmpty());
}

TEST_F(AuditRetentionTest, EachSiteKeepsItsNewestRowsUpToItsCap)
{
    for (int i = 0; i < 25; ++i) {
        record(QStringLiteral("busy.example"), store::AuditOperation::Sign, store::AuditResult::Allowed,
               QString::number(i));
        m_clock.advance(1000);
    }
    for (int i = 0; i < 5; ++i)
        record(QStringLiteral("quiet.example"));
    flush();

    const auto report = AuditRetention(m_db, m_clock).prune(limits(0, 10, 0));
    ASSERT_TRUE(report) << qPrintable(report.error());
    EXPECT_EQ(report->bySiteCap, 15);
    EXPECT_EQ(liveRows(QStringLiteral("busy.example")), 10);
    EXPECT_EQ(liveRows(QStringLiteral("quiet.example")), 5);
    const auto kept = m_log->recent(QStringLiteral("busy.example"), 100);
    ASSERT_EQ(kept.size(), 10);
    EXPECT_EQ(kept.first().detail, QStringLiteral("24"));
    EXPECT_EQ(kept.last().detail, QStringLiteral("15"));
    EXPECT_EQ(foldedRows(), 15);
}

TEST_F(AuditRetentionTest, TheWholeLogKeepsItsNewestRowsUpToTheTotalCap)
{
    for (int i = 0; i < 50; ++i) {
        record(i % 2 ? QStringLiteral("odd.example") : QStringLiteral("even.example"),
               store::AuditOperation::Sign, store::AuditResult::Allowed, QString::number(i));
        m_clock.advance(10);
    }
    flush();
    const auto report = AuditRetention(m_db, m_clock).prune(limits(0, 0, 20));
    ASSERT_TRUE(report) << qPrintable(report.error());
    EXPECT_EQ(report->byTotalCap, 30);
    const auto kept = m_log->recent(100);
    ASSERT_EQ(kept.size(), 20);
    EXPECT_EQ(kept.first().detail, QStringLiteral("49"));
    EXPECT_EQ(kept.last().detail, QStringLiteral("30"));
    // A second prune finds nothing to do.
    const auto again = AuditRetention(m_db, m_clock).prune(limits(0, 0, 20));
    ASSERT_TRUE(again);
    EXPECT_EQ(again->folded(), 0);
}

TEST_F(AuditRetentionTest, FoldingKeepsEveryTotalExactlyAcrossChunks)
{
    // More rows than one chunk, so the total cap folds in several transactions.
    const QStringList hosts = {QStringLiteral("a.example"), QStringLiteral("b.example"),
                               QStringLiteral("c.example")};
    const QList<store::AuditOperation> operations = {store::AuditOperation::Sign,
                                                     store::AuditOperation::Encrypt};
    const QList<store::AuditResult> results = {store::AuditResult::Allowed, store::AuditResult::Rejected};
    const qint64 start = m_clock.nowMs();
    const int inserted = 2 * AuditRetention::kChunkRows + 5000;
    QHash<QString, qint64> expected;
    for (int i = 0; i < inserted; ++i) {
        const QString& host = hosts[(i * 7) % 3];
        const store::AuditOperation operation = operations[(i / 3) % 2];
        const store::AuditResult result = results[(i % 11) == 0 ? 1 : 0];
        m_clock.set(start + qint64(i) * 600'000); // 10 minutes apart: about 290 days in all
        record(host, operation, result);
        ++expected[host + QLatin1Char('/') + store::auditText(operation) + QLatin1Char('/') +
                   store::auditText(result)];
    }
    flush();
    ASSERT_EQ(liveRows(), inserted);

    // About 30,600 rows are over 100 days old; the 14,400 left are 4,800 per site.
    const auto report = AuditRetention(m_db, m_clock).prune(limits(100 * kDay, 4000, 5000));
    ASSERT_TRUE(report) << qPrintable(report.error());
    EXPECT_GT(report->byAge, AuditRetention::kChunkRows);
    EXPECT_GT(report->bySiteCap, 0);
    EXPECT_GT(report->byTotalCap, 0);
    EXPECT_EQ(liveRows(), 5000);
    EXPECT_EQ(foldedRows() + liveRows(), inserted);
    EXPECT_EQ(report->folded(), foldedRows());

    QHash<QString, qint64> counted;
    for (const auto& c : m_log->counts(start, m_clock.nowMs() + 1))
        counted[c.host + QLatin1Char('/') + store::auditText(c.operation) + QLatin1Char('/') +
                store::auditText(c.result)] += c.count;
    EXPECT_EQ(counted, expected);
}

TEST_F(AuditRetentionTest, PruneAndIncrementalVacuumShrinkTheFile)
{
    const QString path = m_db->filePath();
    EXPECT_EQ(scalar(QStringLiteral("PRAGMA auto_vacuum")), 2); // INCREMENTAL
    const QString detail(AuditLog::kMaxDetailLength, QLatin1Char('d'));
    for (int i = 0; i < 30000; ++i)
        record(QStringLiteral("h%1.example").arg(i % 10), store::AuditOperation::Sign,
               store::AuditResult::Allowed, detail);
    flush();
    ASSERT_GE(scalar(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")), 0);
    const qint64 before = QFileInfo(path).size();
    ASSERT_GT(before, 5 * 1024 * 1024) << "the rows should take megabytes";

    const auto report = AuditRetention(m_db, m_clock).prune(limits(0, 0, 1000));
    ASSERT_TRUE(report) << qPrintable(report.error());
    EXPECT_EQ(report->byTotalCap, 29000);
    const qint64 after = QFileInfo(path).size();
    EXPECT_LT(after, before / 10) << before << " -> " << after;
    EXPECT_EQ(scalar(QStringLiteral("PRAGMA freelist_count")), 0);
    EXPECT_EQ(text(QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
}

TEST_F(AuditRetentionTest, TheSitesWindowQueriesUseTheIndexes)
{
    const auto plan = [this](const QString& sql) {
        store::SqlQuery q(m_db->connection());
        EXPECT_TRUE(q.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + sql)) << qPrintable(sql);
        QStringList details;
        while (q.next())
            details << q.value(3).toString();
        return details.join(QLatin1String("; "));
    };
    // The statements of AuditLog::recent (store/AuditLog.cpp).
    const QString byHost =
        plan(QStringLiteral("SELECT id, time_ms, host, operation, result, detail FROM audit_log "
                            "WHERE host = 'a' ORDER BY time_ms DESC, id DESC LIMIT 50"));
    EXPECT_TRUE(byHost.contains(QLatin1String("USING INDEX audit_log_host_time (host=?)")))
        << qPrintable(byHost);
    EXPECT_FALSE(byHost.contains(QLatin1String("TEMP B-TREE"))) << qPrintable(byHost);
    const QString all = plan(QStringLiteral("SELECT id, time_ms, host, operation, result, detail FROM "
                                            "audit_log ORDER BY time_ms DESC, id DESC LIMIT 50"));
    EXPECT_TRUE(all.contains(QLatin1String("USING INDEX audit_log_time"))) << qPrintable(all);
    EXPECT_FALSE(all.contains(QLatin1String("TEMP B-TREE"))) << qPrintable(all);
    // Pruning by age walks the time index, not the table.
    const QString byAge =
        plan(QStringLiteral("SELECT id FROM audit_log WHERE time_ms < 5 ORDER BY time_ms, id LIMIT 10"));
    EXPECT_TRUE(byAge.contains(QLatin1String("audit_log_time"))) << qPrintable(byAge);
}

TEST_F(AuditRetentionTest, TheSchedulePrunesAtStartAndThenOnceADayByTheClock)
{
    ASSERT_TRUE(store::Settings(m_db).setInteger(store::Settings::Key::AuditMaxAgeDays, 1));
    record(QStringLiteral("a.example"), store::AuditOperation::Sign, store::AuditResult::Allowed,
           QStringLiteral("first"));
    flush();

    store::AuditPruneSchedule schedule(m_db, m_clock);
    schedule.start(); // the start prune runs in the background
    schedule.waitForBackground();
    const qint64 startedAt = m_clock.nowMs();
    EXPECT_EQ(schedule.lastPruneMs(), startedAt);
    EXPECT_EQ(liveRows(), 1); // not a day old yet

    m_clock.advance(23 * 60 * 60 * 1000);
    record(QStringLiteral("a.example"), store::AuditOperation::Sign, store::AuditResult::Allowed,
           QStringLiteral("second"));
    flush();
    EXPECT_FALSE(schedule.pruneIfDue()); // 23 hours: not yet
    EXPECT_EQ(schedule.lastPruneMs(), startedAt);

    m_clock.advance(60 * 60 * 1000 + 1); // a day and a millisecond after the start prune
    EXPECT_TRUE(schedule.pruneIfDue());
    EXPECT_EQ(schedule.lastPruneMs(), m_clock.nowMs());
    const auto kept = m_log->recent(10);
    ASSERT_EQ(kept.size(), 1);
    EXPECT_EQ(kept[0].detail, QStringLiteral("second"));
    EXPECT_EQ(foldedRows(), 1);
    EXPECT_FALSE(schedule.pruneIfDue()); // just pruned
}
