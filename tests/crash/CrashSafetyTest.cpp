// Kills a writer process (SIGKILL) at random moments while it saves backup.bep or writes tokens,
// then checks that what is on disk is the old or the new state, never a torn file (issue: wallet
// and storage, "Bad input and faults"). TOKENPASS_CRASH_KILLS sets the kills per scenario.

#include "common/TestDataDir.h"
#include "store/Database.h"
#include "wallet/BackupFile.h"
#include "wallet/Wallet.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QThread>

#include <gtest/gtest.h>

#include <csignal>

using namespace tokenpass;
using crypto::SecureBytes;

namespace {

int killsPerScenario()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("TOKENPASS_CRASH_KILLS", &ok);
    return ok && n > 0 ? n : 70;
}

// Runs the writer until it has reported at least one completed write, waits a random moment so
// the kill lands anywhere in the next writes, kills it, and returns the last value it reported
// (-1 if none).
long runAndKill(const QStringList& args)
{
    QProcess child;
    child.setProgram(QStringLiteral(TOKENPASS_CRASH_WRITER));
    child.setArguments(args);
    child.start();
    EXPECT_TRUE(child.waitForStarted(10000));
    while (!child.canReadLine() && child.state() == QProcess::Running)
        child.waitForReadyRead(5000);
    QThread::usleep(QRandomGenerator::global()->bounded(200, 40000));
    ::kill(pid_t(child.processId()), SIGKILL);
    child.waitForFinished(10000);
    long last = -1;
    for (const QByteArray& line : child.readAllStandardOutput().split('\n')) {
        if (line.startsWith("committed "))
            last = line.mid(10).toLong();
    }
    const QByteArray errors = child.readAllStandardError();
    EXPECT_TRUE(errors.isEmpty()) << errors.constData();
    return last;
}

class CrashSafety : public ::testing::Test
{
protected:
    void SetUp() override
    {
        wallet::BackupFile::setIterationsForTesting(1000);
        wallet::Wallet w(m_dir.path());
        ASSERT_TRUE(w.create(SecureBytes(QByteArrayView("password-A"))));
        m_identity = w.identities()->first().identityKey;
    }
    void TearDown() override { wallet::BackupFile::setIterationsForTesting(0); }

    test::TestDataDir m_dir;
    QString m_identity;
};

} // namespace

TEST_F(CrashSafety, BackupRewriteIsOldOrNewNeverTorn)
{
    const int kills = killsPerScenario();
    for (int i = 0; i < kills; ++i) {
        const long last =
            runAndKill({QStringLiteral("attributes"), m_dir.path(), QStringLiteral("password-A")});
        ASSERT_GE(last, 1) << "the writer never completed a save";
        wallet::Wallet w(m_dir.path());
        const auto unlocked = w.unlock(SecureBytes(QByteArrayView("password-A")));
        ASSERT_TRUE(unlocked) << "after kill " << i << ": " << qPrintable(unlocked.error());
        const auto ids = w.identities();
        ASSERT_EQ(ids->size(), 1);
        QString value;
        for (const auto& a : ids->first().attributes) {
            if (a.name == QLatin1String("displayName"))
                value = a.value;
        }
        // The last reported save, or the one in flight when the kill landed.
        EXPECT_TRUE(value == QStringLiteral("v%1").arg(last) || value == QStringLiteral("v%1").arg(last + 1))
            << "after kill " << i << ": found " << qPrintable(value) << ", last committed v" << last;
    }
}

TEST_F(CrashSafety, PasswordChangeLeavesExactlyOneWorkingPassword)
{
    QString current = QStringLiteral("password-A");
    const int kills = killsPerScenario();
    for (int i = 0; i < kills; ++i) {
        const long last = runAndKill({QStringLiteral("password"), m_dir.path(), current});
        ASSERT_GE(last, 0) << "the writer never completed a change";
        const QString committedPassword =
            last == 1 ? QStringLiteral("password-A+") : QStringLiteral("password-A");
        const QString inFlight = last == 1 ? QStringLiteral("password-A") : QStringLiteral("password-A+");
        wallet::Wallet w(m_dir.path());
        if (w.unlock(SecureBytes(committedPassword.toUtf8())))
            current = committedPassword;
        else if (w.unlock(SecureBytes(inFlight.toUtf8())))
            current = inFlight;
        else
            FAIL() << "after kill " << i << " neither password opens the wallet";
        EXPECT_EQ(w.identities()->first().identityKey, m_identity);
    }
}

TEST_F(CrashSafety, TokenWritesLeaveAConsistentDatabase)
{
    const int kills = killsPerScenario();
    for (int i = 0; i < kills; ++i) {
        const long last = runAndKill({QStringLiteral("tokens"), m_dir.path()});
        ASSERT_GE(last, 1);
        const auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db) << qPrintable(db.error());
        QSqlQuery check((*db)->connection());
        ASSERT_TRUE(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
        EXPECT_EQ(check.value(0).toString(), QStringLiteral("ok")) << "after kill " << i;
        QSqlQuery count((*db)->connection());
        ASSERT_TRUE(count.exec(QStringLiteral("SELECT count(*) FROM tokens")) && count.next());
        EXPECT_EQ(count.value(0).toInt(), 5); // one per host h0..h4, each committed at least once
    }
}
