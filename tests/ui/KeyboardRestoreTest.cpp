// Issue 19 item 4, continued from KeyboardTest: the setup wizard's two restore paths and the
// Settings keychain prompt, done with synthetic keys sent only to the focused widget. Each walk
// also makes one mistake on the way, because a keyboard user must be able to recover from it
// without the mouse (the focus lands where the fix is typed).

#include "EveryWindowFixture.h"
#include "KeyboardWalk.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

class KeyboardRestoreTest : public EveryWindowFixture
{
protected:
    using Page = ui::SetupWizard::Page;

    static std::string at(QWidget* w) { return focusedName(w).toStdString(); }
    static QString error(QWidget* w) { return child<QLabel>(*w, "setupError")->text(); }
    QString exportedWords(wallet::Wallet& wallet, const char* password)
    {
        auto secrets = wallet.exportSecrets(secret(password));
        EXPECT_TRUE(secrets.isOk()) << qPrintable(secrets.error());
        return secrets ? QString::fromUtf8(secrets->mnemonic.view().toByteArray()) : QString();
    }
};

const QString kOtherPassword = QStringLiteral("another good password");

} // namespace

// Choice (Tab, Space), the words, Tab, password, Tab, confirm, Enter; a bad word sends the focus
// back to the words, which are fixed with Ctrl+A and typing; Enter on the Done page closes.
TEST_F(KeyboardRestoreTest, SetupWizardRestoresFromTheWordsWithKeysOnly)
{
    TestDataDir empty;
    wallet::Wallet fresh(empty.path());
    auto wizard = setupWizard(&fresh);
    QWidget* w = wizard.get();
    QSignalSpy ready(wizard.get(), &ui::SetupWizard::walletReady);

    ASSERT_EQ(at(w), "setupChoiceCreate");
    press(w, Qt::Key_Tab);
    ASSERT_EQ(at(w), "setupChoiceRestore");
    press(w, Qt::Key_Space);
    ASSERT_EQ(wizard->page(), Page::Restore);
    ASSERT_EQ(at(w), "setupRestoreWords");

    // Twelve real words with a wrong checksum.
    type(w, QStringList(12, QStringLiteral("abandon")).join(QLatin1Char(' ')));
    press(w, Qt::Key_Tab);
    ASSERT_EQ(at(w), "setupRestorePassword");
    type(w, kOtherPassword);
    press(w, Qt::Key_Tab);
    ASSERT_EQ(at(w), "setupRestoreConfirm");
    type(w, kOtherPassword);
    press(w, Qt::Key_Return);
    ASSERT_EQ(wizard->page(), Page::Restore);
    EXPECT_TRUE(error(w).contains(QStringLiteral("not valid")));
    ASSERT_EQ(at(w), "setupRestoreWords") << "the focus stays away from the mistake";

    press(w, Qt::Key_A, Qt::ControlModifier);
    type(w, QString::fromLatin1(kWalletWords));
    press(w, Qt::Key_Tab); // the passwords are still there: Enter in the field finishes
    ASSERT_EQ(at(w), "setupRestorePassword");
    press(w, Qt::Key_Return);
    ASSERT_TRUE(QTest::qWaitFor([&] { return wizard->page() == Page::Done; }, 20000)) << qPrintable(error(w));
    EXPECT_EQ(ready.size(), 1);
    EXPECT_EQ(fresh.state(), wallet::WalletState::Unlocked);
    EXPECT_EQ(exportedWords(fresh, "another good password"), QString::fromLatin1(kWalletWords));
    ASSERT_EQ(at(w), "setupNext");
    press(w, Qt::Key_Return); // Close
    EXPECT_EQ(wizard->result(), QDialog::Accepted);
    EXPECT_FALSE(wizard->isVisible());
}

// Alt+B (the mnemonic of "Restore from a backup file"), the path typed into its field, Tab past
// Browse… (no file chooser opens), the password, Enter. A wrong password leaves the focus in the
// emptied password field, so the right one is simply typed again.
TEST_F(KeyboardRestoreTest, SetupWizardImportsABackupFileWithKeysOnly)
{
    const QString backup = m_wallet->backupPath(); // the fixture's wallet, known words and password
    TestDataDir empty;
    wallet::Wallet fresh(empty.path());
    auto wizard = setupWizard(&fresh);
    QWidget* w = wizard.get();

    press(w, Qt::Key_B, Qt::AltModifier); // the button animates its click: pressed, released 100 ms later
    ASSERT_TRUE(QTest::qWaitFor([&] { return wizard->page() == Page::Import; }, 2000));
    ASSERT_EQ(at(w), "setupImportFile");
    type(w, backup);
    press(w, Qt::Key_Tab);
    ASSERT_EQ(at(w), "setupImportBrowse");
    press(w, Qt::Key_Tab);
    ASSERT_EQ(at(w), "setupImportPassword");
    type(w, QStringLiteral("not the password"));
    press(w, Qt::Key_Return);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !wizard->isBusy(); }, 20000));
    ASSERT_EQ(wizard->page(), Page::Import);
    EXPECT_FALSE(error(w).isEmpty());
    EXPECT_NE(fresh.state(), wallet::WalletState::Unlocked);
    ASSERT_EQ(at(w), "setupImportPassword");

    type(w, QString::fromLatin1(kWalletPassword));
    press(w, Qt::Key_Return);
    ASSERT_TRUE(QTest::qWaitFor([&] { return wizard->page() == Page::Done; }, 20000)) << qPrintable(error(w));
    EXPECT_EQ(fresh.state(), wallet::WalletState::Unlocked);
    EXPECT_EQ(exportedWords(fresh, kWalletPassword), QString::fromLatin1(kWalletWords));
    press(w, Qt::Key_Return); // Close
    EXPECT_EQ(wizard->result(), QDialog::Accepted);
}

