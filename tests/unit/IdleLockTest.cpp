#include "wallet/IdleLock.h"

#include "common/ManualClock.h"

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using tokenpass::test::ManualClock;
using tokenpass::wallet::IdleLock;

namespace {
constexpr qint64 kMinute = 60000;
}

TEST(IdleLock, FiresOnceAfterTheIdleMinutesAndAgainOnlyAfterNewActivity)
{
    ManualClock clock;
    IdleLock idle(clock);
    idle.setIdleMinutes(30);
    QSignalSpy fired(&idle, &IdleLock::idle);

    clock.advance(29 * kMinute);
    idle.check();
    EXPECT_EQ(fired.count(), 0);
    idle.touch(); // an API call or a key press
    clock.advance(29 * kMinute);
    idle.check();
    EXPECT_EQ(fired.count(), 0);
    clock.advance(1 * kMinute);
    idle.check();
    EXPECT_EQ(fired.count(), 1);
    clock.advance(60 * kMinute);
    idle.check();
    EXPECT_EQ(fired.count(), 1); // once per idle stretch

    idle.touch();
    clock.advance(30 * kMinute);
    idle.check();
    EXPECT_EQ(fired.count(), 2);
}

TEST(IdleLock, ZeroMinutesNeverLocks)
{
    ManualClock clock;
    IdleLock idle(clock);
    idle.setIdleMinutes(0);
    QSignalSpy fired(&idle, &IdleLock::idle);
    clock.advance(100000 * kMinute);
    idle.check();
    EXPECT_EQ(fired.count(), 0);
}

TEST(IdleLock, TheSourceIsReadAtEveryCheck)
{
    ManualClock clock;
    IdleLock idle(clock);
    qint64 setting = 30;
    idle.setIdleMinutesSource([&] { return setting; });
    QSignalSpy fired(&idle, &IdleLock::idle);
    clock.advance(10 * kMinute);
    idle.check();
    EXPECT_EQ(fired.count(), 0);
    setting = 5; // the person changed it in Settings
    idle.check();
    EXPECT_EQ(fired.count(), 1);
}

TEST(IdleLock, TheTimerChecksByItself)
{
    ManualClock clock;
    IdleLock idle(clock, 10);
    EXPECT_EQ(idle.checkIntervalMs(), 10);
    idle.setIdleMinutes(1);
    QSignalSpy fired(&idle, &IdleLock::idle);
    clock.advance(kMinute);
    EXPECT_TRUE(QTest::qWaitFor([&] { return fired.count() == 1; }, 2000));
}

TEST(IdleLock, StopsWatchingWhenToldAndStartsAgain)
{
    ManualClock clock;
    IdleLock idle(clock, 10);
    idle.setIdleMinutes(1);
    QSignalSpy fired(&idle, &IdleLock::idle);
    idle.setWatching(false); // the wallet locked: no timer, no wake-ups
    EXPECT_FALSE(idle.isWatching());
    clock.advance(kMinute);
    QTest::qWait(100);
    EXPECT_EQ(fired.count(), 0);
    idle.setWatching(true);
    EXPECT_TRUE(idle.isWatching());
    EXPECT_TRUE(QTest::qWaitFor([&] { return fired.count() == 1; }, 2000));
}
