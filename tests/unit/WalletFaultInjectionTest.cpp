// Issue 13's property: for every step of a wallet save at which the disk can fill up, an I/O
// error can strike or the process can be killed, the wallet afterwards opens with the same keys
// from backup.bep or backup.bep.bak, a refused change is not in memory either, and an
// acknowledged change is on disk.

#include "common/FastBackupKdf.h"
#include "common/FaultPlan.h"
#include "common/TestDataDir.h"
#include "fs/AtomicFile.h"
#include "wallet/Wallet.h"

#include <QDir>
#include <QFile>

#include <gtest/gtest.h>

#include <functional>
#include <optional>

using namespace tokenpass;
using crypto::SecureBytes;

namespace {

const QByteArray kPassword = "password-A";
const QByteArray kNewPassword = "password-B";
const QString kSite = QStringLiteral("example.com");

struct Opened
{
    QString siteAddress; // derives from the host master: "the same keys"
    QString primaryIdentity;
    int identities = 0;
    QString password; // which one opened it
};

// Opens the wallet in `folder` with either password, as a restart would.
std::optional<Opened> openWallet(const QString& folder)
{
    for (const QByteArray& password : {kPassword, kNewPassword}) {
        wallet::Wallet w(folder);
        if (!w.unlock(SecureBytes(password)))
            continue;
        Opened o;
        o.siteAddress = w.hostKey(kSite)->address;
        const auto ids = w.identities();
        o.primaryIdentity = ids->isEmpty() ? QString() : ids->first().identityKey;
        o.identities = int(ids->size());
        o.password = QString::fromLatin1(password);
        return o;
    }
    return std::nullopt;
}

void copyFolder(const QString& from, const QString& to)
{
    QDir().mkpath(to);
    for (const QString& name : QDir(from).entryList(QDir::Files | QDir::Hidden))
        QFile::copy(QDir(from).filePath(name), QDir(to).filePath(name));
}

using Operation = std::function<Result<bool>(wallet::Wallet&)>;

class WalletFaults : public ::testing::Test
{
protected:
    // A wallet with its primary identity, written with no faults.
    void makeWallet(const QString& folder)
    {
        wallet::Wallet w(folder);
        ASSERT_TRUE(w.create(SecureBytes(kPassword)));
        ASSERT_TRUE(w.createIdentity(QStringLiteral("second"))); // so a .bak exists too
    }

    // How many file steps `operation` takes on a fresh copy of the wallet.
    int countSteps(const Operation& operation)
    {
        test::TestDataDir dir;
        makeWallet(dir.path());
        wallet::Wallet w(dir.path());
        EXPECT_TRUE(w.unlock(SecureBytes(kPassword)));
        test::FaultPlan count;
        EXPECT_TRUE(operation(w));
        return count.stepsSeen();
    }

    // Fails each step in turn; after each, the wallet opens with the same keys, and the change
    // is there exactly when it was acknowledged (`changed` says whether it is).
    void failEveryStep(const Operation& operation, const std::function<bool(const Opened&)>& changed)
    {
        const int steps = countSteps(operation);
        ASSERT_GT(steps, 5);
        for (const fs::Fault fault : {fs::Fault::NoSpace, fs::Fault::IoError}) {
            for (int n = 1; n <= steps; ++n) {
                test::TestDataDir dir;
                makeWallet(dir.path());
                const auto before = openWallet(dir.path());
                ASSERT_TRUE(before);
                bool acknowledged = false;
                {
                    wallet::Wallet w(dir.path());
                    ASSERT_TRUE(w.unlock(SecureBytes(kPassword)));
                    const int identitiesBefore = int(w.identities()->size());
                    test::FaultPlan plan(n, fault);
                    const auto r = operation(w);
                    acknowledged = r.isOk();
                    if (!r) {
                        EXPECT_TRUE(r.failure() == Failure::DiskFull || r.failure() == Failure::StorageError)
                            << qPrintable(r.error());
                        if (w.isUnlocked()) // nothing half-done in memory
                            EXPECT_EQ(int(w.identities()->size()), identitiesBefore) << "step " << n;
                    }
                }
                const auto after = openWallet(dir.path());
                ASSERT_TRUE(after) << "the wallet does not open after a fault at step " << n;
                EXPECT_EQ(after->siteAddress, before->siteAddress) << "step " << n;
                EXPECT_EQ(after->primaryIdentity, before->primaryIdentity) << "step " << n;
                if (acknowledged)
                    EXPECT_TRUE(changed(*after)) << "an acknowledged change is missing, step " << n;
            }
        }
    }

    // A kill before any step leaves the folder as it is at that moment: every such folder opens.
    void killAtEveryStep(const Operation& operation)
    {
        test::TestDataDir dir;
        makeWallet(dir.path());
        const auto before = openWallet(dir.path());
        ASSERT_TRUE(before);
        test::TestDataDir snapshots;
        int taken = 0;
        {
            wallet::Wallet w(dir.path());
            ASSERT_TRUE(w.unlock(SecureBytes(kPassword)));
            test::FaultPlan plan(0, fs::Fault::None, [&](int n, fs::FileStep) {
                copyFolder(dir.path(), snapshots.filePath(QString::number(n)));
                taken = n;
            });
            ASSERT_TRUE(operation(w));
        }
        ASSERT_GT(taken, 5);
        for (int n = 1; n <= taken; ++n) {
            const QString folder = snapshots.filePath(QString::number(n));
            fs::removeLeftoverTemporaries(folder); // as the next start does
            const auto after = openWallet(folder);
            ASSERT_TRUE(after) << "killed before step " << n << ", the wallet does not open";
            EXPECT_EQ(after->siteAddress, before->siteAddress) << "step " << n;
        }
    }

