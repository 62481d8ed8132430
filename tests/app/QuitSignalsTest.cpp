// SIGTERM and SIGINT end the real binary through the normal quit path: exit code 0 (not killed
// by the signal) and the single-instance lock file removed by the orderly shutdown.
#include "common/TestDataDir.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <csignal>
#include <sys/types.h>

#ifdef Q_OS_UNIX
#include <signal.h>

namespace {

class RunningHeadless
{
public:
    explicit RunningHeadless(const QString& dataDir)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home.path()); // never the real home or keychain
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.remove(QStringLiteral("TOKENPASS_PORT"));
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.setReadChannel(QProcess::StandardError); // the "listening on" line
        m_process.start(QStringLiteral(TOKENPASS_BINARY),
                        {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                         QStringLiteral("--data-dir"), dataDir});
    }
    ~RunningHeadless()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    // Waits until the server says it listens, so the signal arrives inside the event loop.
    bool waitUntilListening()
    {
        while (!m_stderr.contains("listening on")) {
            if (!m_process.waitForReadyRead(15000))
                return false;
            m_stderr += m_process.readAllStandardError();
        }
        return true;
    }

    QProcess m_process;
    QByteArray m_stderr;

private:
    QTemporaryDir m_home;
};

void expectOrderlyExitOn(int signalNumber)
{
    tokenpass::test::TestDataDir dir;
    RunningHeadless app(dir.path());
    ASSERT_TRUE(app.waitUntilListening()) << app.m_stderr.constData();
    ASSERT_TRUE(QFile::exists(dir.filePath(QStringLiteral("tokenpass.lock"))));

    ASSERT_EQ(::kill(static_cast<pid_t>(app.m_process.processId()), signalNumber), 0);
    ASSERT_TRUE(app.m_process.waitForFinished(15000));
    EXPECT_EQ(app.m_process.exitStatus(), QProcess::NormalExit) << "killed by signal " << signalNumber;
    EXPECT_EQ(app.m_process.exitCode(), 0);
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("tokenpass.lock"))));
}

} // namespace

TEST(QuitSignals, SigtermQuitsThroughTheEventLoop)
{
    expectOrderlyExitOn(SIGTERM);
}

TEST(QuitSignals, SigintQuitsThroughTheEventLoop)
{
    expectOrderlyExitOn(SIGINT);
}
#endif
