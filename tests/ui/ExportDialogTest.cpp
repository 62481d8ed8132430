#include "ExportDialog.h"
#include "WalletWindowFixture.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace tokenpass;
using namespace tokenpass::test;
using ui::ExportDialog;

namespace {

class ExportDialogTest : public WalletWindowFixture
{
protected:
    void reveal(ExportDialog& dialog, const QString& password)
    {
        auto* field = child<QLineEdit>(dialog, "exportPassword");
        QTest::keyClicks(field, password);
        QTest::mouseClick(child<QPushButton>(dialog, "exportReveal"), Qt::LeftButton);
        EXPECT_TRUE(field->text().isEmpty()); // taken into a SecureBytes at once
        EXPECT_TRUE(QTest::qWaitFor([&] { return !dialog.isBusy(); }, 10000));
    }
    static QStringList shownWords(ExportDialog& dialog)
    {
        QStringList words;
        for (int i = 1; i <= 12; ++i)
            words.append(child<QLabel>(dialog, qPrintable(QStringLiteral("exportWord%1").arg(i)))->text());
        return words;
    }
};

} // namespace

TEST_F(ExportDialogTest, RightPasswordShowsTheWalletsWordsAndClosingWipesThem)
{
    m_wallet->lock(); // export works locked too: it opens the file
    ExportDialog dialog(m_wallet.get(), m_backoff.get());
    dialog.show();
    EXPECT_FALSE(child<QLabel>(dialog, "exportWarning")->text().isEmpty());
    EXPECT_FALSE(dialog.showsWords());

    reveal(dialog, QString::fromLatin1(kWalletPassword));
    EXPECT_EQ(shownWords(dialog).join(QLatin1Char(' ')), QString::fromLatin1(kWalletWords));
    EXPECT_TRUE(child<QWidget>(dialog, "exportWords")->isVisible());
    EXPECT_TRUE(child<QLabel>(dialog, "exportMessage")->text().isEmpty());
    EXPECT_FALSE(m_wallet->isUnlocked());

    // A copy that shares the label's buffer: wiping must overwrite it, not just drop it.
    const QString shared = child<QLabel>(dialog, "exportWord12")->text();
    ASSERT_EQ(shared, QStringLiteral("about"));
    dialog.close();
    EXPECT_FALSE(dialog.showsWords());
    EXPECT_EQ(shownWords(dialog), QStringList(12, QString()));
    EXPECT_EQ(shared, QString(5, QChar(u'\0')));
}

TEST_F(ExportDialogTest, WrongPasswordIsRefusedWithTheUnlockBackoff)
{
    ExportDialog dialog(m_wallet.get(), m_backoff.get());
    dialog.show();
    auto* message = child<QLabel>(dialog, "exportMessage");
    for (int attempt = 1; attempt <= store::UnlockBackoff::kFreeFailures + 1; ++attempt) {
        reveal(dialog, QStringLiteral("not the password"));
        EXPECT_FALSE(dialog.showsWords());
        EXPECT_TRUE(message->text().startsWith(QStringLiteral("That password is not correct.")))
            << qPrintable(message->text());
        EXPECT_EQ(m_backoff->failureCount(), attempt);
    }
    // The shared back-off now holds the next try back, here as in the unlock dialog.
    EXPECT_GT(m_backoff->msUntilAllowed(), 0);
    QTest::keyClicks(child<QLineEdit>(dialog, "exportPassword"), QString::fromLatin1(kWalletPassword));
    EXPECT_FALSE(child<QPushButton>(dialog, "exportReveal")->isEnabled());
    EXPECT_FALSE(child<QLabel>(dialog, "exportWait")->text().isEmpty());

    m_clock.advance(store::UnlockBackoff::kMaxDelayMs);
    dialog.close();
    ExportDialog again(m_wallet.get(), m_backoff.get());
    again.show();
    reveal(again, QString::fromLatin1(kWalletPassword));
    EXPECT_TRUE(again.showsWords());
    EXPECT_EQ(m_backoff->failureCount(), 0); // a success clears it, as an unlock does
}

// Issue 20: locking (tray, API, idle) takes the words off the screen even with the window open.
TEST_F(ExportDialogTest, LockingWipesTheShownWords)
{
    ASSERT_TRUE(m_wallet->isUnlocked());
    ExportDialog dialog(m_wallet.get(), m_backoff.get());
    dialog.show();
    reveal(dialog, QString::fromLatin1(kWalletPassword));
    ASSERT_TRUE(dialog.showsWords());
    const QString shared = child<QLabel>(dialog, "exportWord12")->text();

    m_wallet->lock();
    EXPECT_TRUE(QTest::qWaitFor([&] { return !dialog.showsWords(); }, 2000));
    EXPECT_EQ(shownWords(dialog), QStringList(12, QString()));
    EXPECT_EQ(shared, QString(5, QChar(u'\0')));
}

// The password field's own buffer is overwritten when the password is taken, not just dropped.
TEST_F(ExportDialogTest, TakingThePasswordOverwritesTheFieldsBuffer)
{
    ExportDialog dialog(m_wallet.get(), m_backoff.get());
    dialog.show();
    auto* field = child<QLineEdit>(dialog, "exportPassword");
    QTest::keyClicks(field, QString::fromLatin1(kWalletPassword));
    const QString shared = field->text();
    QTest::mouseClick(child<QPushButton>(dialog, "exportReveal"), Qt::LeftButton);
    EXPECT_EQ(shared, QString(shared.size(), QChar(u'\0')));
    EXPECT_TRUE(QTest::qWaitFor([&] { return !dialog.isBusy(); }, 10000));
}
