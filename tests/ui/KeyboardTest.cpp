// Issue 19 item 4: every dialog can be completed with the keyboard alone. The tests type into
// whatever has the focus and move only with Tab, Enter, Space and Escape, and check what the
// dialog did (its result, its signals, the wallet), not only that nothing crashed.

#include "EveryWindowFixture.h"
#include "KeyboardWalk.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

class KeyboardTest : public EveryWindowFixture
{
};

const QString kNewPassword = QStringLiteral("a brand new password");

} // namespace

TEST_F(KeyboardTest, UnlockWithThePasswordAndEnter)
{
    QStringList tried;
    auto dialog = unlockDialog([&tried](crypto::SecureBytes password) {
        tried << QString::fromUtf8(password.view().toByteArray());
    });
    ASSERT_EQ(focusedName(dialog.get()), QStringLiteral("unlockPassword"));
    type(dialog.get(), QString::fromLatin1(kWalletPassword));
    press(dialog.get(), Qt::Key_Return);
    ASSERT_EQ(tried, QStringList{QString::fromLatin1(kWalletPassword)}); // once, not twice
    dialog->unlockFinished(true, QString());
    EXPECT_EQ(dialog->result(), QDialog::Accepted);
    EXPECT_FALSE(dialog->isVisible());
}

TEST_F(KeyboardTest, UnlockEscapeCancels)
{
    QStringList tried;
    auto dialog = unlockDialog([&tried](crypto::SecureBytes password) {
        tried << QString::fromUtf8(password.view().toByteArray());
    });
    type(dialog.get(), QStringLiteral("half typed"));
    press(dialog.get(), Qt::Key_Escape);
    EXPECT_EQ(dialog->result(), QDialog::Rejected);
    EXPECT_FALSE(dialog->isVisible());
    EXPECT_TRUE(tried.isEmpty());
    EXPECT_TRUE(child<QLineEdit>(*dialog, "unlockPassword")->text().isEmpty()); // wiped on the way out
}

TEST_F(KeyboardTest, ChangePasswordWithTabAndEnter)
{
    auto dialog = changePasswordDialog();
    QSignalSpy changed(dialog.get(), &ui::ChangePasswordDialog::passwordChanged);
    ASSERT_EQ(focusedName(dialog.get()), QStringLiteral("changeOldPassword"));
    type(dialog.get(), QString::fromLatin1(kWalletPassword));
    press(dialog.get(), Qt::Key_Tab);
    ASSERT_EQ(focusedName(dialog.get()), QStringLiteral("changeNewPassword"));
    type(dialog.get(), kNewPassword);
    press(dialog.get(), Qt::Key_Tab);
    ASSERT_EQ(focusedName(dialog.get()), QStringLiteral("changeConfirmPassword"));
    type(dialog.get(), kNewPassword);
    press(dialog.get(), Qt::Key_Return);
    ASSERT_TRUE(changed.wait(20000) || changed.size() == 1);
    EXPECT_EQ(changed.size(), 1);
    EXPECT_TRUE(m_wallet->verifyPassword(crypto::SecureBytes(kNewPassword.toUtf8())).isOk());
    EXPECT_FALSE(m_wallet->verifyPassword(secret(kWalletPassword)).isOk());

    press(dialog.get(), Qt::Key_Escape);
    EXPECT_FALSE(dialog->isVisible());
}

