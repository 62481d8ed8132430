// store::OutpointMemory (TX.md §2.3): the amount of every signed outpoint, for 90 days, kept in
// memory while the disk refuses writes.

#include "store/OutpointMemory.h"

#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "store/Database.h"
#include "store/SqlQuery.h"

#include <gtest/gtest.h>

using namespace tokenpass;
using store::OutpointMemory;

namespace {
QByteArray txid(char fill)
{
    return QByteArray(32, fill);
}
} // namespace

TEST(OutpointMemory, RemembersAmountsPerOutpointForNinetyDays)
{
    test::TestDataDir dir;
    test::ManualClock clock;
    clock.set(1'700'000'000'000);
    auto db = store::Database::open(dir.path());
    ASSERT_TRUE(db) << qPrintable(db.error());
    OutpointMemory memory(*db, clock);
    EXPECT_FALSE(memory.amount(txid('a'), 0));
    ASSERT_TRUE(memory.remember({{txid('a'), 0, 1000}, {txid('a'), 1, 2'100'000'000'000'000ULL}}));
    EXPECT_EQ(memory.amount(txid('a'), 0), 1000U);
    EXPECT_EQ(memory.amount(txid('a'), 1), 2'100'000'000'000'000ULL);
    EXPECT_FALSE(memory.amount(txid('a'), 2));
    EXPECT_FALSE(memory.amount(txid('b'), 0));
    EXPECT_EQ(memory.pendingCount(), 0);

    // Another instance on the same file (a restart) knows them too.
    OutpointMemory again(*db, clock);
    EXPECT_EQ(again.amount(txid('a'), 0), 1000U);

    clock.advance(OutpointMemory::kKeepMs - 1);
    EXPECT_EQ(memory.amount(txid('a'), 0), 1000U);
    clock.advance(2);
    EXPECT_FALSE(memory.amount(txid('a'), 0));

    // A later write forgets the old rows for good.
    ASSERT_TRUE(memory.remember({{txid('c'), 5, 7}}));
    store::SqlQuery q((*db)->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM signed_outpoints")) && q.next());
    EXPECT_EQ(q.value(0).toInt(), 1);
}
