// The server queues audit entries and token times of use and writes them in batches
// (server/WriteBehind.h). These tests read the table itself, not through AuditLog (whose readers
// flush first), so they see what is really on disk: a batch is written shortly after, at once on
// lock, and when the server stops. A revoke takes effect on the very next request.

#include "ServerHarness.h"
#include "access/AccessTokens.h"
#include "common/FastBackupKdf.h"
#include "store/AuditLog.h"
#include "store/SqlQuery.h"
#include "wallet/BackupFile.h"

#include <QElapsedTimer>
#include <QVariant>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

const QString kHost = QStringLiteral("batch.example");

} // namespace

class WriteBehindTest : public ServerHarness
{
protected:
    test::FastBackupKdf m_fastKdf; // PBKDF2 is not what is tested here
    void SetUp() override
    {
        ServerHarness::SetUp();
        registerWallet();
        grant(kHost, {QStringLiteral("sign")});
        m_token = authorize(kHost, {QStringLiteral("sign")});
        ASSERT_FALSE(m_token.isEmpty());
    }

    int signRowsOnDisk() const
    {
        store::SqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("SELECT count(*) FROM audit_log WHERE host = ? AND operation = 'sign'"));
        q.addBindValue(kHost);
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    }
    qint64 lastUsedOnDisk() const
    {
        store::SqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("SELECT last_used_ms FROM tokens WHERE host = ?"));
        q.addBindValue(kHost);
        return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
    }
    void sign(int times)
    {
        for (int i = 0; i < times; ++i)
            ASSERT_EQ(
                post(QStringLiteral("/api/sign"), R"({"message":"hi"})", {{"Authorization", bearer(m_token)}})
                    .status,
                200);
    }

    QString m_token;
};

TEST_F(WriteBehindTest, SignaturesAreWrittenShortlyAfterInOneBatch)
{
    sign(3);
    QElapsedTimer timer;
    timer.start();
    while (signRowsOnDisk() < 3 && timer.elapsed() < 5000)
        spin(20);
    EXPECT_EQ(signRowsOnDisk(), 3);
    EXPECT_LT(timer.elapsed(), 2000); // about AuditLog::kFlushIntervalMs, with room for a loaded machine
    EXPECT_EQ(lastUsedOnDisk(), m_clock.nowMs());
}

TEST_F(WriteBehindTest, LockWritesEverythingAtOnce)
{
    sign(2);
    ASSERT_EQ(post(QStringLiteral("/api/logout"), QByteArray()).status, 200);
    // No waiting: the logout answer came after the flush on the server thread.
    EXPECT_EQ(signRowsOnDisk(), 2);
    EXPECT_EQ(lastUsedOnDisk(), m_clock.nowMs());
}

TEST_F(WriteBehindTest, StoppingTheServerWritesEverything)
{
    sign(2);
    m_server->stop();
    EXPECT_EQ(signRowsOnDisk(), 2);
    EXPECT_EQ(lastUsedOnDisk(), m_clock.nowMs());
}

TEST_F(WriteBehindTest, ReadersSeeQueuedEntriesAndTimesOfUse)
{
    m_clock.advance(5000);
    sign(1);
    // Another reader on this thread, as the sites window has: it flushes before reading.
    EXPECT_EQ(store::AuditLog(m_db, m_clock).recent(kHost, 1).value(0).operation,
              store::AuditOperation::Sign);
    const auto tokens = access::AccessTokens(m_db, m_clock).list();
    ASSERT_EQ(tokens.size(), 1);
    EXPECT_EQ(tokens.first().lastUsedMs, m_clock.nowMs());
}

TEST_F(WriteBehindTest, RevokeFromAnotherInstanceTakesEffectOnTheNextRequest)
{
    sign(1);                                               // the token is now in the server's memory
    access::AccessTokens(m_db, m_clock).revokeHost(kHost); // as the sites window does
    const HttpResult r =
        post(QStringLiteral("/api/sign"), R"({"message":"hi"})", {{"Authorization", bearer(m_token)}});
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.json().value(QStringLiteral("code")).toInt(), 3);
}

TEST_F(WriteBehindTest, RevokeThroughTheApiTakesEffectOnTheNextRequest)
{
    sign(1);
    ASSERT_EQ(
        request("DELETE", QStringLiteral("/api/auth"), QByteArray(), {{"Authorization", bearer(m_token)}})
            .status,
        200);
    const HttpResult r =
        post(QStringLiteral("/api/sign"), R"({"message":"hi"})", {{"Authorization", bearer(m_token)}});
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.json().value(QStringLiteral("code")).toInt(), 3);
}
