// Unlocking when backup.bep is missing, empty or damaged (issue 13, "Recovery at start"): the
// wallet opens from backup.bep.bak if that decrypts with the password, writes it back and says
// so; a file no password can open is reported as damaged, not as a wrong password.

#include "common/FastBackupKdf.h"
#include "common/TestDataDir.h"
#include "fs/AtomicFile.h"
#include "wallet/Wallet.h"

#include <QFile>
#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace tokenpass;
using crypto::SecureBytes;

namespace {

const QByteArray kPassword = "password-A";

class WalletRepair : public ::testing::Test
{
protected:
    void SetUp() override
    {
        wallet::Wallet w(m_dir.path());
        ASSERT_TRUE(w.create(SecureBytes(kPassword)));
        m_address = w.hostKey(QStringLiteral("example.com"))->address;
        ASSERT_TRUE(w.createIdentity(QStringLiteral("second"))); // the save that makes .bak
        m_bep = w.backupPath();
        m_bak = fs::previousVersionPath(m_bep);
        ASSERT_TRUE(QFileInfo::exists(m_bak));
    }

    void overwrite(const QString& path, const QByteArray& bytes)
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }

    // Opens from .bak, puts it back, says so, and keeps the keys.
    void expectRepaired()
    {
        wallet::Wallet w(m_dir.path());
        EXPECT_EQ(w.state(), wallet::WalletState::Locked);
        QSignalSpy repaired(&w, &wallet::Wallet::unlockRepaired);
        const auto r = w.unlock(SecureBytes(kPassword));
        ASSERT_TRUE(r) << qPrintable(r.error());
        EXPECT_EQ(w.hostKey(QStringLiteral("example.com"))->address, m_address);
        EXPECT_EQ(repaired.count(), 1);
        EXPECT_TRUE(w.unlockNotice().contains(m_bak)) << qPrintable(w.unlockNotice());
        w.lock();
        EXPECT_TRUE(w.unlockNotice().isEmpty());
        // backup.bep was written back: it opens by itself now, with nothing to repair.
        QFile::remove(m_bak);
        wallet::Wallet again(m_dir.path());
        ASSERT_TRUE(again.unlock(SecureBytes(kPassword)));
        EXPECT_TRUE(again.unlockNotice().isEmpty());
    }

    test::FastBackupKdf m_fastKdf;
    test::TestDataDir m_dir;
    QString m_address;
    QString m_bep;
    QString m_bak;
};

} // namespace

TEST_F(WalletRepair, AnEmptyWalletFileIsRepairedFromTheBackup)
{
    overwrite(m_bep, QByteArray()); // what issue 13's full disk left
    expectRepaired();
}

TEST_F(WalletRepair, AMissingWalletFileIsRepairedFromTheBackup)
{
    ASSERT_TRUE(QFile::remove(m_bep));
    expectRepaired();
}

TEST_F(WalletRepair, AnAlteredWalletFileIsRepairedFromTheBackup)
{
    QByteArray bytes = *fs::readWholeFile(m_bep);
    bytes[bytes.size() / 2] = bytes[bytes.size() / 2] == 'A' ? 'B' : 'A';
    overwrite(m_bep, bytes);
    expectRepaired();
}

TEST_F(WalletRepair, AWrongPasswordIsAWrongPasswordEvenWithABackup)
{
    overwrite(m_bep, QByteArray());
    wallet::Wallet w(m_dir.path());
    const auto r = w.unlock(SecureBytes(QByteArrayView("not the password")));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.failure(), Failure::InvalidPassword);
    EXPECT_EQ(r.error(), QStringLiteral("Invalid password"));
    EXPECT_EQ(fs::readWholeFile(m_bep)->size(), 0); // nothing written on a failed unlock
}

TEST_F(WalletRepair, ADamagedFileWithoutABackupSaysSoAndWhatToDo)
{
    QFile::remove(m_bak);
    overwrite(m_bep, QByteArray());
    wallet::Wallet w(m_dir.path());
    const auto r = w.unlock(SecureBytes(kPassword));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.failure(), Failure::WalletDamaged);
    EXPECT_TRUE(r.error().contains(m_bep)) << qPrintable(r.error());
    EXPECT_TRUE(r.error().contains(QLatin1String("recovery words"))) << qPrintable(r.error());
}

TEST_F(WalletRepair, AWalletWhoseFileIsGoneButWhoseBackupIsThereStillExists)
{
    ASSERT_TRUE(QFile::remove(m_bep));
    wallet::Wallet w(m_dir.path());
    EXPECT_EQ(w.state(), wallet::WalletState::Locked);
    // Registering a new wallet over it would lose the keys.
    const auto created = w.create(SecureBytes(QByteArrayView("another password")));
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error(), QStringLiteral("Wallet already exists"));
}
