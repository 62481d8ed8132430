// Single instance: two claimants in this process, and a real second process
// (tokenpass_single_instance_child) for the primary-crashed and cross-process cases. Every
// test uses its own temporary data folder and runtime folder, so the server names never clash
// with a running TokenPass.
#include "platform/SingleInstance.h"
#include "ScopedEnv.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <memory>

using tokenpass::platform::SingleInstance;
using Role = tokenpass::platform::SingleInstance::Role;
using tokenpass::test::ScopedEnv;

namespace {

class SingleInstanceTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dataDir.isValid());
        ASSERT_TRUE(m_runtimeDir.isValid());
        m_runtimeEnv = std::make_unique<ScopedEnv>("XDG_RUNTIME_DIR", m_runtimeDir.path().toLocal8Bit());
    }
    void TearDown() override { m_runtimeEnv.reset(); }

    // Starts the helper on our data folder and waits for the role line it prints.
    QByteArray startChild(QProcess& child)
    {
        child.setProgram(QStringLiteral(TOKENPASS_SINGLE_INSTANCE_CHILD));
        child.setArguments({m_dataDir.path()});
        child.start();
        if (!child.waitForStarted(5000))
            return "not started";
        while (!child.canReadLine()) {
            if (!child.waitForReadyRead(5000))
                return "no role printed";
        }
        return child.readLine().trimmed();
    }

    QTemporaryDir m_dataDir;
    QTemporaryDir m_runtimeDir;
    std::unique_ptr<ScopedEnv> m_runtimeEnv;
};

} // namespace

TEST_F(SingleInstanceTest, SecondClaimAsksTheFirstToShowItself)
{
    SingleInstance first(m_dataDir.path());
    ASSERT_EQ(first.claim(), Role::Primary) << qPrintable(first.errorString());
    EXPECT_TRUE(first.errorString().isEmpty()) << qPrintable(first.errorString());
#if !defined(Q_OS_WIN)
    EXPECT_TRUE(first.serverName().startsWith(m_runtimeDir.path())) << qPrintable(first.serverName());
#endif
    QSignalSpy shown(&first, &SingleInstance::showRequested);

    SingleInstance second(m_dataDir.path());
    EXPECT_EQ(second.claim(), Role::Secondary);
    EXPECT_TRUE(second.errorString().isEmpty()) << qPrintable(second.errorString());
    ASSERT_TRUE(shown.wait(5000)) << "the primary never heard the second launch";
    EXPECT_EQ(shown.count(), 1);

    SingleInstance third(m_dataDir.path());
    EXPECT_EQ(third.claim(), Role::Secondary);
    EXPECT_TRUE(shown.wait(5000));
    EXPECT_EQ(shown.count(), 2);
}

TEST_F(SingleInstanceTest, AfterThePrimaryEndsTheNextLaunchIsPrimary)
{
    {
        SingleInstance first(m_dataDir.path());
        ASSERT_EQ(first.claim(), Role::Primary);
    }
    EXPECT_FALSE(QFile::exists(m_dataDir.filePath(SingleInstance::lockFileName())));
    SingleInstance next(m_dataDir.path());
    EXPECT_EQ(next.claim(), Role::Primary) << qPrintable(next.errorString());
}

TEST_F(SingleInstanceTest, DifferentDataFoldersDoNotCollide)
{
    QTemporaryDir otherData;
    ASSERT_TRUE(otherData.isValid());
    EXPECT_NE(SingleInstance::serverNameFor(m_dataDir.path()),
              SingleInstance::serverNameFor(otherData.path()));
    SingleInstance a(m_dataDir.path());
    SingleInstance b(otherData.path());
    EXPECT_EQ(a.claim(), Role::Primary);
    EXPECT_EQ(b.claim(), Role::Primary);
}

TEST_F(SingleInstanceTest, GarbageOnTheSocketIsIgnored)
{
    SingleInstance first(m_dataDir.path());
    ASSERT_EQ(first.claim(), Role::Primary);
    QSignalSpy shown(&first, &SingleInstance::showRequested);
    QLocalSocket stranger;
    stranger.connectToServer(first.serverName());
    ASSERT_TRUE(stranger.waitForConnected(2000));
    stranger.write(QByteArray(200, 'x') + '\n');
    ASSERT_TRUE(stranger.waitForBytesWritten(2000));
    EXPECT_FALSE(shown.wait(300));
}

TEST_F(SingleInstanceTest, SecondProcessAsksAPrimaryProcessToShow)
{
    QProcess primary;
    ASSERT_EQ(startChild(primary), "primary");

    SingleInstance here(m_dataDir.path());
    EXPECT_EQ(here.claim(), Role::Secondary);
    EXPECT_TRUE(here.errorString().isEmpty()) << qPrintable(here.errorString());
    bool sawShow = false;
    while (!sawShow && (primary.canReadLine() || primary.waitForReadyRead(5000)))
        sawShow = primary.readLine().trimmed() == "show";
    EXPECT_TRUE(sawShow) << "the primary process did not receive the show request";

    primary.kill();
    primary.waitForFinished(5000);
}

TEST_F(SingleInstanceTest, StaleLockAndSocketOfACrashedPrimaryAreRecovered)
{
    QProcess crashed;
    ASSERT_EQ(startChild(crashed), "primary");
    crashed.kill(); // SIGKILL: no destructor runs, the lock file and the socket stay behind
    ASSERT_TRUE(crashed.waitForFinished(5000));
    ASSERT_TRUE(QFile::exists(m_dataDir.filePath(SingleInstance::lockFileName())));
#if !defined(Q_OS_WIN) // a Windows pipe vanishes with its process; Unix leaves a socket file
    const QString socketPath = SingleInstance::serverNameFor(m_dataDir.path());
    ASSERT_TRUE(QFile::exists(socketPath)) << "expected a leftover socket file at " << qPrintable(socketPath);
#endif

    SingleInstance next(m_dataDir.path());
    EXPECT_EQ(next.claim(), Role::Primary) << qPrintable(next.errorString());
    EXPECT_TRUE(next.errorString().isEmpty()) << qPrintable(next.errorString());

    // And it really serves: a later launch reaches it.
    QSignalSpy shown(&next, &SingleInstance::showRequested);
    QProcess later;
    EXPECT_EQ(startChild(later), "secondary");
    later.waitForFinished(5000);
    EXPECT_TRUE(shown.count() > 0 || shown.wait(5000));
}

TEST_F(SingleInstanceTest, ALockHeldByALiveProcessIsNotStolen)
{
    // A lock file naming a live PID (ours, through a second QLockFile) is respected even when old.
    QLockFile other(m_dataDir.filePath(SingleInstance::lockFileName()));
    ASSERT_TRUE(other.tryLock(0));
    SingleInstance late(m_dataDir.path());
    EXPECT_EQ(late.claim(), Role::Secondary);
    EXPECT_FALSE(late.errorString().isEmpty()) << "nobody listens, and the error should say so";
}
