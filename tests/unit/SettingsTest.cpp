#include "store/Settings.h"
#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "store/Database.h"
#include "store/SqlQuery.h"
#include "store/UnlockBackoff.h"

#include <QSet>

#include <gtest/gtest.h>

#include <limits>

using namespace tokenpass;
using store::Settings;
using store::UnlockBackoff;
using Key = Settings::Key;

namespace {
class SettingsTest : public ::testing::Test
{
protected:
    void SetUp() override { reopen(); }
    void reopen()
    {
        m_db.reset();
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db) << qPrintable(db.error());
        m_db = *db;
    }
    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::shared_ptr<store::Database> m_db;
};

const QList<Key> kAllKeys = {Key::IdleLockMinutes,     Key::UnlockWithKeychain, Key::BapProfileUrl,
                             Key::SyncServerUrl,       Key::UnlockFailureCount, Key::UnlockNextAllowedMs,
                             Key::LegacyImportDoneMs,  Key::LockOnScreenLock,   Key::NotifySignatures,
                             Key::OriginWhitelist,     Key::ListenPort,         Key::AuditMaxAgeDays,
                             Key::AuditMaxRowsPerSite, Key::AuditMaxRowsTotal,  Key::Language};
} // namespace

TEST_F(SettingsTest, DefaultsWhenUnset)
{
    Settings s(m_db);
    EXPECT_EQ(s.integer(Key::IdleLockMinutes), 30);
    EXPECT_FALSE(s.boolean(Key::UnlockWithKeychain));
    EXPECT_EQ(s.string(Key::SyncServerUrl), QStringLiteral("https://auth.sigmaidentity.com"));
    EXPECT_EQ(s.integer(Key::LegacyImportDoneMs), 0);
    EXPECT_FALSE(s.isSet(Key::IdleLockMinutes));
    // Issue 6: screen lock locks and signatures notify unless the person turns them off.
    EXPECT_TRUE(s.boolean(Key::LockOnScreenLock));
    EXPECT_TRUE(s.boolean(Key::NotifySignatures));
    EXPECT_TRUE(s.string(Key::OriginWhitelist).isEmpty());
    EXPECT_EQ(s.integer(Key::ListenPort), 21000);
    // Issue 13: audit retention.
    EXPECT_EQ(s.integer(Key::AuditMaxAgeDays), 90);
    EXPECT_EQ(s.integer(Key::AuditMaxRowsPerSite), 100000);
    EXPECT_EQ(s.integer(Key::AuditMaxRowsTotal), 1000000);
}

TEST_F(SettingsTest, KeyNamesAreUniqueAndDefaultsMatchTypes)
{
    QSet<QString> names;
    for (Key key : kAllKeys) {
        const auto d = Settings::definition(key);
        EXPECT_FALSE(names.contains(QLatin1String(d.name))) << d.name;
        names.insert(QLatin1String(d.name));
        switch (d.type) {
        case Settings::Type::Integer:
            EXPECT_EQ(d.defaultValue.typeId(), QMetaType::LongLong) << d.name;
            break;
        case Settings::Type::Boolean:
            EXPECT_EQ(d.defaultValue.typeId(), QMetaType::Bool) << d.name;
            break;
        case Settings::Type::String:
            EXPECT_EQ(d.defaultValue.typeId(), QMetaType::QString) << d.name;
            break;
        }
    }
    EXPECT_EQ(names.size(), kAllKeys.size());
}

TEST_F(SettingsTest, TypedRoundTripSurvivesReopen)
{
    {
        Settings s(m_db);
        ASSERT_TRUE(s.setInteger(Key::IdleLockMinutes, 5));
        ASSERT_TRUE(s.setBoolean(Key::UnlockWithKeychain, true));
        ASSERT_TRUE(s.setString(Key::BapProfileUrl, QStringLiteral("http://127.0.0.1:9999")));
        ASSERT_TRUE(s.setInteger(Key::LegacyImportDoneMs, 1767225600123));
    }
    reopen();
    Settings s(m_db);
    EXPECT_EQ(s.integer(Key::IdleLockMinutes), 5);
    EXPECT_TRUE(s.boolean(Key::UnlockWithKeychain));
    EXPECT_EQ(s.string(Key::BapProfileUrl), QStringLiteral("http://127.0.0.1:9999"));
    EXPECT_EQ(s.integer(Key::LegacyImportDoneMs), 1767225600123);
    ASSERT_TRUE(s.reset(Key::IdleLockMinutes));
    EXPECT_EQ(s.integer(Key::IdleLockMinutes), 30);
}

