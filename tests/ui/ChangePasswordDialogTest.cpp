#include "ChangePasswordDialog.h"
#include "WalletWindowFixture.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace tokenpass;
using namespace tokenpass::test;
using ui::ChangePasswordDialog;

namespace {

class ChangePasswordDialogTest : public WalletWindowFixture
{
protected:
    void fill(ChangePasswordDialog& dialog, const QString& oldPassword, const QString& newPassword,
              const QString& confirm)
    {
        QTest::keyClicks(child<QLineEdit>(dialog, "changeOldPassword"), oldPassword);
        QTest::keyClicks(child<QLineEdit>(dialog, "changeNewPassword"), newPassword);
        QTest::keyClicks(child<QLineEdit>(dialog, "changeConfirmPassword"), confirm);
    }
};

} // namespace

TEST_F(ChangePasswordDialogTest, NewPasswordUnlocksAndTheOldOneNoLongerDoes)
{
    QByteArray handedOn;
    ChangePasswordDialog dialog(m_wallet.get(), m_backoff.get(),
                                [&](const crypto::SecureBytes& pw) { handedOn = pw.toByteArrayUnsafe(); });
    QSignalSpy changed(&dialog, &ChangePasswordDialog::passwordChanged);
    dialog.show();
    EXPECT_TRUE(child<QLabel>(dialog, "changeExplanation")->text().contains(QStringLiteral("created with")));

    fill(dialog, QString::fromLatin1(kWalletPassword), QStringLiteral("a much longer passphrase"),
         QStringLiteral("a much longer passphrase"));
    EXPECT_FALSE(child<QLabel>(dialog, "changeStrength")->text().isEmpty());
    auto* button = child<QPushButton>(dialog, "changeButton");
    ASSERT_TRUE(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    EXPECT_TRUE(dialog.isBusy()); // the re-encryption runs on the thread pool
    EXPECT_TRUE(child<QLineEdit>(dialog, "changeOldPassword")->text().isEmpty());
    ASSERT_TRUE(QTest::qWaitFor([&] { return !dialog.isBusy(); }, 10000));
    EXPECT_EQ(changed.count(), 1);
    EXPECT_TRUE(child<QLabel>(dialog, "changeMessage")->text().isEmpty());
    EXPECT_TRUE(child<QLabel>(dialog, "changeDone")->isVisible());
    EXPECT_EQ(handedOn, QByteArray("a much longer passphrase"));

    m_wallet->lock();
    const auto old = m_wallet->unlock(secret(kWalletPassword));
    ASSERT_FALSE(old);
    EXPECT_EQ(old.error(), QStringLiteral("Invalid password"));
    EXPECT_TRUE(m_wallet->unlock(secret("a much longer passphrase")));
    // The words did not change.
    const auto words = m_wallet->recoveryWords(secret("a much longer passphrase"));
    ASSERT_TRUE(words);
    EXPECT_EQ(words->toByteArrayUnsafe(), QByteArray(kWalletWords));
}

TEST_F(ChangePasswordDialogTest, ShortOrMismatchedNewPasswordsAreExplainedAndNotSent)
{
    ChangePasswordDialog dialog(m_wallet.get(), m_backoff.get());
    dialog.show();
    auto* button = child<QPushButton>(dialog, "changeButton");
    auto* message = child<QLabel>(dialog, "changeMessage");

    fill(dialog, QString::fromLatin1(kWalletPassword), QStringLiteral("short"), QStringLiteral("short"));
    EXPECT_FALSE(button->isEnabled());
    EXPECT_TRUE(message->text().contains(QStringLiteral("at least 8")));

    child<QLineEdit>(dialog, "changeNewPassword")->setText(QStringLiteral("long enough one"));
    child<QLineEdit>(dialog, "changeConfirmPassword")->setText(QStringLiteral("long enough two"));
    EXPECT_FALSE(button->isEnabled());
    EXPECT_TRUE(message->text().contains(QStringLiteral("are not the same")));

    child<QLineEdit>(dialog, "changeConfirmPassword")->setText(QStringLiteral("long enough one"));
    EXPECT_TRUE(button->isEnabled());
    EXPECT_TRUE(message->text().isEmpty());
}

TEST_F(ChangePasswordDialogTest, WrongCurrentPasswordChangesNothingAndCountsAsAFailure)
{
    ChangePasswordDialog dialog(m_wallet.get(), m_backoff.get());
    dialog.show();
    fill(dialog, QStringLiteral("not the password"), QStringLiteral("a much longer passphrase"),
         QStringLiteral("a much longer passphrase"));
    QTest::mouseClick(child<QPushButton>(dialog, "changeButton"), Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !dialog.isBusy(); }, 10000));
    EXPECT_EQ(
        child<QLabel>(dialog, "changeMessage")->text(),
        QStringLiteral("The current password is not correct. Type the password you unlock TokenPass with."));
    EXPECT_FALSE(child<QLabel>(dialog, "changeDone")->isVisible());
    EXPECT_EQ(m_backoff->failureCount(), 1);
    EXPECT_TRUE(m_wallet->verifyPassword(secret(kWalletPassword)));
    EXPECT_FALSE(m_wallet->verifyPassword(secret("a much longer passphrase")));
}

TEST_F(ChangePasswordDialogTest, LockedWalletAsksToUnlockFirst)
{
    m_wallet->lock();
    ChangePasswordDialog dialog(m_wallet.get(), m_backoff.get());
    dialog.show();
    fill(dialog, QString::fromLatin1(kWalletPassword), QStringLiteral("a much longer passphrase"),
         QStringLiteral("a much longer passphrase"));
    EXPECT_FALSE(child<QPushButton>(dialog, "changeButton")->isEnabled());
    EXPECT_EQ(
        child<QLabel>(dialog, "changeMessage")->text(),
        QStringLiteral("The wallet is locked. Unlock it from the tray icon, then change the password."));
}
