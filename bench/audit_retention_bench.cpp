// Issue 13: the audit log must not grow without bound. Two measurements:
//
// 1. Sustained signing: audit entries go in as fast as the real write path takes them
//    (AuditLog::appendLater, flushed in batches like the server's WriteBehind) while a simulated
//    clock moves one second per signature (an agent signing once a second). The real
//    AuditPruneSchedule runs whenever a simulated day has passed, with small caps, and the file
//    size is printed after each: it levels off instead of growing ~87 bytes per signature.
// 2. The sites window's "recent activity" (AuditLog::recent for one site) on 1,000,000 rows,
//    target < 10 ms; also the overall list and a month's counts.
//
//   cmake --build build --target audit_retention_bench && build/bench/audit_retention_bench
//   (--signatures=N for part 1, default 2,000,000; Google Benchmark flags for part 2)

#include "store/AuditLog.h"
#include "store/AuditPruneSchedule.h"
#include "store/AuditRetention.h"
#include "store/Database.h"
#include "store/Settings.h"
#include "store/SqlQuery.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QVariant>

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdio>
#include <cstring>

using namespace tokenpass;

namespace {
class SimulatedClock final : public Clock
{
public:
    qint64 nowMs() const override { return m_now.load(); }
    void advance(qint64 ms) { m_now += ms; }

private:
    std::atomic<qint64> m_now{1767225600000}; // 2026-01-01T00:00:00Z
};

constexpr int kSites = 8;
const QString kDetail = QStringLiteral("message, 32 bytes"); // what the API writes for a signature

QString site(qint64 i)
{
    return QStringLiteral("agent%1.example").arg(i % kSites);
}

qint64 scalar(const store::Database& db, const char* sql)
{
    store::SqlQuery q(db.connection());
    return q.exec(QLatin1String(sql)) && q.next() ? q.value(0).toLongLong() : -1;
}

void sustainedSigning(qint64 signatures)
{
    QTemporaryDir dir;
    auto db = store::Database::open(dir.path()).value();
    store::Settings settings(db);
    const qint64 perSite = 20000, total = 100000;
    (void)settings.setInteger(store::Settings::Key::AuditMaxRowsPerSite, perSite);
    (void)settings.setInteger(store::Settings::Key::AuditMaxRowsTotal, total);
    SimulatedClock clock;
    store::AuditLog log(db, clock);
    store::AuditPruneSchedule schedule(db, clock);
    (void)schedule.pruneIfDue(); // the start prune

    std::printf("Sustained signing: 1 signature per simulated second over %d sites; caps %lld per site, "
                "%lld in all, 90 days; pruned once a simulated day\n",
                kSites, qlonglong(perSite), qlonglong(total));
    std::printf("%6s %12s %10s %12s %12s %10s %10s %10s %10s\n", "day", "signatures", "live rows", "folded",
                "db bytes", "free pages", "wal bytes", "inserts/s", "prune ms");
    QElapsedTimer wall;
    wall.start();
    qint64 sinceReport = 0;
    qint64 insertNs = 0;
    for (qint64 i = 1; i <= signatures; ++i) {
        QElapsedTimer t;
        t.start();
        (void)log.appendLater(site(i), store::AuditOperation::Sign, store::AuditResult::Allowed, kDetail);
        if (i % 2048 == 0) // the server flushes every 250 ms; at ~10,000/s that is ~2,500 entries
            (void)log.flush();
        insertNs += t.nsecsElapsed();
        ++sinceReport;
        clock.advance(1000);
        QElapsedTimer pruneTime;
        pruneTime.start();
        if (schedule.pruneIfDue() || i == signatures) {
            const qint64 pruneMs = pruneTime.elapsed();
            std::printf("%6lld %12lld %10lld %12lld %12lld %10lld %10lld %10.0f %10lld\n",
                        qlonglong(i / 86400), qlonglong(i), scalar(*db, "SELECT count(*) FROM audit_log"),
                        scalar(*db, "SELECT coalesce(sum(entries), 0) FROM audit_daily"),
                        qlonglong(QFileInfo(db->filePath()).size()), scalar(*db, "PRAGMA freelist_count"),
                        qlonglong(QFileInfo(db->filePath() + QStringLiteral("-wal")).size()),
                        double(sinceReport) * 1e9 / double(std::max<qint64>(insertNs, 1)),
                        qlonglong(pruneMs));
            std::fflush(stdout);
            sinceReport = 0;
            insertNs = 0;
        }
    }
    std::printf("%lld signatures in %.1f s of wall time; without retention the file would hold all of them "
                "(~87 bytes each: ~%lld MB)\n\n",
                qlonglong(signatures), double(wall.elapsed()) / 1000.0, qlonglong(signatures * 87 / 1000000));
}

// A database of 1,000,000 audit rows over 30 sites and 90 days, written once for every query.
struct MillionRows
{
    QTemporaryDir dir;
    SimulatedClock clock;
    std::shared_ptr<store::Database> db;
    std::unique_ptr<store::AuditLog> log;

    MillionRows()
    {
        db = store::Database::open(dir.path()).value();
        log = std::make_unique<store::AuditLog>(db, clock);
        const qint64 rows = 1000000;
        const qint64 stepMs = 90LL * 86400 * 1000 / rows;
        for (qint64 i = 0; i < rows; ++i) {
            (void)log->appendLater(QStringLiteral("site%1.example").arg(i % 30), store::AuditOperation::Sign,
                                   i % 17 ? store::AuditResult::Allowed : store::AuditResult::Rejected,
                                   kDetail);
            clock.advance(stepMs);
        }
        (void)log->flush();
        std::printf("1,000,000 rows: %lld bytes\n", qlonglong(QFileInfo(db->filePath()).size()));
    }
    static MillionRows& get()
    {
        static MillionRows rows;
        return rows;
    }
};
} // namespace

static void BM_RecentActivityOfOneSite_1M(benchmark::State& state)
{
    auto& m = MillionRows::get();
    for (auto _ : state)
        benchmark::DoNotOptimize(m.log->recent(QStringLiteral("site7.example"), int(state.range(0))));
}
BENCHMARK(BM_RecentActivityOfOneSite_1M)->Arg(50)->Arg(200)->Unit(benchmark::kMillisecond);

static void BM_RecentActivityOfAllSites_1M(benchmark::State& state)
{
    auto& m = MillionRows::get();
    for (auto _ : state)
        benchmark::DoNotOptimize(m.log->recent(int(state.range(0))));
}
BENCHMARK(BM_RecentActivityOfAllSites_1M)->Arg(50)->Unit(benchmark::kMillisecond);

static void BM_CountsOfOneSiteForAMonth_1M(benchmark::State& state)
{
    auto& m = MillionRows::get();
    const qint64 end = m.clock.nowMs();
    for (auto _ : state)
        benchmark::DoNotOptimize(
            m.log->counts(end - 30LL * 86400 * 1000, end, QStringLiteral("site7.example")));
}
BENCHMARK(BM_CountsOfOneSiteForAMonth_1M)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    qint64 signatures = 2000000;
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "--signatures=", 13) == 0) {
            signatures = QByteArray(argv[i] + 13).toLongLong();
            argv[i] = argv[--argc]; // not a Google Benchmark flag
            --i;
        }
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    if (signatures > 0)
        sustainedSigning(signatures);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
