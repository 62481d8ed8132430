// The password part shared by Unlock, Export and Change password (ui/PasswordPrompt): the error
// line, the back-off countdown, the busy state, and a field that is wiped, not just emptied.

#include "PasswordPrompt.h"

#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "store/Database.h"
#include "store/UnlockBackoff.h"

#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

#include <gtest/gtest.h>

using namespace tokenpass;
using ui::PasswordPrompt;

namespace {

class PasswordPromptTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db.isOk()) << qPrintable(db.error());
        m_backoff = std::make_unique<store::UnlockBackoff>(*db, m_clock);
    }

    std::unique_ptr<PasswordPrompt> makePrompt()
    {
        auto prompt = std::make_unique<PasswordPrompt>(QStringLiteral("test"), m_backoff.get());
        prompt->show();
        return prompt;
    }

    template <typename T> static T* child(QWidget& parent, const char* name)
    {
        auto* w = parent.findChild<T*>(QString::fromLatin1(name));
        EXPECT_NE(w, nullptr) << name;
        return w;
    }

    void failTooOften()
    {
        for (int i = 0; i < store::UnlockBackoff::kFreeFailures + 1; ++i)
            ASSERT_TRUE(m_backoff->recordFailure().isOk());
        ASSERT_GT(m_backoff->msUntilAllowed(), 0);
    }

    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::unique_ptr<store::UnlockBackoff> m_backoff;
};

} // namespace

TEST_F(PasswordPromptTest, ChildrenAreNamedAfterThePrefix)
{
    auto prompt = makePrompt();
    auto* field = child<QLineEdit>(*prompt, "testPassword");
    ASSERT_NE(field, nullptr);
    EXPECT_EQ(field, prompt->field());
    EXPECT_EQ(field->echoMode(), QLineEdit::Password);
    EXPECT_NE(child<QLabel>(*prompt, "testMessage"), nullptr);
    EXPECT_NE(child<QLabel>(*prompt, "testWait"), nullptr);
    EXPECT_NE(child<QProgressBar>(*prompt, "testProgress"), nullptr);
}

TEST_F(PasswordPromptTest, CanSubmitOnlyWithSomethingTyped)
{
    auto prompt = makePrompt();
    QSignalSpy changed(prompt.get(), &PasswordPrompt::changed);
    QSignalSpy submitted(prompt.get(), &PasswordPrompt::submitted);
    EXPECT_FALSE(prompt->canSubmit());
    QTest::keyClicks(prompt->field(), QStringLiteral("pw"));
    EXPECT_TRUE(prompt->canSubmit());
    EXPECT_EQ(changed.size(), 2);
    QTest::keyClick(prompt->field(), Qt::Key_Return);
    EXPECT_EQ(submitted.size(), 1);
}

TEST_F(PasswordPromptTest, TheErrorLineShowsWhatFailed)
{
    auto prompt = makePrompt();
    auto* message = child<QLabel>(*prompt, "testMessage");
    EXPECT_TRUE(message->text().isEmpty());

    prompt->failed(QStringLiteral("That password is not correct."), true);
    EXPECT_EQ(message->text(), QStringLiteral("That password is not correct."));
    EXPECT_EQ(prompt->error(), message->text());
    EXPECT_EQ(m_backoff->failureCount(), 1); // a tried password counts

    prompt->failed(QStringLiteral("The disk is full."), false);
    EXPECT_EQ(message->text(), QStringLiteral("The disk is full."));
    EXPECT_EQ(m_backoff->failureCount(), 1); // not a guess: not counted

    prompt->setError(QString());
    EXPECT_TRUE(message->text().isEmpty());

    prompt->succeeded();
    EXPECT_EQ(m_backoff->failureCount(), 0);
}