    test::FastBackupKdf m_fastKdf;
};

const Operation kCreateIdentity = [](wallet::Wallet& w) -> Result<bool> {
    const auto created = w.createIdentity(QStringLiteral("third"));
    return created ? Result<bool>::ok(true) : Result<bool>::failFrom(created);
};

const Operation kChangePassword = [](wallet::Wallet& w) {
    return w.changePassword(SecureBytes(kPassword), SecureBytes(kNewPassword));
};

} // namespace

TEST_F(WalletFaults, IdentityCreationSurvivesAFaultAtEveryStep)
{
    failEveryStep(kCreateIdentity, [](const Opened& o) { return o.identities == 3; });
}

TEST_F(WalletFaults, PasswordChangeSurvivesAFaultAtEveryStep)
{
    failEveryStep(kChangePassword, [](const Opened& o) { return o.password == QLatin1String(kNewPassword); });
}

TEST_F(WalletFaults, ImportSurvivesAFaultAtEveryStep)
{
    // The import brings in the same wallet's file (so "the same keys" holds either way) with one
    // identity fewer: the identity count tells which version is on disk.
    test::TestDataDir source;
    {
        wallet::Wallet w(source.path());
        ASSERT_TRUE(w.create(SecureBytes(kPassword)));
    }
    // Same keys: import the source folder's wallet into a copy of it, not a different wallet.
    const auto sourceFile = fs::readWholeFile(QDir(source.path()).filePath(QStringLiteral("backup.bep")));
    ASSERT_TRUE(sourceFile);
    test::TestDataDir dir;
    copyFolder(source.path(), dir.path());
    {
        wallet::Wallet w(dir.path());
        ASSERT_TRUE(w.unlock(SecureBytes(kPassword)));
        ASSERT_TRUE(w.createIdentity(QStringLiteral("second")));
    }
    const QByteArray content = *sourceFile;
    const auto before = openWallet(dir.path());
    for (int n = 1;; ++n) {
        test::TestDataDir run;
        copyFolder(dir.path(), run.path());
        bool acknowledged = false;
        bool fired = false;
        {
            wallet::Wallet w(run.path());
            test::FaultPlan plan(n, fs::Fault::NoSpace);
            acknowledged = w.importBackup(content, SecureBytes(kPassword), /*replace=*/true).isOk();
            fired = plan.fired();
        }
        const auto after = openWallet(run.path());
        ASSERT_TRUE(after) << "step " << n;
        EXPECT_EQ(after->siteAddress, before->siteAddress) << "step " << n;
        if (acknowledged)
            EXPECT_EQ(after->identities, 1) << "step " << n;
        else
            EXPECT_EQ(after->identities, 2) << "step " << n;
        if (!fired)
            break; // every step has been failed once
    }
}

TEST_F(WalletFaults, CreatingAWalletOnAFullDiskLeavesNoWalletOrAWholeOne)
{
    for (int n = 1;; ++n) {
        test::TestDataDir dir;
        bool fired = false;
        bool created = false;
        {
            wallet::Wallet w(dir.path());
            test::FaultPlan plan(n, fs::Fault::NoSpace);
            const auto r = w.create(SecureBytes(kPassword));
            created = r.isOk();
            fired = plan.fired();
            if (!r) {
                EXPECT_EQ(r.failure(), Failure::DiskFull);
                EXPECT_FALSE(w.isUnlocked());
            }
        }
        wallet::Wallet again(dir.path());
        if (created)
            EXPECT_TRUE(again.unlock(SecureBytes(kPassword))) << "step " << n;
        else
            EXPECT_EQ(again.state(), wallet::WalletState::NoWallet) << "step " << n;
        if (!fired)
            break;
    }
}

TEST_F(WalletFaults, AKillAtAnyMomentOfASaveLeavesAWalletThatOpens)
{
    killAtEveryStep(kCreateIdentity);
}

TEST_F(WalletFaults, AKillAtAnyMomentOfAPasswordChangeLeavesAWalletThatOpens)
{
    killAtEveryStep(kChangePassword);
}

TEST_F(WalletFaults, AfterAPasswordChangeNoFileOpensWithTheOldPassword)
{
    test::TestDataDir dir;
    makeWallet(dir.path());
    {
        wallet::Wallet w(dir.path());
        ASSERT_TRUE(w.unlock(SecureBytes(kPassword)));
        ASSERT_TRUE(kChangePassword(w));
    }
    wallet::Wallet w(dir.path());
    const auto old = w.unlock(SecureBytes(kPassword));
    ASSERT_FALSE(old);
    EXPECT_EQ(old.failure(), Failure::InvalidPassword);
    EXPECT_TRUE(w.unlock(SecureBytes(kNewPassword)));
}
