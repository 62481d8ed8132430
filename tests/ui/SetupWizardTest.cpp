#include "SetupWizard.h"

#include "common/TestDataDir.h"
#include "crypto/Bip39.h"
#include "wallet/BackupFile.h"
#include "wallet/Wallet.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace tokenpass;
using ui::SetupWizard;
using Page = SetupWizard::Page;

namespace {

const QString kPassword = QStringLiteral("correct horse 42");

class SetupWizardTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        wallet::BackupFile::setIterationsForTesting(1000);
        m_wallet = std::make_unique<wallet::Wallet>(m_dir.path());
        ASSERT_EQ(m_wallet->state(), wallet::WalletState::NoWallet);
        m_wizard = std::make_unique<SetupWizard>(m_wallet.get());
        m_wizard->show();
    }
    void TearDown() override
    {
        m_wizard.reset();
        wallet::BackupFile::setIterationsForTesting(0);
    }

    template <typename T> T* child(const QString& name)
    {
        auto* w = m_wizard->findChild<T*>(name);
        EXPECT_NE(w, nullptr) << qPrintable(name);
        return w;
    }
    template <typename T> T* child(const char* name) { return child<T>(QString::fromLatin1(name)); }
    void click(const char* name) { QTest::mouseClick(child<QPushButton>(name), Qt::LeftButton); }
    void type(const char* name, const QString& text)
    {
        auto* field = child<QLineEdit>(name);
        field->clear();
        QTest::keyClicks(field, text);
    }
    QString error() { return child<QLabel>("setupError")->text(); }
    bool waitForDone()
    {
        return QTest::qWaitFor([&] { return m_wizard->page() == Page::Done; }, 20000);
    }
    QString exportedWords()
    {
        auto secrets = m_wallet->exportSecrets(crypto::SecureBytes(kPassword.toUtf8()));
        EXPECT_TRUE(secrets.isOk()) << qPrintable(secrets.error());
        return secrets ? QString::fromUtf8(secrets->mnemonic.view().toByteArray()) : QString();
    }

    test::TestDataDir m_dir;
    std::unique_ptr<wallet::Wallet> m_wallet;
    std::unique_ptr<SetupWizard> m_wizard;
};

} // namespace

TEST_F(SetupWizardTest, CreateChecksThePasswordShowsWordsAndAsksThreeBack)
{
    click("setupChoiceCreate");
    ASSERT_EQ(m_wizard->page(), Page::CreatePassword);

    // Too short: refused, with the strength hint saying so.
    type("setupPassword", QStringLiteral("short"));
    EXPECT_TRUE(child<QLabel>("setupStrength")->text().contains(QStringLiteral("Too short")));
    type("setupPasswordConfirm", QStringLiteral("short"));
    click("setupNext");
    EXPECT_EQ(m_wizard->page(), Page::CreatePassword);
    EXPECT_FALSE(error().isEmpty());

    // Long enough but not confirmed: refused.
    type("setupPassword", kPassword);
    EXPECT_FALSE(child<QLabel>("setupStrength")->text().contains(QStringLiteral("Too short")));
    type("setupPasswordConfirm", QStringLiteral("something else"));
    click("setupNext");
    EXPECT_EQ(m_wizard->page(), Page::CreatePassword);
    EXPECT_TRUE(error().contains(QStringLiteral("not the same")));

    type("setupPasswordConfirm", kPassword);
    click("setupNext");
    ASSERT_EQ(m_wizard->page(), Page::ShowWords);
    EXPECT_TRUE(child<QLineEdit>("setupPassword")->text().isEmpty()); // taken and cleared
    EXPECT_TRUE(child<QLineEdit>("setupPasswordConfirm")->text().isEmpty());

    QStringList words;
    for (int i = 0; i < SetupWizard::kWordCount; ++i) {
        // A deep copy: the wizard overwrites the labels' own buffers when it is done with them.
        const QString shown = child<QLabel>(QStringLiteral("setupWord%1").arg(i))->text();
        words.append(QString(shown.constData(), shown.size()));
    }
    EXPECT_TRUE(crypto::Bip39::isValid(words.join(QLatin1Char(' ')).toUtf8()));
    // Nothing is written before the words have been typed back.
    EXPECT_EQ(m_wallet->state(), wallet::WalletState::NoWallet);

    click("setupNext");
    ASSERT_EQ(m_wizard->page(), Page::VerifyWords);
    const QList<int> asked = m_wizard->verificationIndices();
    ASSERT_EQ(asked.size(), SetupWizard::kWordsToVerify);
    for (int i = 0; i < asked.size(); ++i) {
        EXPECT_TRUE(child<QLabel>(QStringLiteral("setupVerifyLabel%1").arg(i))
                        ->text()
                        .contains(QString::number(asked[i] + 1)));
    }

    // A wrong word is refused without revealing the right one.
    const QString wrong =
        words[asked[1]] == QStringLiteral("zoo") ? QStringLiteral("abandon") : QStringLiteral("zoo");
    type("setupVerifyWord0", words[asked[0]]);
    type("setupVerifyWord1", wrong);
    type("setupVerifyWord2", words[asked[2]]);
    click("setupNext");
    EXPECT_EQ(m_wizard->page(), Page::VerifyWords);
    EXPECT_FALSE(error().isEmpty());
    EXPECT_FALSE(error().contains(words[asked[1]]));
    EXPECT_EQ(m_wallet->state(), wallet::WalletState::NoWallet);

    QSignalSpy ready(m_wizard.get(), &SetupWizard::walletReady);
    type("setupVerifyWord1", QStringLiteral("  ") + words[asked[1]].toUpper()); // case and spaces forgiven
    click("setupNext");
    EXPECT_TRUE(m_wizard->isBusy());
    EXPECT_TRUE(child<QProgressBar>("setupProgress")->isVisible());
    ASSERT_TRUE(waitForDone()) << qPrintable(error());
    EXPECT_EQ(ready.count(), 1);
    EXPECT_EQ(m_wallet->state(), wallet::WalletState::Unlocked);
    EXPECT_EQ(exportedWords(), words.join(QLatin1Char(' '))); // the words shown are the wallet's words
    for (int i = 0; i < SetupWizard::kWordCount; ++i)
        EXPECT_TRUE(child<QLabel>(QStringLiteral("setupWord%1").arg(i))->text().isEmpty());
    for (int i = 0; i < SetupWizard::kWordsToVerify; ++i)
        EXPECT_TRUE(child<QLineEdit>(QStringLiteral("setupVerifyWord%1").arg(i))->text().isEmpty());

    click("setupNext");
    EXPECT_EQ(m_wizard->result(), QDialog::Accepted);
}