// Space on "Unlock with the system keychain" opens the prompt with the focus in its field; a wrong
// password keeps the focus there; the right one and Enter store it, close the prompt and give the
// focus back to the check box. The window stays open and no other button was pressed.
TEST_F(KeyboardRestoreTest, KeychainPromptCompletedWithKeysOnly)
{
    auto window = settingsWindow();
    QWidget* w = window.get();
    QSignalSpy exportAsked(window.get(), &ui::SettingsWindow::exportRequested);
    QSignalSpy changeAsked(window.get(), &ui::SettingsWindow::changePasswordRequested);
    auto* box = child<QCheckBox>(*w, "settingsUnlockWithKeychain");
    auto* prompt = child<QWidget>(*w, "settingsKeychainPrompt");

    ASSERT_TRUE(tabTo(w, box));
    press(w, Qt::Key_Space);
    ASSERT_TRUE(prompt->isVisible());
    ASSERT_EQ(at(w), "settingsKeychainPassword");
    type(w, QStringLiteral("not the password"));
    press(w, Qt::Key_Return);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !window->isBusy(); }, 20000));
    EXPECT_FALSE(child<QLabel>(*w, "settingsKeychainMessage")->text().isEmpty());
    EXPECT_FALSE(m_secrets.contains(m_keychain->account()));
    ASSERT_EQ(at(w), "settingsKeychainPassword");

    type(w, QString::fromLatin1(kWalletPassword));
    press(w, Qt::Key_Return);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !window->isBusy() && box->isChecked(); }, 20000))
        << qPrintable(child<QLabel>(*w, "settingsKeychainMessage")->text());
    EXPECT_TRUE(m_secrets.contains(m_keychain->account()));
    EXPECT_FALSE(prompt->isVisible());
    EXPECT_EQ(focused(w), box);
    EXPECT_TRUE(w->isVisible());
    EXPECT_EQ(exportAsked.size(), 0);
    EXPECT_EQ(changeAsked.size(), 0);
}

// Cancelled two ways: Tab to Cancel and Space, and Escape in the field. Either closes the prompt
// (not the window), forgets what was typed, stores nothing, and gives the focus back to the check
// box; Escape again then closes the window.
TEST_F(KeyboardRestoreTest, KeychainPromptCancelledWithKeysOnly)
{
    auto window = settingsWindow();
    QWidget* w = window.get();
    auto* box = child<QCheckBox>(*w, "settingsUnlockWithKeychain");
    auto* prompt = child<QWidget>(*w, "settingsKeychainPrompt");
    auto* field = child<QLineEdit>(*w, "settingsKeychainPassword");

    ASSERT_TRUE(tabTo(w, box));
    press(w, Qt::Key_Space);
    ASSERT_EQ(at(w), "settingsKeychainPassword");
    type(w, QStringLiteral("half typed"));
    press(w, Qt::Key_Tab);
    ASSERT_EQ(at(w), "settingsKeychainConfirm");
    press(w, Qt::Key_Tab);
    ASSERT_EQ(at(w), "settingsKeychainCancel");
    press(w, Qt::Key_Space);
    EXPECT_FALSE(prompt->isVisible());
    EXPECT_TRUE(field->text().isEmpty());
    EXPECT_FALSE(box->isChecked());
    ASSERT_EQ(focused(w), box);

    press(w, Qt::Key_Space);
    ASSERT_TRUE(prompt->isVisible());
    ASSERT_EQ(at(w), "settingsKeychainPassword");
    type(w, QStringLiteral("half typed"));
    press(w, Qt::Key_Escape);
    EXPECT_TRUE(w->isVisible()) << "Escape in the prompt closed the whole window";
    EXPECT_FALSE(prompt->isVisible());
    EXPECT_TRUE(field->text().isEmpty());
    EXPECT_FALSE(box->isChecked());
    EXPECT_FALSE(m_secrets.contains(m_keychain->account()));
    ASSERT_EQ(focused(w), box);

    press(w, Qt::Key_Escape);
    EXPECT_FALSE(w->isVisible());
}
