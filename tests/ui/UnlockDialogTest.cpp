#include "UnlockDialog.h"

#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "store/Database.h"
#include "store/UnlockBackoff.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTest>

#include <gtest/gtest.h>

using namespace tokenpass;
using ui::UnlockDialog;

namespace {

class UnlockDialogTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db.isOk()) << qPrintable(db.error());
        m_backoff = std::make_unique<store::UnlockBackoff>(*db, m_clock);
    }

    std::unique_ptr<UnlockDialog> makeDialog()
    {
        auto dialog = std::make_unique<UnlockDialog>(
            [this](crypto::SecureBytes password) {
                m_tried.append(QString::fromUtf8(password.view().toByteArray()));
            },
            m_backoff.get());
        dialog->show();
        return dialog;
    }

    template <typename T> static T* child(QWidget& dialog, const char* name)
    {
        auto* w = dialog.findChild<T*>(QString::fromLatin1(name));
        EXPECT_NE(w, nullptr) << name;
        return w;
    }

    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::unique_ptr<store::UnlockBackoff> m_backoff;
    QStringList m_tried;
};

} // namespace

TEST_F(UnlockDialogTest, WrongPasswordThenRight)
{
    auto dialog = makeDialog();
    auto* field = child<QLineEdit>(*dialog, "unlockPassword");
    auto* button = child<QPushButton>(*dialog, "unlockButton");
    auto* progress = child<QProgressBar>(*dialog, "unlockProgress");
    auto* message = child<QLabel>(*dialog, "unlockMessage");

    EXPECT_FALSE(button->isEnabled()); // nothing typed yet
    QTest::keyClicks(field, QStringLiteral("wrong password"));
    EXPECT_TRUE(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    ASSERT_EQ(m_tried, QStringList{QStringLiteral("wrong password")});
    EXPECT_TRUE(field->text().isEmpty()); // cleared as soon as it was taken
    EXPECT_TRUE(dialog->isBusy());
    EXPECT_TRUE(progress->isVisible());
    EXPECT_FALSE(button->isEnabled());

    dialog->unlockFinished(false, QStringLiteral("Invalid password"), Failure::InvalidPassword);
    EXPECT_FALSE(dialog->isBusy());
    EXPECT_FALSE(progress->isVisible());
    EXPECT_TRUE(message->text().contains(QStringLiteral("not correct"))) << qPrintable(message->text());
    EXPECT_EQ(m_backoff->failureCount(), 1);
    EXPECT_TRUE(dialog->isVisible());

    QTest::keyClicks(field, QStringLiteral("right password"));
    QTest::keyClick(field, Qt::Key_Return);
    ASSERT_EQ(m_tried.size(), 2);
    dialog->unlockFinished(true, QString());
    EXPECT_EQ(dialog->result(), QDialog::Accepted);
    EXPECT_FALSE(dialog->isVisible());
    EXPECT_EQ(m_backoff->failureCount(), 0);
}

TEST_F(UnlockDialogTest, BackoffBlocksUntilTheWaitIsOver)
{
    for (int i = 0; i < store::UnlockBackoff::kFreeFailures + 1; ++i)
        ASSERT_TRUE(m_backoff->recordFailure().isOk());
    ASSERT_GT(m_backoff->msUntilAllowed(), 0);

    auto dialog = makeDialog();
    auto* field = child<QLineEdit>(*dialog, "unlockPassword");
    auto* button = child<QPushButton>(*dialog, "unlockButton");
    auto* wait = child<QLabel>(*dialog, "unlockWait");
    QTest::keyClicks(field, QStringLiteral("a password"));
    EXPECT_FALSE(button->isEnabled());
    EXPECT_TRUE(wait->text().contains(QStringLiteral("1 s")));
    QTest::keyClick(field, Qt::Key_Return);
    EXPECT_TRUE(m_tried.isEmpty()); // refused without trying the password

    m_clock.advance(store::UnlockBackoff::kBaseDelayMs);
    EXPECT_TRUE(QTest::qWaitFor([&] { return button->isEnabled(); }, 3000));
    EXPECT_TRUE(wait->text().isEmpty());
    QTest::mouseClick(button, Qt::LeftButton);
    EXPECT_EQ(m_tried.size(), 1);
}

TEST_F(UnlockDialogTest, ShowToggleAndCapsLockHint)
{
    auto dialog = makeDialog();
    auto* field = child<QLineEdit>(*dialog, "unlockPassword");
    auto* show = child<QCheckBox>(*dialog, "unlockShowPassword");
    auto* caps = child<QLabel>(*dialog, "unlockCapsLock");
    EXPECT_EQ(field->echoMode(), QLineEdit::Password);
    show->click();
    EXPECT_EQ(field->echoMode(), QLineEdit::Normal);
    show->click();
    EXPECT_EQ(field->echoMode(), QLineEdit::Password);

    EXPECT_FALSE(caps->isVisible());
    QTest::sendKeyEvent(QTest::Click, field, Qt::Key_A, QStringLiteral("A"), Qt::NoModifier);
    EXPECT_TRUE(caps->isVisible());
    QTest::sendKeyEvent(QTest::Click, field, Qt::Key_A, QStringLiteral("a"), Qt::NoModifier);
    EXPECT_FALSE(caps->isVisible());
}

TEST_F(UnlockDialogTest, CancelClearsTheField)
{
    auto dialog = makeDialog();
    auto* field = child<QLineEdit>(*dialog, "unlockPassword");
    QTest::keyClicks(field, QStringLiteral("half typed"));
    child<QPushButton>(*dialog, "unlockCancel")->click();
    EXPECT_EQ(dialog->result(), QDialog::Rejected);
    EXPECT_TRUE(field->text().isEmpty());
    EXPECT_TRUE(m_tried.isEmpty());
}

TEST_F(UnlockDialogTest, ARepairedWalletFileIsShownAfterTheUnlock)
{
    auto dialog = makeDialog();
    auto* field = child<QLineEdit>(*dialog, "unlockPassword");
    QTest::keyClicks(field, QStringLiteral("right password"));
    QTest::keyClick(field, Qt::Key_Return);
    const QString notice = QStringLiteral("The wallet file /x/backup.bep was missing or damaged. ...");
    dialog->unlockRepaired(notice);
    dialog->unlockFinished(true, QString());
    EXPECT_EQ(dialog->result(), QDialog::Accepted);
    QMessageBox* shown = nullptr;
    for (QWidget* w : QApplication::topLevelWidgets()) {
        if (w->objectName() == QLatin1String("unlockRepairNotice") && w->isVisible())
            shown = qobject_cast<QMessageBox*>(w);
    }
    ASSERT_NE(shown, nullptr);
    EXPECT_EQ(shown->text(), notice);
    shown->close();
}

TEST_F(UnlockDialogTest, ADamagedWalletFileIsNotCalledAWrongPassword)
{
    auto dialog = makeDialog();
    auto* field = child<QLineEdit>(*dialog, "unlockPassword");
    auto* message = child<QLabel>(*dialog, "unlockMessage");
    QTest::keyClicks(field, QStringLiteral("right password"));
    QTest::keyClick(field, Qt::Key_Return);
    dialog->unlockFinished(false,
                           QStringLiteral("The wallet file /x/backup.bep is damaged and cannot be opened "
                                          "(it is empty). Put back a copy of the file if you have one, or "
                                          "restore the wallet from its recovery words."),
                           Failure::WalletDamaged);
    EXPECT_TRUE(message->text().contains(QStringLiteral("is damaged"))) << qPrintable(message->text());
    EXPECT_FALSE(message->text().contains(QStringLiteral("not correct")));
}