TEST_F(KeyboardTest, SetupWizardCreatesAWalletWithKeysOnly)
{
    TestDataDir empty;
    wallet::Wallet fresh(empty.path());
    auto wizard = setupWizard(&fresh);
    QWidget* w = wizard.get();
    using Page = ui::SetupWizard::Page;
    QSignalSpy ready(wizard.get(), &ui::SetupWizard::walletReady);

    ASSERT_EQ(focusedName(w), QStringLiteral("setupChoiceCreate"));
    press(w, Qt::Key_Space);
    ASSERT_EQ(wizard->page(), Page::CreatePassword);
    ASSERT_EQ(focusedName(w), QStringLiteral("setupPassword"));
    type(w, kNewPassword);
    press(w, Qt::Key_Tab);
    ASSERT_EQ(focusedName(w), QStringLiteral("setupPasswordConfirm"));
    type(w, kNewPassword);
    press(w, Qt::Key_Return);
    ASSERT_EQ(wizard->page(), Page::ShowWords) << qPrintable(child<QLabel>(*w, "setupError")->text());

    QStringList words;
    for (int i = 0; i < ui::SetupWizard::kWordCount; ++i) {
        const QString shown = child<QLabel>(*w, qPrintable(QStringLiteral("setupWord%1").arg(i)))->text();
        words << QString(shown.constData(), shown.size()); // a deep copy: the labels are wiped later
    }
    press(w, Qt::Key_Return); // Next has the focus
    ASSERT_EQ(wizard->page(), Page::VerifyWords);
    const QList<int> asked = wizard->verificationIndices();
    ASSERT_EQ(asked.size(), ui::SetupWizard::kWordsToVerify);
    for (int i = 0; i < asked.size(); ++i) {
        ASSERT_EQ(focusedName(w), QStringLiteral("setupVerifyWord%1").arg(i));
        type(w, words.at(asked.at(i)));
        if (i + 1 < asked.size())
            press(w, Qt::Key_Tab);
    }
    press(w, Qt::Key_Return);
    ASSERT_TRUE(QTest::qWaitFor([&] { return wizard->page() == Page::Done; }, 20000))
        << qPrintable(child<QLabel>(*w, "setupError")->text());
    EXPECT_EQ(ready.size(), 1);
    EXPECT_EQ(fresh.state(), wallet::WalletState::Unlocked);
    press(w, Qt::Key_Return); // Close
    EXPECT_EQ(wizard->result(), QDialog::Accepted);
    EXPECT_FALSE(wizard->isVisible());
}

TEST_F(KeyboardTest, ExportShowsTheWordsAfterPasswordAndEnterAndEscapeWipesThem)
{
    auto dialog = exportDialog();
    ASSERT_EQ(focusedName(dialog.get()), QStringLiteral("exportPassword"));
    type(dialog.get(), QString::fromLatin1(kWalletPassword));
    press(dialog.get(), Qt::Key_Return);
    ASSERT_TRUE(QTest::qWaitFor([&] { return dialog->showsWords(); }, 20000));
    EXPECT_EQ(child<QLabel>(*dialog, "exportWord12")->text(), QStringLiteral("about"));
    press(dialog.get(), Qt::Key_Escape);
    EXPECT_FALSE(dialog->isVisible());
    EXPECT_EQ(dialog->result(), QDialog::Rejected);
    EXPECT_FALSE(dialog->showsWords());
}

// Tab reaches every control of the Settings window, Enter in the address field adds it (and does
// not also press a button), Escape closes.
TEST_F(KeyboardTest, SettingsTabReachesEveryControlAndEscapeCloses)
{
    auto window = settingsWindow();
    QWidget* w = window.get();
    QSignalSpy exportAsked(window.get(), &ui::SettingsWindow::exportRequested);
    QSignalSpy changeAsked(window.get(), &ui::SettingsWindow::changePasswordRequested);
    QSignalSpy origins(window.get(), &ui::SettingsWindow::originWhitelistChanged);

    QSet<QWidget*> reached;
    for (int i = 0; i < 60; ++i) {
        reached.insert(focused(w));
        press(w, Qt::Key_Tab);
    }
    for (QWidget* c : w->findChildren<QWidget*>()) {
        const bool control = qobject_cast<QAbstractButton*>(c) || qobject_cast<QLineEdit*>(c) ||
                             qobject_cast<QComboBox*>(c) || qobject_cast<QAbstractSpinBox*>(c) ||
                             qobject_cast<QAbstractItemView*>(c);
        if (!control || !c->isVisible() || !c->isEnabled() || c->focusPolicy() == Qt::NoFocus)
            continue;
        if (qobject_cast<QAbstractSpinBox*>(c->parentWidget()) || qobject_cast<QComboBox*>(c->parentWidget()))
            continue; // a spin box's own line edit
        EXPECT_TRUE(reached.contains(c)) << "Tab never reaches " << qPrintable(c->objectName());
    }

    auto* input = child<QLineEdit>(*w, "settingsOriginInput");
    ASSERT_TRUE(tabTo(w, input));
    type(w, QStringLiteral("https://keys.example"));
    press(w, Qt::Key_Return);
    ASSERT_EQ(origins.size(), 1);
    EXPECT_EQ(origins.at(0).at(0).toStringList(), QStringList{QStringLiteral("https://keys.example")});
    EXPECT_TRUE(child<QLabel>(*w, "settingsOriginMessage")->text().isEmpty());
    EXPECT_EQ(exportAsked.size(), 0);
    EXPECT_EQ(changeAsked.size(), 0);
    EXPECT_TRUE(w->isVisible());

    press(w, Qt::Key_Escape);
    EXPECT_FALSE(w->isVisible());
}
