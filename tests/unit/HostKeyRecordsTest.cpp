#include "store/HostKeyRecords.h"
#include "common/TestDataDir.h"
#include "store/Database.h"

#include <gtest/gtest.h>

using namespace tokenpass;
using store::HostKeyRecord;
using store::HostKeyRecords;

namespace {
class HostKeyRecordsTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db) << qPrintable(db.error());
        m_db = *db;
        m_keys = std::make_unique<HostKeyRecords>(m_db);
    }
    static HostKeyRecord record(const char* host, const char* pub)
    {
        const QString h = QString::fromLatin1(host);
        return {h, QStringLiteral("2-tokenpass-") + h, QString::fromLatin1(pub), QStringLiteral("1Addr") + h};
    }
    test::TestDataDir m_dir;
    std::shared_ptr<store::Database> m_db;
    std::unique_ptr<HostKeyRecords> m_keys;
};
} // namespace

TEST_F(HostKeyRecordsTest, UpsertGetListRemove)
{
    EXPECT_FALSE(m_keys->get(QStringLiteral("example.com")));
    ASSERT_TRUE(m_keys->upsert(record("example.com", "02aa")));
    ASSERT_TRUE(m_keys->upsert(record("localhost:3000", "03bb")));
    ASSERT_TRUE(m_keys->upsert(record("a.example", "02cc")));
    EXPECT_EQ(m_keys->get(QStringLiteral("example.com")), record("example.com", "02aa"));

    // Upsert replaces the host's row (pub/address are re-derived informational values).
    ASSERT_TRUE(m_keys->upsert(record("example.com", "02dd")));
    EXPECT_EQ(m_keys->get(QStringLiteral("example.com"))->pub, QStringLiteral("02dd"));

    const auto all = m_keys->list();
    ASSERT_EQ(all.size(), 3);
    EXPECT_EQ(all[0].host, QStringLiteral("a.example"));
    EXPECT_EQ(all[1].host, QStringLiteral("example.com"));
    EXPECT_EQ(all[2].host, QStringLiteral("localhost:3000"));

    EXPECT_TRUE(m_keys->remove(QStringLiteral("example.com")));
    EXPECT_FALSE(m_keys->remove(QStringLiteral("example.com")));
    EXPECT_FALSE(m_keys->get(QStringLiteral("example.com")));
    EXPECT_EQ(m_keys->list().size(), 2);
}

TEST_F(HostKeyRecordsTest, RefusesRowsWithoutHostOrInvoice)
{
    EXPECT_FALSE(m_keys->upsert({QString(), QStringLiteral("2-tokenpass-x"), QString(), QString()}));
    EXPECT_FALSE(m_keys->upsert({QStringLiteral("x"), QString(), QString(), QString()}));
    EXPECT_TRUE(m_keys->list().isEmpty());
}

TEST_F(HostKeyRecordsTest, KeepsLegacyInvoicesVerbatim)
{
    // API.md §4.5: G2 and G1 invoices stay as they were written.
    const HostKeyRecord g2{
        QStringLiteral("localhost"), QStringLiteral("2-sigma auth-localhost"),
        QStringLiteral("037147859fcc47be350972581be36691a0db1947e1801a47e1c9c54c2da7328205"),
        QStringLiteral("1CBQ5DN9dbXcWKFWFfxfEbZtUXKmmiycr3")};
    const HostKeyRecord g1{QStringLiteral("old.example"), QStringLiteral("m/44'/0'/1'/2/0"), QString(),
                           QString()};
    ASSERT_TRUE(m_keys->upsert(g2));
    ASSERT_TRUE(m_keys->upsert(g1));
    EXPECT_EQ(m_keys->get(QStringLiteral("localhost")), g2);
    EXPECT_EQ(m_keys->get(QStringLiteral("old.example")), g1);
}
