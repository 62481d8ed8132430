// Wallet::recoveryWords and verifyPassword, the core of the export window and of "unlock with
// system keychain" (issue 6).
#include "common/TestDataDir.h"
#include "fs/AtomicFile.h"
#include "wallet/BackupFile.h"
#include "wallet/Wallet.h"

#include <gtest/gtest.h>

using namespace tokenpass;
using crypto::SecureBytes;
using wallet::Wallet;

namespace {

const char* kWords =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

SecureBytes secret(const char* text)
{
    return SecureBytes(QByteArrayView(text));
}

class WalletRecoveryWordsTest : public ::testing::Test
{
protected:
    void SetUp() override { wallet::BackupFile::setIterationsForTesting(1000); }
    void TearDown() override { wallet::BackupFile::setIterationsForTesting(0); }
    test::TestDataDir m_dir;
    Wallet m_wallet{m_dir.path()};
};

} // namespace

TEST_F(WalletRecoveryWordsTest, RightPasswordGivesTheWordsLockedOrUnlocked)
{
    const SecureBytes words = secret(kWords);
    ASSERT_TRUE(m_wallet.create(secret("correct horse battery"), &words));
    auto unlockedWords = m_wallet.recoveryWords(secret("correct horse battery"));
    ASSERT_TRUE(unlockedWords) << qPrintable(unlockedWords.error());
    EXPECT_EQ(unlockedWords->toByteArrayUnsafe(), QByteArray(kWords));
    EXPECT_TRUE(m_wallet.verifyPassword(secret("correct horse battery")));

    m_wallet.lock();
    auto lockedWords = m_wallet.recoveryWords(secret("correct horse battery"));
    ASSERT_TRUE(lockedWords) << qPrintable(lockedWords.error());
    EXPECT_EQ(lockedWords->toByteArrayUnsafe(), QByteArray(kWords));
    EXPECT_TRUE(m_wallet.verifyPassword(secret("correct horse battery")));
    EXPECT_FALSE(m_wallet.isUnlocked()); // checking is not unlocking
}

TEST_F(WalletRecoveryWordsTest, WrongPasswordIsInvalidPassword)
{
    ASSERT_TRUE(m_wallet.create(secret("correct horse battery")));
    const auto words = m_wallet.recoveryWords(secret("correct horse batterY"));
    ASSERT_FALSE(words);
    EXPECT_EQ(words.error(), QStringLiteral("Invalid password"));
    const auto verified = m_wallet.verifyPassword(secret("wrong password"));
    ASSERT_FALSE(verified);
    EXPECT_EQ(verified.error(), QStringLiteral("Invalid password"));
}

TEST_F(WalletRecoveryWordsTest, AfterChangePasswordOnlyTheNewOneOpensAndTheWordsStay)
{
    const SecureBytes words = secret(kWords);
    ASSERT_TRUE(m_wallet.create(secret("correct horse battery"), &words));
    ASSERT_TRUE(m_wallet.changePassword(secret("correct horse battery"), secret("new password 123")));
    EXPECT_FALSE(m_wallet.verifyPassword(secret("correct horse battery")));
    auto after = m_wallet.recoveryWords(secret("new password 123"));
    ASSERT_TRUE(after) << qPrintable(after.error());
    EXPECT_EQ(after->toByteArrayUnsafe(), QByteArray(kWords));
}

TEST_F(WalletRecoveryWordsTest, AFileWithoutWordsSaysSo)
{
    // The backup payload shape of TokenPass Desktop v0.0.8: rootPk and ids, no mnemonic.
    const QByteArray payload =
        R"({"ids":"","label":"TokenPass","createdAt":"2024-01-01T00:00:00.000Z","rootPk":"KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn"})";
    const auto file = wallet::BackupFile::encrypt(payload, QByteArrayView("correct horse battery"));
    ASSERT_TRUE(file) << qPrintable(file.error());
    ASSERT_TRUE(fs::writeFileAtomically(m_wallet.backupPath(), file->toLatin1()));
    const auto words = m_wallet.recoveryWords(secret("correct horse battery"));
    ASSERT_FALSE(words);
    EXPECT_EQ(words.error(), Wallet::noRecoveryWordsError());
    EXPECT_TRUE(m_wallet.verifyPassword(secret("correct horse battery")));
}