TEST_F(SetupWizardTest, RestoreRejectsInvalidWordsThenRestores)
{
    click("setupChoiceRestore");
    ASSERT_EQ(m_wizard->page(), Page::Restore);
    auto* words = child<QPlainTextEdit>("setupRestoreWords");
    // Twelve valid words with a bad checksum.
    words->setPlainText(QStringList(12, QStringLiteral("abandon")).join(QLatin1Char(' ')));
    type("setupRestorePassword", kPassword);
    type("setupRestoreConfirm", kPassword);
    click("setupNext");
    EXPECT_EQ(m_wizard->page(), Page::Restore);
    EXPECT_TRUE(error().contains(QStringLiteral("not valid")));
    EXPECT_EQ(m_wallet->state(), wallet::WalletState::NoWallet);

    const QString known = QStringLiteral("abandon abandon abandon abandon abandon abandon abandon abandon "
                                         "abandon abandon abandon about");
    words->setPlainText(QStringLiteral("  Abandon abandon abandon abandon abandon abandon\nabandon abandon "
                                       "abandon abandon abandon ABOUT "));
    click("setupNext");
    ASSERT_TRUE(waitForDone()) << qPrintable(error());
    EXPECT_EQ(m_wallet->state(), wallet::WalletState::Unlocked);
    EXPECT_EQ(exportedWords(), known);
    EXPECT_TRUE(words->toPlainText().isEmpty());
    EXPECT_TRUE(child<QLineEdit>("setupRestorePassword")->text().isEmpty());
}

TEST_F(SetupWizardTest, ImportWrongPasswordThenRight)
{
    // A backup made by another wallet.
    QTemporaryDir other;
    ASSERT_TRUE(other.isValid());
    QString backupPath;
    QString sourceWords;
    {
        wallet::Wallet source(other.path());
        ASSERT_TRUE(source.create(crypto::SecureBytes(kPassword.toUtf8())).isOk());
        backupPath = source.backupPath();
        sourceWords = QString::fromUtf8(
            source.exportSecrets(crypto::SecureBytes(kPassword.toUtf8()))->mnemonic.view().toByteArray());
        source.lock();
    }

    click("setupChoiceImport");
    ASSERT_EQ(m_wizard->page(), Page::Import);
    type("setupImportFile", other.filePath(QStringLiteral("missing.bep")));
    type("setupImportPassword", kPassword);
    click("setupNext");
    EXPECT_TRUE(error().contains(QStringLiteral("could not be opened")));

    type("setupImportFile", backupPath);
    type("setupImportPassword", QStringLiteral("wrong password"));
    click("setupNext");
    ASSERT_TRUE(QTest::qWaitFor([&] { return !m_wizard->isBusy(); }, 20000));
    EXPECT_EQ(m_wizard->page(), Page::Import);
    EXPECT_FALSE(error().isEmpty());
    EXPECT_TRUE(child<QLineEdit>("setupImportPassword")->text().isEmpty());
    EXPECT_NE(m_wallet->state(), wallet::WalletState::Unlocked);

    type("setupImportPassword", kPassword);
    click("setupNext");
    ASSERT_TRUE(waitForDone()) << qPrintable(error());
    EXPECT_EQ(m_wallet->state(), wallet::WalletState::Unlocked);
    EXPECT_EQ(exportedWords(), sourceWords);
}

TEST_F(SetupWizardTest, CancelWipesAndWritesNothing)
{
    click("setupChoiceCreate");
    type("setupPassword", kPassword);
    type("setupPasswordConfirm", kPassword);
    click("setupNext");
    ASSERT_EQ(m_wizard->page(), Page::ShowWords);
    EXPECT_FALSE(child<QLabel>("setupWord0")->text().isEmpty());
    click("setupCancel");
    EXPECT_EQ(m_wizard->result(), QDialog::Rejected);
    EXPECT_TRUE(child<QLabel>("setupWord0")->text().isEmpty());
    EXPECT_EQ(m_wallet->state(), wallet::WalletState::NoWallet);
}
