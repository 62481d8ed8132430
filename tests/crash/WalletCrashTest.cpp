// Kills a writer process (SIGKILL) at random moments while it saves backup.bep, changes the
// password or registers new wallets, then checks that the wallet opens with the password of the
// old or the new state, with the same keys, never from a torn file (issue 8, "Crash safety").
// TOKENPASS_CRASH_KILLS sets the kills per scenario.

#include "CrashHarness.h"

#include "common/TestDataDir.h"
#include "wallet/BackupFile.h"
#include "wallet/Wallet.h"

#include <QDir>

#include <cstdio>

#include <gtest/gtest.h>

using namespace tokenpass;
using crypto::SecureBytes;

namespace {

constexpr int kDefaultKills = 50;
constexpr int kDefaultRewriteKills = 30; // the plain re-save is also covered by the password change
// One registration (create, config.json, database and profile) takes up to ~250 ms on a loaded
// machine: spread the kills over all of it.
constexpr int kRegisterDelayMs = 250;

class WalletCrash : public ::testing::Test
{
protected:
    void SetUp() override
    {
        wallet::BackupFile::setIterationsForTesting(1000);
        {
            wallet::Wallet w(m_dir.path());
            ASSERT_TRUE(w.create(SecureBytes(QByteArrayView("password-A"))));
        }
        const auto opened = crash::openWallet(m_dir.path(), "password-A");
        ASSERT_TRUE(opened) << qPrintable(opened.error());
        m_original = *opened;
    }
    void TearDown() override { wallet::BackupFile::setIterationsForTesting(0); }

    // The keys are the ones the wallet was created with.
    void expectSameKeys(const crash::WalletView& found, int kill)
    {
        EXPECT_EQ(found.identityKey, m_original.identityKey) << "after kill " << kill;
        EXPECT_EQ(found.hostPublicKey, m_original.hostPublicKey) << "after kill " << kill;
    }

    test::TestDataDir m_dir;
    crash::WalletView m_original;
};

} // namespace

TEST_F(WalletCrash, BackupRewriteIsOldOrNewNeverTorn)
{
    const int kills = crash::killsPerScenario(kDefaultRewriteKills);
    for (int i = 0; i < kills; ++i) {
        const auto run =
            crash::runAndKill({QStringLiteral("attributes"), m_dir.path(), QStringLiteral("password-A")});
        ASSERT_TRUE(run.errors.isEmpty()) << qPrintable(run.errors);
        ASSERT_GE(run.last, 1) << "the writer never completed a save";
        const auto found = crash::openWallet(m_dir.path(), "password-A");
        ASSERT_TRUE(found) << "after kill " << i << ": " << qPrintable(found.error());
        expectSameKeys(*found, i);
        // The last reported save, or the one in flight when the kill landed.
        EXPECT_TRUE(found->displayName == QStringLiteral("v%1").arg(run.last) ||
                    found->displayName == QStringLiteral("v%1").arg(run.last + 1))
            << "after kill " << i << ": found " << qPrintable(found->displayName) << ", last committed v"
            << run.last;
    }
    std::printf("[ crash    ] backup rewrite: %d kills\n", kills);
}

TEST_F(WalletCrash, PasswordChangeLeavesExactlyOneWorkingPassword)
{
    QByteArray current = "password-A";
    const int kills = crash::killsPerScenario(kDefaultKills);
    int inFlightWon = 0;
    for (int i = 0; i < kills; ++i) {
        const auto run =
            crash::runAndKill({QStringLiteral("password"), m_dir.path(), QString::fromUtf8(current)});
        ASSERT_TRUE(run.errors.isEmpty()) << qPrintable(run.errors);
        ASSERT_GE(run.last, 0) << "the writer never completed a change";
        const QByteArray committedPassword = run.last == 1 ? "password-A+" : "password-A";
        const QByteArray inFlight = run.last == 1 ? "password-A" : "password-A+";
        auto found = crash::openWallet(m_dir.path(), committedPassword);
        if (found) {
            current = committedPassword;
        } else {
            found = crash::openWallet(m_dir.path(), inFlight);
            ASSERT_TRUE(found) << "after kill " << i
                               << " neither password opens the wallet: " << qPrintable(found.error());
            current = inFlight;
            ++inFlightWon;
        }
        expectSameKeys(*found, i);
    }
    std::printf("[ crash    ] password change: %d kills, %d found the in-flight password\n", kills,
                inFlightWon);
}

TEST_F(WalletCrash, RegisterLeavesNoWalletOrAWholeOne)
{
    const int kills = crash::killsPerScenario(kDefaultKills);
    long registered = 0;
    for (int i = 0; i < kills; ++i) {
        const QString root = m_dir.filePath(QStringLiteral("round%1").arg(i));
        ASSERT_TRUE(QDir().mkpath(root));
        const auto run = crash::runAndKill({QStringLiteral("register"), root, QStringLiteral("password-R")},
                                           kRegisterDelayMs);
        ASSERT_TRUE(run.errors.isEmpty()) << qPrintable(run.errors);
        ASSERT_GE(run.last, 1) << "the writer never completed a registration";
        for (long n = 1; n <= run.last + 1; ++n) {
            const QString dir = QDir(root).filePath(QStringLiteral("r%1").arg(n));
            const QString problem = crash::registeredWalletProblem(dir, "password-R", n, n <= run.last);
            EXPECT_TRUE(problem.isEmpty())
                << "after kill " << i << ", wallet r" << n << ": " << qPrintable(problem);
        }
        EXPECT_FALSE(QDir(root).exists(QStringLiteral("r%1").arg(run.last + 2))) << "after kill " << i;
        registered += run.last;
        QDir(root).removeRecursively();
    }
    std::printf("[ crash    ] register: %d kills, %ld wallets registered\n", kills, registered);
}

// The checks above must be able to fail: a writer that rewrites backup.bep in place is caught.
TEST_F(WalletCrash, CheckCatchesABackupWrittenInPlace)
{
    int kills = 0;
    QString caught;
    while (caught.isEmpty() && kills < 40) {
        const auto run =
            crash::runAndKill({QStringLiteral("torn-backup"), m_dir.path(), QStringLiteral("password-A")});
        ASSERT_TRUE(run.errors.isEmpty()) << qPrintable(run.errors);
        ++kills;
        const auto found = crash::openWallet(m_dir.path(), "password-A");
        if (!found)
            caught = found.error();
    }
    EXPECT_FALSE(caught.isEmpty()) << "40 kills of an in-place writer never left a torn backup.bep";
    std::printf("[ crash    ] in-place writer caught after %d kill(s): %s\n", kills, qPrintable(caught));
}
