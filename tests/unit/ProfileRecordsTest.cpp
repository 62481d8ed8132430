#include "store/ProfileRecords.h"
#include "common/TestDataDir.h"
#include "store/Database.h"
#include "store/SqlQuery.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace tokenpass;
using store::ProfileRecords;

namespace {
class ProfileRecordsTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db) << qPrintable(db.error());
        m_db = *db;
        m_records = std::make_unique<ProfileRecords>(m_db);
    }
    QString storedJson(const QString& host)
    {
        store::SqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("SELECT record FROM profile WHERE host = ?"));
        q.addBindValue(host);
        return q.exec() && q.next() ? q.value(0).toString() : QString();
    }
    test::TestDataDir m_dir;
    std::shared_ptr<store::Database> m_db;
    std::unique_ptr<ProfileRecords> m_records;
};
} // namespace

TEST_F(ProfileRecordsTest, MissingRecordIsEmptyObject)
{
    EXPECT_TRUE(m_records->get(QStringLiteral("global")).isEmpty());
    EXPECT_FALSE(m_records->contains(QStringLiteral("global")));
    EXPECT_TRUE(m_records->list().isEmpty());
}

TEST_F(ProfileRecordsTest, MergeOverwritesAndKeepsOtherFields)
{
    // API.md §2.3 step 8, then §2.14 POST changing one field.
    ASSERT_TRUE(
        m_records->merge(QStringLiteral("global"),
                         {{QStringLiteral("displayName"), QStringLiteral("Alice")},
                          {QStringLiteral("bapID"), QStringLiteral("3WumfJKFTvnNjn6xHiVGPwYPNfLh")}}));
    auto merged =
        m_records->merge(QStringLiteral("global"), {{QStringLiteral("displayName"), QStringLiteral("Bob")},
                                                    {QStringLiteral("paymail"), QStringLiteral("b@c.d")}});
    ASSERT_TRUE(merged) << qPrintable(merged.error());
    const QJsonObject expected{{QStringLiteral("host"), QStringLiteral("global")},
                               {QStringLiteral("displayName"), QStringLiteral("Bob")},
                               {QStringLiteral("paymail"), QStringLiteral("b@c.d")},
                               {QStringLiteral("bapID"), QStringLiteral("3WumfJKFTvnNjn6xHiVGPwYPNfLh")}};
    EXPECT_EQ(*merged, expected);
    EXPECT_EQ(m_records->get(QStringLiteral("global")), expected);
    EXPECT_TRUE(m_records->contains(QStringLiteral("global")));
}

TEST_F(ProfileRecordsTest, KeepExistingOnlyAddsAbsentFields)
{
    // API.md §2.3 step 7: the registration record's icon is only set if absent.
    ASSERT_TRUE(m_records->merge(QStringLiteral("localhost"),
                                 {{QStringLiteral("icon"), QStringLiteral("custom.png")}}));
    auto merged = m_records->merge(QStringLiteral("localhost"),
                                   {{QStringLiteral("icon"), QStringLiteral("/api/auth/icon")},
                                    {QStringLiteral("note"), QStringLiteral("x")}},
                                   ProfileRecords::Merge::KeepExisting);
    ASSERT_TRUE(merged);
    EXPECT_EQ(merged->value(QLatin1String("icon")).toString(), QStringLiteral("custom.png"));
    EXPECT_EQ(merged->value(QLatin1String("note")).toString(), QStringLiteral("x"));
}

TEST_F(ProfileRecordsTest, HostIsForcedAndSecretsAndIdsAreDropped)
{
    auto stored = m_records->merge(
        QStringLiteral("global"),
        {{QStringLiteral("host"), QStringLiteral("evil.example")},
         {QStringLiteral("_id"), QStringLiteral("abcdefghijklmnop")},
         {QStringLiteral("accessToken"), QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e")},
         {QStringLiteral("logo"), QStringLiteral("https://x/y.png")}});
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->value(QLatin1String("host")).toString(), QStringLiteral("global"));
    EXPECT_FALSE(stored->contains(QLatin1String("_id")));
    EXPECT_FALSE(stored->contains(QLatin1String("accessToken")));
    EXPECT_FALSE(storedJson(QStringLiteral("global")).contains(QLatin1String("0f8fad5b")));
    EXPECT_FALSE(m_records->contains(QStringLiteral("evil.example")));
}

TEST_F(ProfileRecordsTest, ReplaceListAndRemove)
{
    ASSERT_TRUE(m_records->merge(QStringLiteral("localhost"),
                                 {{QStringLiteral("icon"), QStringLiteral("/api/auth/icon")}}));
    ASSERT_TRUE(
        m_records->replace(QStringLiteral("global"), {{QStringLiteral("displayName"), QStringLiteral("A")},
                                                      {QStringLiteral("tags"), QJsonArray{1, 2}}}));
    ASSERT_TRUE(
        m_records->replace(QStringLiteral("global"), {{QStringLiteral("paymail"), QStringLiteral("p@q.r")}}));
    const auto all = m_records->list();
    ASSERT_EQ(all.size(), 2);
    EXPECT_EQ(all[0].value(QLatin1String("host")).toString(), QStringLiteral("global"));
    EXPECT_FALSE(all[0].contains(QLatin1String("displayName"))); // replaced, not merged
    EXPECT_EQ(all[1].value(QLatin1String("host")).toString(), QStringLiteral("localhost"));
    EXPECT_TRUE(m_records->remove(QStringLiteral("global")));
    EXPECT_FALSE(m_records->remove(QStringLiteral("global")));
    EXPECT_EQ(m_records->list().size(), 1);
    EXPECT_FALSE(m_records->merge(QString(), {}));
}

TEST_F(ProfileRecordsTest, DamagedRowReadsAsEmpty)
{
    store::SqlQuery q(m_db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO profile (host, record) VALUES ('global', 'not json')")));
    EXPECT_TRUE(m_records->get(QStringLiteral("global")).isEmpty());
    auto merged =
        m_records->merge(QStringLiteral("global"), {{QStringLiteral("displayName"), QStringLiteral("A")}});
    ASSERT_TRUE(merged);
    EXPECT_EQ(merged->value(QLatin1String("displayName")).toString(), QStringLiteral("A"));
}

TEST_F(ProfileRecordsTest, SurvivesReopen)
{
    ASSERT_TRUE(m_records->merge(QStringLiteral("global"),
                                 {{QStringLiteral("displayName"), QStringLiteral("Alice")}}));
    m_records.reset();
    m_db.reset();
    auto db = store::Database::open(m_dir.path());
    ASSERT_TRUE(db);
    EXPECT_EQ(
        ProfileRecords(*db).get(QStringLiteral("global")).value(QLatin1String("displayName")).toString(),
        QStringLiteral("Alice"));
}
