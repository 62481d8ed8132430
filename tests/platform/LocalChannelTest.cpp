// The local channel under SingleInstance (LocalChannel.h), on its own: lines in, what a listener
// makes of partial, silent and oversized clients, and who may connect. Built twice: here against
// this OS's implementation (LocalChannel_posix.cpp), and in tokenpass_platform_windows_tests
// against LocalChannel_win.cpp (QLocalServer, which runs on Linux too).
#include "platform/LocalChannel.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QTemporaryDir>

using tokenpass::platform::LocalChannelListener;
using tokenpass::platform::LocalChannelSend;
using tokenpass::platform::sendLocalLine;

// Two builds, two test names: LocalChannelTest.* (this OS) and LocalChannelQtTest.* (Windows file).
#ifdef TOKENPASS_LOCAL_CHANNEL_QT
#define LocalChannelTest LocalChannelQtTest
#endif

namespace {

class LocalChannelTest : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }

    QString name() const { return m_dir.filePath(QStringLiteral("channel")); }

    // Runs the event loop until `count` lines arrived or `ms` passed.
    bool waitForLines(int count, int ms = 5000)
    {
        QDeadlineTimer deadline(ms);
        while (m_lines.size() < count && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        return m_lines.size() >= count;
    }

    LocalChannelListener::OnLine collect()
    {
        return [this](const QByteArray& line) { m_lines.append(line); };
    }

    QTemporaryDir m_dir;
    QList<QByteArray> m_lines;
};

} // namespace

TEST_F(LocalChannelTest, ALineSentIsReceived)
{
    LocalChannelListener listener(collect());
    ASSERT_TRUE(listener.listen(name())) << qPrintable(listener.errorString());
    const LocalChannelSend sent = sendLocalLine(name(), "show\n", 2000);
    EXPECT_EQ(sent.status, LocalChannelSend::Status::Sent) << qPrintable(sent.error);
    ASSERT_TRUE(waitForLines(1));
    EXPECT_EQ(m_lines.value(0), QByteArray("show\n"));
}

TEST_F(LocalChannelTest, NobodyListeningIsNotConnectedWithTheReason)
{
    const LocalChannelSend sent = sendLocalLine(name(), "show\n", 500);
    EXPECT_EQ(sent.status, LocalChannelSend::Status::NotConnected);
    EXPECT_FALSE(sent.error.isEmpty());
}

TEST_F(LocalChannelTest, ALeftoverFileAtTheNameIsReplaced)
{
    QFile leftover(name());
    ASSERT_TRUE(leftover.open(QIODevice::WriteOnly)); // what a crashed listener leaves behind
    leftover.close();
    LocalChannelListener listener(collect());
    ASSERT_TRUE(listener.listen(name())) << qPrintable(listener.errorString());
    EXPECT_EQ(sendLocalLine(name(), "show\n", 2000).status, LocalChannelSend::Status::Sent);
    EXPECT_TRUE(waitForLines(1));
}

TEST_F(LocalChannelTest, ALineInPiecesIsOneLineAndASilentClientBlocksNobody)
{
    LocalChannelListener listener(collect());
    ASSERT_TRUE(listener.listen(name()));
    QLocalSocket silent; // connects and never writes
    silent.connectToServer(name());
    ASSERT_TRUE(silent.waitForConnected(2000));

    QLocalSocket slow;
    slow.connectToServer(name());
    ASSERT_TRUE(slow.waitForConnected(2000));
    slow.write("sh");
    ASSERT_TRUE(slow.waitForBytesWritten(2000));
    EXPECT_FALSE(waitForLines(1, 200)) << "half a line is no line";
    slow.write("ow\n");
    ASSERT_TRUE(slow.waitForBytesWritten(2000));
    ASSERT_TRUE(waitForLines(1));
    EXPECT_EQ(m_lines.value(0), QByteArray("show\n"));

    EXPECT_EQ(sendLocalLine(name(), "show\n", 2000).status, LocalChannelSend::Status::Sent);
    EXPECT_TRUE(waitForLines(2));
}

TEST_F(LocalChannelTest, AClientThatClosesMidLineDeliversNothing)
{
    LocalChannelListener listener(collect());
    ASSERT_TRUE(listener.listen(name()));
    EXPECT_EQ(sendLocalLine(name(), "sho", 2000).status, LocalChannelSend::Status::Sent);
    EXPECT_FALSE(waitForLines(1, 300));
}

TEST_F(LocalChannelTest, AnOverlongLineIsCutAtTheLimit)
{
    LocalChannelListener listener(collect());
    ASSERT_TRUE(listener.listen(name()));
    EXPECT_EQ(sendLocalLine(name(), QByteArray(200, 'x') + '\n', 2000).status,
              LocalChannelSend::Status::Sent);
    ASSERT_TRUE(waitForLines(1));
    EXPECT_EQ(m_lines.value(0), QByteArray(tokenpass::platform::kLocalChannelMaxLine - 1, 'x'));
}

#if !defined(Q_OS_WIN)
TEST_F(LocalChannelTest, OnlyTheOwnerMayConnectAndACleanEndRemovesTheSocket)
{
    {
        LocalChannelListener listener(collect());
        ASSERT_TRUE(listener.listen(name()));
        const QFile::Permissions permissions = QFileInfo(name()).permissions();
        EXPECT_FALSE(permissions &
                     (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther))
            << "socket permissions " << std::hex << int(permissions);
        EXPECT_TRUE(permissions & QFile::WriteOwner);
        // Nothing of the private staging folder is left beside it.
        EXPECT_EQ(QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot),
                  QStringList{QStringLiteral("channel")});
    }
    EXPECT_FALSE(QFileInfo::exists(name()));
}
#endif
