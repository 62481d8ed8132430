// store::SpendingAllowances (issue 17): the rolling 24-hour window, atomic holds under
// concurrency, release on failure, 0 = no allowance, revoke, and the schema-v5 tables on a real
// temporary database with the manual clock.

#include "store/SpendingAllowances.h"

#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "store/Database.h"
#include "store/SqlQuery.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

using namespace tokenpass;
using store::SpendingAllowances;

namespace {

const QString kShop = QStringLiteral("shop.example");
const QString kOther = QStringLiteral("other.example");

class SpendingAllowancesTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db.isOk()) << qPrintable(db.error());
        m_db = *db;
        m_allowances = std::make_unique<SpendingAllowances>(m_db, m_clock);
    }

    int spendRows() const
    {
        store::SqlQuery q(m_db->connection());
        q.exec(QStringLiteral("SELECT COUNT(*) FROM allowance_spends"));
        return q.next() ? q.value(0).toInt() : -1;
    }

    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::shared_ptr<store::Database> m_db;
    std::unique_ptr<SpendingAllowances> m_allowances;
};

} // namespace

TEST_F(SpendingAllowancesTest, ZeroMeansNoAllowanceAndNothingIsEverHeld)
{
    EXPECT_EQ(m_allowances->allowance(kShop), 0u);
    EXPECT_EQ(m_allowances->reserve(kShop, 0), nullptr);
    EXPECT_EQ(m_allowances->reserve(kShop, 1), nullptr);
    ASSERT_TRUE(m_allowances->setAllowance(kShop, 5000));
    EXPECT_NE(m_allowances->reserve(kShop, 1), nullptr);
    ASSERT_TRUE(m_allowances->setAllowance(kShop, 0)); // back to "always ask"
    EXPECT_EQ(m_allowances->allowance(kShop), 0u);
    EXPECT_EQ(m_allowances->reserve(kShop, 0), nullptr);
    EXPECT_FALSE(m_allowances->setAllowance(kShop, SpendingAllowances::kMaxSatoshis + 1));
    EXPECT_FALSE(m_allowances->setAllowance(QString(), 10));
}

TEST_F(SpendingAllowancesTest, SpendsCountForARollingTwentyFourHours)
{
    ASSERT_TRUE(m_allowances->setAllowance(kShop, 10000));
    auto first = m_allowances->reserve(kShop, 6000);
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->spend(QStringLiteral("aa")), 4000u);
    m_clock.advance(6LL * 60 * 60 * 1000); // 6 h later
    auto second = m_allowances->reserve(kShop, 4000);
    ASSERT_NE(second, nullptr);
    EXPECT_EQ(second->spend(QStringLiteral("bb")), 0u);
    EXPECT_EQ(m_allowances->reserve(kShop, 1), nullptr); // the allowance is used up
    EXPECT_NE(m_allowances->reserve(kShop, 0), nullptr); // a spend of nothing still fits

    // 24 h after the first spend it no longer counts; the second still does for 6 more hours.
    m_clock.advance(18LL * 60 * 60 * 1000);
    EXPECT_EQ(m_allowances->spentInWindow(kShop), 4000u);
    EXPECT_EQ(m_allowances->remaining(kShop), 6000u);
    EXPECT_EQ(m_allowances->reserve(kShop, 6001), nullptr);
    EXPECT_NE(m_allowances->reserve(kShop, 6000), nullptr);
    m_clock.advance(6LL * 60 * 60 * 1000);
    EXPECT_EQ(m_allowances->spentInWindow(kShop), 0u);
    EXPECT_EQ(m_allowances->remaining(kShop), 10000u);
    // Spends are per site.
    ASSERT_TRUE(m_allowances->setAllowance(kOther, 100));
    EXPECT_EQ(m_allowances->remaining(kOther), 100u);
}

