// Issue 13: SQLite on a full disk. A real tmpfs is mounted (root only; skipped with the reason
// otherwise), filled with a file, and every store write reachable from the API must then fail
// with Failure::DiskFull, change nothing, and work again once there is room.
#include "access/AccessTokens.h"
#include "access/Grants.h"
#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "store/AuditLog.h"
#include "store/Database.h"
#include "store/HostKeyRecords.h"
#include "store/OutpointMemory.h"
#include "store/ProfileRecords.h"
#include "store/Settings.h"
#include "store/SqlQuery.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QVariant>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

using namespace tokenpass;
using store::Settings;

namespace {
class StoreDiskFullTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_mountPoint = m_dir.filePath(QStringLiteral("small-disk"));
        ASSERT_TRUE(QDir().mkpath(m_mountPoint));
        // Room for the database and the queued audit entries written at the end, not much more.
        if (::mount("tmpfs", QFile::encodeName(m_mountPoint).constData(), "tmpfs", 0, "size=32m,mode=0700") !=
            0)
            GTEST_SKIP() << "cannot mount a tmpfs (" << std::strerror(errno) << "); this test needs root";
        m_mounted = true;
        auto db = store::Database::open(m_mountPoint);
        ASSERT_TRUE(db) << qPrintable(db.error());
        m_db = *db;
    }
    void TearDown() override
    {
        m_db.reset();
        if (m_mounted && ::umount(QFile::encodeName(m_mountPoint).constData()) != 0)
            ::umount2(QFile::encodeName(m_mountPoint).constData(), MNT_DETACH);
    }

    // Writes a file until the file system refuses another byte.
    void fillDisk()
    {
        const QByteArray path = QFile::encodeName(QDir(m_mountPoint).filePath(QStringLiteral("filler")));
        const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ASSERT_GE(fd, 0);
        const QByteArray block(64 * 1024, 'x');
        ssize_t wrote = 0;
        while ((wrote = ::write(fd, block.constData(), size_t(block.size()))) > 0) {
        }
        const int why = errno;
        ::close(fd);
        ASSERT_EQ(wrote, -1);
        ASSERT_EQ(why, ENOSPC);
    }
    void freeDisk() { ASSERT_TRUE(QFile::remove(QDir(m_mountPoint).filePath(QStringLiteral("filler")))); }

    QString text(const QString& sql) const
    {
        store::SqlQuery q(m_db->connection());
        return q.exec(sql) && q.next() ? q.value(0).toString() : QStringLiteral("<failed>");
    }

    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    QString m_mountPoint;
    bool m_mounted = false;
    std::shared_ptr<store::Database> m_db;
};

access::Grant grantFor(const QString& host)
{
    access::Grant g;
    g.host = host;
    g.duration = QStringLiteral("1d");
    g.policy = access::SigningPolicy::Allow;
    return g;
}

template <typename T> void expectDiskFull(const Result<T>& result, const char* what)
{
    EXPECT_FALSE(result.isOk()) << what << " was written to a full disk";
    EXPECT_EQ(result.failure(), Failure::DiskFull) << what << ": " << qPrintable(result.error());
    EXPECT_TRUE(
        result.error().startsWith(QLatin1String("The disk is full: TokenPass could not save the change.")))
        << what << ": " << qPrintable(result.error());
}
} // namespace

