#include "access/AccessTokens.h"
#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "crypto/Hash.h"
#include "store/Database.h"
#include "store/SqlQuery.h"

#include <QFile>
#include <QRegularExpression>

#include <gtest/gtest.h>

using namespace tokenpass;
using access::AccessTokens;
using access::TokenStatus;

namespace {
class AccessTokensTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db) << qPrintable(db.error());
        m_db = *db;
        m_tokens = std::make_unique<AccessTokens>(m_db, m_clock);
    }

    access::IssuedToken issue(const QString& host, const QStringList& scopes, const char* expiry = "1h",
                              const QString& origin = QString())
    {
        auto issued = m_tokens->issue(host, scopes, QString::fromLatin1(expiry), QStringLiteral("bapid"),
                                      QStringLiteral("/icon"), origin);
        EXPECT_TRUE(issued) << qPrintable(issued.error());
        return *issued;
    }

    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::shared_ptr<store::Database> m_db;
    std::unique_ptr<AccessTokens> m_tokens;
};
} // namespace

TEST_F(AccessTokensTest, TokensAreRandomUuidV4)
{
    static const QRegularExpression uuidV4(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    const QString a = issue(QStringLiteral("a.example"), {}).token;
    const QString b = issue(QStringLiteral("b.example"), {}).token;
    EXPECT_TRUE(uuidV4.match(a).hasMatch()) << qPrintable(a);
    EXPECT_TRUE(uuidV4.match(b).hasMatch()) << qPrintable(b);
    EXPECT_NE(a, b);
}

TEST_F(AccessTokensTest, OnlyTheHashIsStored)
{
    const QString token = issue(QStringLiteral("example.com"), {QStringLiteral("sign")}).token;
    m_db.reset();
    m_tokens.reset();
    QFile f(m_dir.filePath(QStringLiteral("tokenpass.sqlite")));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    QByteArray all = f.readAll();
    QFile wal(m_dir.filePath(QStringLiteral("tokenpass.sqlite-wal")));
    if (wal.open(QIODevice::ReadOnly))
        all += wal.readAll();
    EXPECT_FALSE(all.contains(token.toLatin1()));
    EXPECT_TRUE(all.contains(crypto::sha256(token.toUtf8())));
}

TEST_F(AccessTokensTest, ValidTokenWithBearerOrBare)
{
    const auto issued =
        issue(QStringLiteral("example.com"), {QStringLiteral("sign"), QStringLiteral("encrypt")});
    for (const QString& header : {issued.token, QStringLiteral("Bearer ") + issued.token,
                                  QStringLiteral("bearer   ") + issued.token + QStringLiteral("  ")}) {
        const auto check = m_tokens->validate(header, {QStringLiteral("sign")});
        EXPECT_EQ(check.status, TokenStatus::Valid) << qPrintable(header);
        EXPECT_EQ(check.record.host, QStringLiteral("example.com"));
        EXPECT_EQ(check.record.identity, QStringLiteral("bapid"));
    }
}

TEST_F(AccessTokensTest, MissingUnknownAndForeignTokens)
{
    EXPECT_EQ(m_tokens->validate(u"", {}).status, TokenStatus::NoToken);
    EXPECT_EQ(m_tokens->validate(u"Bearer   ", {}).status, TokenStatus::NoToken);
    EXPECT_EQ(m_tokens->validate(u"00000000-0000-4000-8000-000000000000", {}).status,
              TokenStatus::InvalidToken);
}

TEST_F(AccessTokensTest, ReissuingReplacesThePreviousToken)
{
    const QString first = issue(QStringLiteral("example.com"), {}).token;
    const QString second = issue(QStringLiteral("example.com"), {}).token;
    EXPECT_EQ(m_tokens->validate(first, {}).status, TokenStatus::InvalidToken);
    EXPECT_EQ(m_tokens->validate(second, {}).status, TokenStatus::Valid);
    EXPECT_EQ(m_tokens->list().size(), 1);
}

TEST_F(AccessTokensTest, ExpiryFollowsTheInjectedClock)
{
    const auto issued = issue(QStringLiteral("example.com"), {}, "1h");
    EXPECT_EQ(issued.record.expiresMs, m_clock.nowMs() + 3'600'000);
    m_clock.advance(3'600'000); // exactly at expiry: still valid (expired iff expireTime < now)
    EXPECT_EQ(m_tokens->validate(issued.token, {}).status, TokenStatus::Valid);
    m_clock.advance(1);
    EXPECT_EQ(m_tokens->validate(issued.token, {}).status, TokenStatus::Expired);
}

TEST_F(AccessTokensTest, OnceLastsTenSecondsAndForeverNeverExpires)
{
    const auto once = issue(QStringLiteral("a"), {}, "once");
    const auto forever = issue(QStringLiteral("b"), {}, "forever");
    EXPECT_EQ(forever.record.expiresMs, 0);
    m_clock.advance(10'001);
    EXPECT_EQ(m_tokens->validate(once.token, {}).status, TokenStatus::Expired);
    m_clock.advance(qint64(100) * 365 * 86'400'000);
    EXPECT_EQ(m_tokens->validate(forever.token, {}).status, TokenStatus::Valid);
}

TEST_F(AccessTokensTest, DurationsMatchTheContract)
{
    EXPECT_EQ(AccessTokens::durationMs(u"once"), 10'000);
    EXPECT_EQ(AccessTokens::durationMs(u"1h"), 3'600'000);
    EXPECT_EQ(AccessTokens::durationMs(u"1d"), 86'400'000);
    EXPECT_EQ(AccessTokens::durationMs(u"1w"), 604'800'000);
    EXPECT_EQ(AccessTokens::durationMs(u"1m"), 2'592'000'000);
    EXPECT_EQ(AccessTokens::durationMs(u"forever"), 0);
    EXPECT_FALSE(AccessTokens::durationMs(u"2h"));
    EXPECT_FALSE(AccessTokens::durationMs(u"1H"));
    EXPECT_FALSE(m_tokens->issue(QStringLiteral("x"), {}, u"1y", {}, {}, {}));
}

TEST_F(AccessTokensTest, MissingScopesAreListedInOrder)
{
    const auto issued = issue(QStringLiteral("example.com"), {QStringLiteral("sign")});
    const auto check = m_tokens->validate(
        issued.token, {QStringLiteral("decrypt"), QStringLiteral("sign"), QStringLiteral("write_profile")});
    EXPECT_EQ(check.status, TokenStatus::MissingScopes);
    EXPECT_EQ(check.missingScopes, (QStringList{QStringLiteral("decrypt"), QStringLiteral("write_profile")}));
    // Scope names match exactly: no trimming or case folding at this layer.
    EXPECT_EQ(m_tokens->validate(issued.token, {QStringLiteral("Sign")}).status, TokenStatus::MissingScopes);
}

TEST_F(AccessTokensTest, TokenIsBoundToItsOriginHost)
{
    const auto issued =
        issue(QStringLiteral("app.example:3000"), {}, "1h", QStringLiteral("https://app.example:3000"));
    EXPECT_EQ(m_tokens->validate(issued.token, {}, QStringLiteral("https://app.example:3000")).status,
              TokenStatus::Valid);
    EXPECT_EQ(m_tokens->validate(issued.token, {}, QStringLiteral("https://evil.example")).status,
              TokenStatus::InvalidToken);
    EXPECT_EQ(m_tokens->validate(issued.token, {}, QStringLiteral("https://app.example")).status,
              TokenStatus::InvalidToken);
    EXPECT_EQ(m_tokens->validate(issued.token, {}, QStringLiteral("null")).status, TokenStatus::InvalidToken);
    // Native clients send no Origin.
    EXPECT_EQ(m_tokens->validate(issued.token, {}).status, TokenStatus::Valid);
}

TEST_F(AccessTokensTest, OriginHostKeepsPortAndBracketsIpv6)
{
    EXPECT_EQ(AccessTokens::originHost(QStringLiteral("https://example.com")), QStringLiteral("example.com"));
    EXPECT_EQ(AccessTokens::originHost(QStringLiteral("http://localhost:3000")),
              QStringLiteral("localhost:3000"));
    EXPECT_EQ(AccessTokens::originHost(QStringLiteral("http://[::1]:5173")), QStringLiteral("[::1]:5173"));
    EXPECT_EQ(AccessTokens::originHost(QStringLiteral("null")), QString());
}

TEST_F(AccessTokensTest, RevokeStopsATokenAtOnce)
{
    const auto a = issue(QStringLiteral("a.example"), {});
    const auto b = issue(QStringLiteral("b.example"), {});
    const auto c = issue(QStringLiteral("c.example"), {});
    const auto revoked = m_tokens->revokeByToken(QStringLiteral("Bearer ") + a.token);
    ASSERT_TRUE(revoked) << qPrintable(revoked.error());
    EXPECT_TRUE(*revoked);
    EXPECT_EQ(m_tokens->validate(a.token, {}).status, TokenStatus::InvalidToken);
    const auto again = m_tokens->revokeByToken(a.token);
    ASSERT_TRUE(again) << qPrintable(again.error());
    EXPECT_FALSE(*again); // ok, but nothing left to remove
    EXPECT_TRUE(m_tokens->revokeHost(QStringLiteral("b.example")));
    EXPECT_EQ(m_tokens->validate(b.token, {}).status, TokenStatus::InvalidToken);
    EXPECT_EQ(m_tokens->validate(c.token, {}).status, TokenStatus::Valid);
    EXPECT_EQ(m_tokens->revokeAll(), 1);
    EXPECT_EQ(m_tokens->validate(c.token, {}).status, TokenStatus::InvalidToken);
}

TEST_F(AccessTokensTest, TokensSurviveARestartAndRecordLastUse)
{
    const auto issued = issue(QStringLiteral("example.com"), {QStringLiteral("sign")});
    m_clock.advance(5000);
    ASSERT_EQ(m_tokens->validate(issued.token, {}).status, TokenStatus::Valid);
    m_tokens.reset();
    m_db.reset();
    auto db = store::Database::open(m_dir.path());
    ASSERT_TRUE(db);
    AccessTokens reopened(*db, m_clock);
    const auto check = reopened.validate(issued.token, {QStringLiteral("sign")});
    EXPECT_EQ(check.status, TokenStatus::Valid);
    const auto listed = reopened.list();
    ASSERT_EQ(listed.size(), 1);
    EXPECT_EQ(listed.first().lastUsedMs, m_clock.nowMs());
    EXPECT_EQ(listed.first().scopes, QStringList{QStringLiteral("sign")});
}

TEST_F(AccessTokensTest, ARevokeThroughAnotherInstanceTakesEffectAtOnce)
{
    const QString token = issue(QStringLiteral("cached.example"), {QStringLiteral("sign")}).token;
    ASSERT_EQ(m_tokens->validate(token, {QStringLiteral("sign")}).status, TokenStatus::Valid); // now cached
    AccessTokens sitesWindow(m_db, m_clock);
    ASSERT_TRUE(sitesWindow.revokeHost(QStringLiteral("cached.example")));
    EXPECT_EQ(m_tokens->validate(token, {QStringLiteral("sign")}).status, TokenStatus::InvalidToken);

    const QString again = issue(QStringLiteral("cached.example"), {QStringLiteral("sign")}).token;
    ASSERT_EQ(m_tokens->validate(again, {}).status, TokenStatus::Valid);
    EXPECT_EQ(sitesWindow.revokeAll(), 1);
    EXPECT_EQ(m_tokens->validate(again, {}).status, TokenStatus::InvalidToken);
}

TEST_F(AccessTokensTest, TimeOfUseIsWrittenByFlush)
{
    const QString token = issue(QStringLiteral("used.example"), {}).token;
    m_clock.advance(1234);
    ASSERT_EQ(m_tokens->validate(token, {}).status, TokenStatus::Valid);
    EXPECT_EQ(m_tokens->pendingCount(), 1);
    const auto onDisk = [this] {
        store::SqlQuery q(m_db->connection());
        q.exec(QStringLiteral("SELECT last_used_ms FROM tokens"));
        return q.next() ? q.value(0).toLongLong() : -1;
    };
    EXPECT_EQ(onDisk(), 0); // queued, not written per call
    EXPECT_EQ(m_tokens->flush(), 1);
    EXPECT_EQ(onDisk(), m_clock.nowMs());
    EXPECT_EQ(m_tokens->pendingCount(), 0);
}
