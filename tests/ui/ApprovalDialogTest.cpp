// The approval-dialog base (ui/ApprovalDialog): Approve is never the default and arms only after
// a delay, doing nothing or closing means no, and exactly one decision is reported.

#include "ApprovalDialog.h"

#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

#include <gtest/gtest.h>

using tokenpass::ui::ApprovalDialog;

namespace {

class TestApproval : public ApprovalDialog
{
public:
    explicit TestApproval(qint64 timeoutMs)
        : ApprovalDialog(42, timeoutMs, [](int s) { return QStringLiteral("%1 s").arg(s); })
    {
        setAttribute(Qt::WA_DeleteOnClose, false); // the test owns it
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(countdown());
        auto* buttons = new QDialogButtonBox(this);
        approveButton = buttons->addButton(QStringLiteral("Approve"), QDialogButtonBox::AcceptRole);
        rejectButton = buttons->addButton(QStringLiteral("Reject"), QDialogButtonBox::RejectRole);
        setApproveButton(approveButton);
        setRejectButton(rejectButton);
        layout->addWidget(buttons);
    }

    QPushButton* approveButton = nullptr;
    QPushButton* rejectButton = nullptr;
    int approvals = 0;
    int rejections = 0;

protected:
    void reportApproval() override { ++approvals; }
    void reportRejection() override { ++rejections; }
};

bool waitArmed(TestApproval& dialog)
{
    return QTest::qWaitFor([&dialog] { return dialog.approveButton->isEnabled(); }, 5000);
}

TEST(ApprovalDialogTest, ApproveIsNeverTheDefaultButton)
{
    TestApproval dialog(60000);
    dialog.show();
    EXPECT_FALSE(dialog.approveButton->isDefault());
    EXPECT_FALSE(dialog.approveButton->autoDefault());
    EXPECT_TRUE(dialog.rejectButton->isDefault());
    ASSERT_TRUE(waitArmed(dialog));
    EXPECT_FALSE(dialog.approveButton->isDefault());

    // Enter presses the default button, which rejects.
    QSignalSpy decided(&dialog, &ApprovalDialog::decided);
    QTest::keyClick(&dialog, Qt::Key_Return);
    ASSERT_EQ(decided.size(), 1);
    EXPECT_FALSE(decided.at(0).at(1).toBool());
}

TEST(ApprovalDialogTest, ApproveIsDisabledUntilTheArmingDelayHasPassed)
{
    TestApproval dialog(60000);
    QSignalSpy decided(&dialog, &ApprovalDialog::decided);
    EXPECT_FALSE(dialog.approveButton->isEnabled()); // not even shown yet
    QElapsedTimer shown;
    dialog.show();
    shown.start();
    EXPECT_FALSE(dialog.isArmed());
    EXPECT_FALSE(dialog.approveButton->isEnabled());

    // A click (or a programmatic approve) before arming does nothing.
    dialog.approve();
    QTest::mouseClick(dialog.approveButton, Qt::LeftButton);
    EXPECT_EQ(decided.size(), 0);
    EXPECT_TRUE(dialog.isVisible());

    ASSERT_TRUE(waitArmed(dialog));
    EXPECT_GE(shown.elapsed(), ApprovalDialog::kArmingDelayMs - 50); // timer slack
    EXPECT_TRUE(dialog.isArmed());
    QTest::mouseClick(dialog.approveButton, Qt::LeftButton);
    ASSERT_EQ(decided.size(), 1);
    EXPECT_EQ(decided.at(0).at(0).toULongLong(), 42u);
    EXPECT_TRUE(decided.at(0).at(1).toBool());
    EXPECT_EQ(dialog.approvals, 1);
    EXPECT_EQ(dialog.rejections, 0);
    EXPECT_EQ(dialog.result(), QDialog::Accepted);
}

TEST(ApprovalDialogTest, TheTimeoutRejects)
{
    TestApproval dialog(300);
    QSignalSpy decided(&dialog, &ApprovalDialog::decided);
    dialog.show();
    ASSERT_TRUE(decided.wait(5000));
    ASSERT_EQ(decided.size(), 1);
    EXPECT_FALSE(decided.at(0).at(1).toBool());
    EXPECT_EQ(dialog.rejections, 1);
    EXPECT_FALSE(dialog.isVisible());
}

TEST(ApprovalDialogTest, ClosingOrEscapeRejects)
{
    {
        TestApproval dialog(60000);
        QSignalSpy decided(&dialog, &ApprovalDialog::decided);
        dialog.show();
        ASSERT_TRUE(waitArmed(dialog));
        dialog.close();
        ASSERT_EQ(decided.size(), 1);
        EXPECT_FALSE(decided.at(0).at(1).toBool());
    }
    {
        TestApproval dialog(60000);
        QSignalSpy decided(&dialog, &ApprovalDialog::decided);
        dialog.show();
        QTest::keyClick(&dialog, Qt::Key_Escape);
        ASSERT_EQ(decided.size(), 1);
        EXPECT_FALSE(decided.at(0).at(1).toBool());
    }
}

TEST(ApprovalDialogTest, OnlyOneDecisionIsReported)
{
    TestApproval dialog(1500); // longer than the arming delay
    QSignalSpy decided(&dialog, &ApprovalDialog::decided);
    dialog.show();
    ASSERT_TRUE(waitArmed(dialog));
    dialog.approve();
    dialog.approve();
    dialog.reject();
    dialog.close();
    QTest::qWait(1600); // past the timeout: it was stopped by the decision
    ASSERT_EQ(decided.size(), 1);
    EXPECT_TRUE(decided.at(0).at(1).toBool());
    EXPECT_EQ(dialog.approvals, 1);
    EXPECT_EQ(dialog.rejections, 0);
    EXPECT_FALSE(dialog.approveButton->isEnabled()); // decided: nothing left to approve
}

TEST(ApprovalDialogTest, DismissClosesWithoutADecision)
{
    TestApproval dialog(400);
    QSignalSpy decided(&dialog, &ApprovalDialog::decided);
    dialog.show();
    dialog.dismiss();
    EXPECT_FALSE(dialog.isVisible());
    dialog.reject();
    dialog.approve();
    QTest::qWait(600);
    EXPECT_EQ(decided.size(), 0);
    EXPECT_EQ(dialog.approvals + dialog.rejections, 0);
}

TEST(ApprovalDialogTest, DeletesItselfOnCloseByDefault)
{
    QPointer<ApprovalDialog> dialog = new ApprovalDialog(7, 60000, [](int s) { return QString::number(s); });
    QSignalSpy decided(dialog.data(), &ApprovalDialog::decided);
    dialog->show();
    dialog->close();
    EXPECT_EQ(decided.size(), 1);
    EXPECT_TRUE(QTest::qWaitFor([&dialog] { return dialog.isNull(); }, 5000));
}

} // namespace