TEST_F(SpendingAllowancesTest, AHoldCountsUntilReleasedAndAFailedSigningGivesItBack)
{
    ASSERT_TRUE(m_allowances->setAllowance(kShop, 10000));
    auto held = m_allowances->reserve(kShop, 7000);
    ASSERT_NE(held, nullptr);
    EXPECT_EQ(m_allowances->spentInWindow(kShop), 7000u);
    EXPECT_EQ(m_allowances->reserve(kShop, 3001), nullptr); // the remainder is held
    held->release();                                        // signing failed
    EXPECT_EQ(m_allowances->spentInWindow(kShop), 0u);
    EXPECT_EQ(spendRows(), 0);
    {
        auto dropped = m_allowances->reserve(kShop, 9000);
        ASSERT_NE(dropped, nullptr);
    } // dropped unspent: released
    EXPECT_EQ(m_allowances->remaining(kShop), 10000u);
    auto spent = m_allowances->reserve(kShop, 9000);
    ASSERT_NE(spent, nullptr);
    spent->spend(QStringLiteral("cc"));
    spent->release(); // after spend(), nothing to give back
    spent.reset();
    EXPECT_EQ(m_allowances->spentInWindow(kShop), 9000u);
    EXPECT_EQ(spendRows(), 1);
    // Another object over the same database (the sites window) sees the recorded spend.
    EXPECT_EQ(SpendingAllowances(m_db, m_clock).spentInWindow(kShop), 9000u);
}

TEST_F(SpendingAllowancesTest, ConcurrentRequestsNeverShareTheSameRemainder)
{
    ASSERT_TRUE(m_allowances->setAllowance(kShop, 10000));
    constexpr int kThreads = 8;
    std::atomic<int> granted{0};
    std::vector<std::shared_ptr<SpendingAllowances::Reservation>> holds(kThreads);
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
        threads.emplace_back([&, i] {
            holds[i] = m_allowances->reserve(kShop, 3000); // each fits alone; only 3 fit together
            if (holds[i])
                ++granted;
        });
    }
    for (std::thread& t : threads)
        t.join();
    EXPECT_EQ(granted.load(), 3);
    EXPECT_EQ(m_allowances->spentInWindow(kShop), 9000u);
    holds.clear();
    EXPECT_EQ(m_allowances->spentInWindow(kShop), 0u);
}

TEST_F(SpendingAllowancesTest, RevokeClearsTheAllowanceAndItsSpends)
{
    ASSERT_TRUE(m_allowances->setAllowance(kShop, 10000));
    ASSERT_TRUE(m_allowances->setAllowance(kOther, 500));
    m_allowances->reserve(kShop, 2500)->spend(QStringLiteral("dd"));
    ASSERT_TRUE(m_allowances->forget(kShop));
    EXPECT_EQ(m_allowances->allowance(kShop), 0u);
    EXPECT_EQ(m_allowances->spentInWindow(kShop), 0u);
    EXPECT_EQ(m_allowances->reserve(kShop, 0), nullptr);
    EXPECT_EQ(m_allowances->allowance(kOther), 500u);
    ASSERT_TRUE(m_allowances->forgetAll());
    EXPECT_EQ(m_allowances->allowance(kOther), 0u);
    EXPECT_EQ(spendRows(), 0);
}

TEST_F(SpendingAllowancesTest, TheAllowanceSurvivesAReopen)
{
    ASSERT_TRUE(m_allowances->setAllowance(kShop, 4321));
    m_allowances->reserve(kShop, 321)->spend(QStringLiteral("ee"));
    m_allowances.reset();
    m_db.reset();
    auto db = store::Database::open(m_dir.path());
    ASSERT_TRUE(db.isOk());
    EXPECT_GE((*db)->schemaVersion(), 5);
    SpendingAllowances reopened(*db, m_clock);
    EXPECT_EQ(reopened.allowance(kShop), 4321u);
    EXPECT_EQ(reopened.remaining(kShop), 4000u);
}
