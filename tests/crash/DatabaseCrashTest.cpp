// Kills a writer process (SIGKILL) at random moments while it issues tokens, saves grants and
// writes profile records into tokenpass.sqlite, then checks that the database passes
// PRAGMA integrity_check and that every row is the whole old or the whole new one (issue 8,
// "Crash safety"). TOKENPASS_CRASH_KILLS sets the kills per scenario.

#include "CrashHarness.h"
#include "CrashRows.h"

#include "common/TestDataDir.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <functional>

using namespace tokenpass;

namespace {

constexpr int kDefaultKills = 50;

QStringList tokenKeys(long n)
{
    const QString host = crash::grantFor(n).host;
    return {QStringLiteral("token:") + host, QStringLiteral("grant:") + host};
}

QStringList profileKeys(long n)
{
    return {QStringLiteral("profile:global"), QStringLiteral("profile:") + crash::siteFor(n)};
}

// Runs `kills` rounds of `mode`. Each round continues the numbering where the last one stopped,
// so every row on disk can be matched against the last committed write that touched it.
void killRounds(const QString& mode, const QString& dir, int kills,
                const std::function<QHash<QString, long>(const QString&)>& readRows,
                const std::function<QStringList(long)>& keysOf, long& writes)
{
    crash::RowTracker tracker;
    long next = 1;
    for (int i = 0; i < kills; ++i) {
        const auto run = crash::runAndKill({mode, dir, QString::number(next)});
        ASSERT_TRUE(run.errors.isEmpty()) << qPrintable(run.errors);
        ASSERT_GE(run.last, next) << "the writer never completed a write";
        for (long n = next; n <= run.last; ++n)
            tracker.commit(keysOf(n), n);
        const QString broken = crash::databaseProblem(dir);
        ASSERT_TRUE(broken.isEmpty()) << "after kill " << i << ": " << qPrintable(broken);
        const auto rows = readRows(dir);
        const long inFlight = run.last + 1;
        const QString problem = tracker.problem(rows, keysOf(inFlight), inFlight);
        ASSERT_TRUE(problem.isEmpty()) << "after kill " << i << ": " << qPrintable(problem);
        tracker.adoptInFlight(rows, keysOf(inFlight), inFlight);
        writes += run.last - next + 1;
        next = inFlight + 1;
    }
}

} // namespace

TEST(DatabaseCrash, TokenAndGrantRowsAreOldOrNewNeverTorn)
{
    test::TestDataDir dir;
    const int kills = crash::killsPerScenario(kDefaultKills);
    long writes = 0;
    killRounds(QStringLiteral("tokens"), dir.path(), kills, crash::tokenAndGrantRows, tokenKeys, writes);
    std::printf("[ crash    ] tokens + grants: %d kills, %ld committed writes\n", kills, writes);
}

TEST(DatabaseCrash, ProfileRecordsAreOldOrNewNeverTorn)
{
    test::TestDataDir dir;
    const int kills = crash::killsPerScenario(kDefaultKills);
    long writes = 0;
    killRounds(QStringLiteral("profile"), dir.path(), kills, crash::profileRows, profileKeys, writes);
    std::printf("[ crash    ] profile records: %d kills, %ld committed writes\n", kills, writes);
}

// The row check must be able to fail: a writer that stores one profile field per transaction
// leaves a record whose fields name different writes, and that is caught.
TEST(DatabaseCrash, CheckCatchesAProfileWrittenOneFieldAtATime)
{
    test::TestDataDir dir;
    crash::RowTracker tracker;
    long next = 1;
    int kills = 0;
    QString caught;
    while (caught.isEmpty() && kills < 40) {
        const auto run =
            crash::runAndKill({QStringLiteral("profile-split"), dir.path(), QString::number(next)});
        ASSERT_TRUE(run.errors.isEmpty()) << qPrintable(run.errors);
        ++kills;
        for (long n = next; n <= run.last; ++n)
            tracker.commit({QStringLiteral("profile:global")}, n);
        const auto rows = crash::profileRows(dir.path());
        caught = tracker.problem(rows, {QStringLiteral("profile:global")}, run.last + 1);
        tracker.adoptInFlight(rows, {QStringLiteral("profile:global")}, run.last + 1);
        next = run.last + 2;
    }
    EXPECT_FALSE(caught.isEmpty()) << "40 kills of a field-by-field writer never left a torn record";
    std::printf("[ crash    ] field-by-field writer caught after %d kill(s): %s\n", kills,
                qPrintable(caught));
}