TEST_F(SettingsTest, WrongTypeSetterWritesNothing)
{
    Settings s(m_db);
    EXPECT_FALSE(s.setString(Key::IdleLockMinutes, QStringLiteral("abc")));
    EXPECT_FALSE(s.setInteger(Key::UnlockWithKeychain, 1));
    EXPECT_FALSE(s.setBoolean(Key::SyncServerUrl, true));
    EXPECT_FALSE(s.isSet(Key::IdleLockMinutes));
}

TEST_F(SettingsTest, GarbageInTheTableReadsAsDefault)
{
    store::SqlQuery q(m_db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('lock.idleMinutes', 'ten'), "
                                      "('lock.unlockWithKeychain', 'yes')")));
    Settings s(m_db);
    EXPECT_EQ(s.integer(Key::IdleLockMinutes), 30);
    EXPECT_FALSE(s.boolean(Key::UnlockWithKeychain));
}

TEST(UnlockBackoffDelayTest, FreeAttemptsThenDoublingToFiveMinutes)
{
    EXPECT_EQ(UnlockBackoff::delayAfter(0), 0);
    EXPECT_EQ(UnlockBackoff::delayAfter(3), 0);
    EXPECT_EQ(UnlockBackoff::delayAfter(4), 1'000);
    EXPECT_EQ(UnlockBackoff::delayAfter(5), 2'000);
    EXPECT_EQ(UnlockBackoff::delayAfter(6), 4'000);
    EXPECT_EQ(UnlockBackoff::delayAfter(12), 256'000);
    EXPECT_EQ(UnlockBackoff::delayAfter(13), 300'000);
    EXPECT_EQ(UnlockBackoff::delayAfter(1'000'000), 300'000);
    EXPECT_EQ(UnlockBackoff::delayAfter(std::numeric_limits<qint64>::max()), 300'000);
}

TEST_F(SettingsTest, UnlockBackoffGrowsAndClearsOnSuccess)
{
    UnlockBackoff backoff(m_db, m_clock);
    EXPECT_EQ(backoff.msUntilAllowed(), 0);
    for (int i = 0; i < 3; ++i) {
        auto wait = backoff.recordFailure();
        ASSERT_TRUE(wait) << qPrintable(wait.error());
        EXPECT_EQ(*wait, 0);
        EXPECT_EQ(backoff.msUntilAllowed(), 0);
    }
    EXPECT_EQ(*backoff.recordFailure(), 1'000);
    EXPECT_EQ(backoff.msUntilAllowed(), 1'000);
    m_clock.advance(400);
    EXPECT_EQ(backoff.msUntilAllowed(), 600);
    m_clock.advance(600);
    EXPECT_EQ(backoff.msUntilAllowed(), 0);
    EXPECT_EQ(*backoff.recordFailure(), 2'000);
    EXPECT_EQ(backoff.failureCount(), 5);

    ASSERT_TRUE(backoff.recordSuccess());
    EXPECT_EQ(backoff.failureCount(), 0);
    EXPECT_EQ(backoff.msUntilAllowed(), 0);
    EXPECT_EQ(*backoff.recordFailure(), 0); // three free attempts again
}

TEST_F(SettingsTest, UnlockBackoffSurvivesRestart)
{
    {
        UnlockBackoff backoff(m_db, m_clock);
        for (int i = 0; i < 6; ++i)
            ASSERT_TRUE(backoff.recordFailure());
        EXPECT_EQ(backoff.msUntilAllowed(), 4'000);
    }
    reopen();
    m_clock.advance(1'500);
    UnlockBackoff backoff(m_db, m_clock);
    EXPECT_EQ(backoff.failureCount(), 6);
    EXPECT_EQ(backoff.msUntilAllowed(), 2'500);
    m_clock.advance(2'500);
    EXPECT_EQ(*backoff.recordFailure(), 8'000); // the count carried over
}

TEST_F(SettingsTest, UnlockBackoffIsCappedWhenTheClockGoesBack)
{
    UnlockBackoff backoff(m_db, m_clock);
    for (int i = 0; i < 20; ++i)
        ASSERT_TRUE(backoff.recordFailure());
    EXPECT_EQ(backoff.msUntilAllowed(), UnlockBackoff::kMaxDelayMs);
    m_clock.advance(-86'400'000); // the system clock was set back a day
    EXPECT_EQ(backoff.msUntilAllowed(), UnlockBackoff::kMaxDelayMs);
}