TEST_F(StoreDiskFullTest, WritesFailAsDiskFullChangeNothingAndWorkAgainWithRoom)
{
    Settings settings(m_db);
    access::Grants grants(m_db, m_clock);
    access::AccessTokens tokens(m_db, m_clock);
    store::HostKeyRecords hostKeys(m_db);
    store::ProfileRecords profiles(m_db);
    store::AuditLog audit(m_db, m_clock);

    // What was there before the disk filled up.
    ASSERT_TRUE(settings.setInteger(Settings::Key::IdleLockMinutes, 7));
    ASSERT_TRUE(grants.save(grantFor(QStringLiteral("kept.example"))));
    const auto kept = tokens.issue(QStringLiteral("kept.example"), {QStringLiteral("sign")}, u"1d",
                                   QStringLiteral("bap"), QString(), QString());
    ASSERT_TRUE(kept);
    ASSERT_TRUE(hostKeys.upsert({QStringLiteral("kept.example"), QStringLiteral("2-tokenpass-kept.example"),
                                 QStringLiteral("02ab"), QStringLiteral("1Kept")}));
    ASSERT_TRUE(profiles.merge(QStringLiteral("global"), {{QStringLiteral("name"), QStringLiteral("kept")}}));
    ASSERT_TRUE(audit.append(QStringLiteral("kept.example"), store::AuditOperation::Sign,
                             store::AuditResult::Allowed));
    // An empty WAL: the next commit needs new blocks, not reused ones.
    ASSERT_EQ(text(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")), QStringLiteral("0"));

    fillDisk();
    if (HasFatalFailure())
        return;

    expectDiskFull(settings.setInteger(Settings::Key::IdleLockMinutes, 99), "a setting");
    expectDiskFull(grants.save(grantFor(QStringLiteral("new.example"))), "a grant");
    expectDiskFull(tokens.issue(QStringLiteral("new.example"), {}, u"1h", QString(), QString(), QString()),
                   "a token");
    expectDiskFull(tokens.revokeByToken(kept->token), "a revoke");
    expectDiskFull(hostKeys.upsert({QStringLiteral("new.example"), QStringLiteral("2-tokenpass-new.example"),
                                    QStringLiteral("02cd"), QStringLiteral("1New")}),
                   "a host key");
    expectDiskFull(
        profiles.merge(QStringLiteral("global"), {{QStringLiteral("name"), QStringLiteral("lost")}}),
        "a profile record");
    expectDiskFull(
        audit.append(QStringLiteral("new.example"), store::AuditOperation::Sign, store::AuditResult::Allowed),
        "an audit entry");

    // The write-behind queue keeps what it cannot write, bounded: the oldest go beyond the cap.
    const int overCap = 100;
    for (int i = 0; i < store::AuditLog::kMaxPending + overCap; ++i)
        (void)audit.appendLater(QStringLiteral("queued.example"), store::AuditOperation::Sign,
                                store::AuditResult::Allowed, QString::number(i));
    expectDiskFull(audit.flush(), "the queued audit entries");
    EXPECT_EQ(audit.pendingCount(), store::AuditLog::kMaxPending);
    // The synchronous append above queued nothing; the failed flushes kept the queue whole.
    EXPECT_EQ(audit.droppedCount(), overCap);

    // Nothing earlier was lost, nothing half-written is visible.
    EXPECT_EQ(settings.integer(Settings::Key::IdleLockMinutes), 7);
    EXPECT_TRUE(grants.find(QStringLiteral("kept.example")));
    EXPECT_FALSE(grants.find(QStringLiteral("new.example")));
    EXPECT_EQ(tokens.validate(kept->token, {}).status, access::TokenStatus::Valid);
    EXPECT_FALSE(hostKeys.get(QStringLiteral("new.example")));
    EXPECT_EQ(profiles.get(QStringLiteral("global")).value(QStringLiteral("name")).toString(),
              QStringLiteral("kept"));

    freeDisk();
    EXPECT_EQ(text(QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
    const auto flushed = audit.flush();
    ASSERT_TRUE(flushed) << qPrintable(flushed.error());
    EXPECT_EQ(*flushed, store::AuditLog::kMaxPending);
    EXPECT_EQ(audit.pendingCount(), 0);
    const auto queued =
        audit.recent(QStringLiteral("queued.example"), store::AuditLog::kMaxPending + overCap);
    ASSERT_EQ(queued.size(), store::AuditLog::kMaxPending);
    EXPECT_EQ(queued.last().detail, QString::number(overCap)); // the oldest kept one
    EXPECT_EQ(queued.first().detail, QString::number(store::AuditLog::kMaxPending + overCap - 1));

    EXPECT_TRUE(settings.setInteger(Settings::Key::IdleLockMinutes, 99));
    EXPECT_EQ(settings.integer(Settings::Key::IdleLockMinutes), 99);
    EXPECT_TRUE(grants.save(grantFor(QStringLiteral("new.example"))));
    EXPECT_TRUE(hostKeys.upsert({QStringLiteral("new.example"), QStringLiteral("2-tokenpass-new.example"),
                                 QStringLiteral("02cd"), QStringLiteral("1New")}));
    EXPECT_TRUE(audit.append(QStringLiteral("new.example"), store::AuditOperation::Sign,
                             store::AuditResult::Allowed));
    EXPECT_EQ(audit.recent(QStringLiteral("kept.example"), 10).size(), 1);
    EXPECT_EQ(text(QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
}

// Issue 17: the amounts of signed outpoints. A full disk must not make the wallet forget them:
// they wait in memory (still refusing a different claim) and are written once there is room.
TEST_F(StoreDiskFullTest, SignedOutpointsWaitInMemoryAndAreWrittenWithRoom)
{
    store::OutpointMemory memory(m_db, m_clock);
    ASSERT_TRUE(memory.remember({{QByteArray(32, 'k'), 0, 500}}));
    ASSERT_EQ(text(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")), QStringLiteral("0"));

    fillDisk();
    if (HasFatalFailure())
        return;
    expectDiskFull(memory.remember({{QByteArray(32, 'n'), 1, 900}}), "a signed outpoint");
    EXPECT_EQ(memory.pendingCount(), 1);
    EXPECT_EQ(memory.amount(QByteArray(32, 'n'), 1), 900U);
    EXPECT_EQ(memory.amount(QByteArray(32, 'k'), 0), 500U);

    freeDisk();
    ASSERT_TRUE(memory.remember({}));
    EXPECT_EQ(memory.pendingCount(), 0);
    EXPECT_EQ(store::OutpointMemory(m_db, m_clock).amount(QByteArray(32, 'n'), 1), 900U);
    EXPECT_EQ(text(QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
}