TEST_F(PasswordPromptTest, TheCountdownShowsTheBackoffAndBlocksUntilItEnds)
{
    failTooOften();
    auto prompt = makePrompt();
    QSignalSpy changed(prompt.get(), &PasswordPrompt::changed);
    auto* wait = child<QLabel>(*prompt, "testWait");
    QTest::keyClicks(prompt->field(), QStringLiteral("a password"));
    EXPECT_TRUE(prompt->isWaiting());
    EXPECT_FALSE(prompt->canSubmit());
    EXPECT_FALSE(prompt->mayTry()); // the store says no, not only the label
    EXPECT_TRUE(wait->text().contains(QStringLiteral("1 s"))) << qPrintable(wait->text());

    changed.clear();
    m_clock.advance(store::UnlockBackoff::kBaseDelayMs);
    EXPECT_TRUE(QTest::qWaitFor([&] { return !prompt->isWaiting(); }, 3000));
    EXPECT_GE(changed.size(), 1); // the dialog hears that the wait is over
    EXPECT_TRUE(wait->text().isEmpty());
    EXPECT_TRUE(prompt->mayTry());
    EXPECT_TRUE(prompt->canSubmit());
}

TEST_F(PasswordPromptTest, AFailureThatStartsTheBackoffStartsTheCountdown)
{
    auto prompt = makePrompt();
    for (int i = 0; i < store::UnlockBackoff::kFreeFailures; ++i)
        prompt->failed(QStringLiteral("wrong"), true);
    EXPECT_FALSE(prompt->isWaiting());
    prompt->failed(QStringLiteral("wrong"), true);
    EXPECT_TRUE(prompt->isWaiting());
    EXPECT_FALSE(child<QLabel>(*prompt, "testWait")->text().isEmpty());
}

TEST_F(PasswordPromptTest, BusyShowsTheBarAndLocksTheField)
{
    auto prompt = makePrompt();
    auto* progress = child<QProgressBar>(*prompt, "testProgress");
    QTest::keyClicks(prompt->field(), QStringLiteral("pw"));
    EXPECT_FALSE(progress->isVisible());
    prompt->setBusy(true);
    EXPECT_TRUE(prompt->isBusy());
    EXPECT_TRUE(progress->isVisible());
    EXPECT_FALSE(prompt->field()->isEnabled());
    EXPECT_FALSE(prompt->canSubmit());
    prompt->setBusy(false);
    EXPECT_FALSE(progress->isVisible());
    EXPECT_TRUE(prompt->field()->isEnabled());
    EXPECT_TRUE(prompt->canSubmit());
}

TEST_F(PasswordPromptTest, TakingThePasswordOverwritesTheFieldsBuffer)
{
    auto prompt = makePrompt();
    QTest::keyClicks(prompt->field(), QStringLiteral("secret words"));
    const QString shared = prompt->field()->text(); // shares the field's own buffer
    const crypto::SecureBytes taken = prompt->take();
    EXPECT_EQ(taken.view().toByteArray(), QByteArrayLiteral("secret words"));
    EXPECT_TRUE(prompt->field()->text().isEmpty());
    EXPECT_EQ(shared, QString(shared.size(), QChar(u'\0')));
}

TEST_F(PasswordPromptTest, WipeOverwritesWhatWasTyped)
{
    auto prompt = makePrompt();
    QTest::keyClicks(prompt->field(), QStringLiteral("half typed"));
    const QString shared = prompt->field()->text();
    prompt->wipe();
    EXPECT_TRUE(prompt->field()->text().isEmpty());
    EXPECT_EQ(shared, QString(shared.size(), QChar(u'\0')));
}

TEST_F(PasswordPromptTest, TheFieldCanLiveInTheDialogsOwnForm)
{
    QWidget dialog;
    auto* layout = new QVBoxLayout(&dialog);
    auto* prompt = new PasswordPrompt(QStringLiteral("test"), m_backoff.get(), &dialog,
                                      PasswordPrompt::FieldPlace::Outside);
    layout->addWidget(prompt->field());
    layout->addWidget(prompt);
    dialog.show();
    QTest::keyClicks(prompt->field(), QStringLiteral("pw"));
    EXPECT_TRUE(prompt->canSubmit());
    const QString shared = prompt->field()->text();
    prompt->wipe();
    EXPECT_EQ(shared, QString(shared.size(), QChar(u'\0')));
    EXPECT_FALSE(prompt->canSubmit());
}
