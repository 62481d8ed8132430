#include "access/Grants.h"
#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "store/Database.h"
#include "store/SqlQuery.h"

#include <gtest/gtest.h>

using namespace tokenpass;
using access::Grant;
using access::SigningPolicy;

namespace {
class GrantsTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db) << qPrintable(db.error());
        m_db = *db;
        m_grants = std::make_unique<access::Grants>(m_db, m_clock);
    }
    Grant grant(const QString& host, const char* duration, SigningPolicy policy)
    {
        Grant g;
        g.host = host;
        g.scopes = {QStringLiteral("sign"), QStringLiteral("encrypt")};
        g.duration = QString::fromLatin1(duration);
        g.policy = policy;
        g.identity = QStringLiteral("3WumfJKFTvnNjn6xHiVGPwYPNfLh");
        return g;
    }
    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::shared_ptr<store::Database> m_db;
    std::unique_ptr<access::Grants> m_grants;
};
} // namespace

TEST_F(GrantsTest, SaveAndFindRoundTrip)
{
    ASSERT_TRUE(m_grants->save(grant(QStringLiteral("example.com"), "1d", SigningPolicy::Allow)));
    const auto found = m_grants->find(QStringLiteral("example.com"));
    ASSERT_TRUE(found);
    EXPECT_EQ(found->scopes, (QStringList{QStringLiteral("sign"), QStringLiteral("encrypt")}));
    EXPECT_EQ(found->policy, SigningPolicy::Allow);
    EXPECT_EQ(found->identity, QStringLiteral("3WumfJKFTvnNjn6xHiVGPwYPNfLh"));
    EXPECT_EQ(found->expiresMs, m_clock.nowMs() + 86'400'000);
    EXPECT_FALSE(m_grants->find(QStringLiteral("other.example")));
}

TEST_F(GrantsTest, ExpiredGrantsAreNotFoundButListed)
{
    ASSERT_TRUE(m_grants->save(grant(QStringLiteral("a"), "1h", SigningPolicy::Allow)));
    ASSERT_TRUE(m_grants->save(grant(QStringLiteral("b"), "forever", SigningPolicy::AskEveryTime)));
    m_clock.advance(3'600'001);
    EXPECT_FALSE(m_grants->find(QStringLiteral("a")));
    EXPECT_TRUE(m_grants->find(QStringLiteral("b")));
    EXPECT_EQ(m_grants->list().size(), 2);
}

TEST_F(GrantsTest, BadInputIsRefused)
{
    EXPECT_FALSE(m_grants->save(grant(QStringLiteral("a"), "1y", SigningPolicy::Allow)));
    EXPECT_FALSE(m_grants->save(grant(QString(), "1h", SigningPolicy::Allow)));
    EXPECT_TRUE(m_grants->list().isEmpty());
}

TEST_F(GrantsTest, ADamagedPolicyMeansAskEveryTime)
{
    ASSERT_TRUE(m_grants->save(grant(QStringLiteral("a"), "1h", SigningPolicy::Allow)));
    store::SqlQuery q(m_db->connection());
    // The CHECK constraint refuses unknown policies; damage has to bypass it.
    EXPECT_FALSE(q.exec(QStringLiteral("UPDATE grants SET policy = 'sure' WHERE host = 'a'")));
    ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA ignore_check_constraints = ON")));
    ASSERT_TRUE(q.exec(QStringLiteral("UPDATE grants SET policy = 'sure' WHERE host = 'a'")));
    EXPECT_EQ(m_grants->find(QStringLiteral("a"))->policy, SigningPolicy::AskEveryTime);
}

TEST_F(GrantsTest, RemoveOneOrAll)
{
    ASSERT_TRUE(m_grants->save(grant(QStringLiteral("a"), "1h", SigningPolicy::Allow)));
    ASSERT_TRUE(m_grants->save(grant(QStringLiteral("b"), "1h", SigningPolicy::Allow)));
    EXPECT_TRUE(m_grants->remove(QStringLiteral("a")));
    EXPECT_FALSE(m_grants->remove(QStringLiteral("a")));
    EXPECT_FALSE(m_grants->find(QStringLiteral("a")));
    EXPECT_EQ(m_grants->removeAll(), 1);
    EXPECT_TRUE(m_grants->list().isEmpty());
}
