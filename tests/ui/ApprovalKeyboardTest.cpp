// Issue 19 item 4: the approval dialogs (connect, sign, transaction) can be answered with the
// keyboard, and are focus-safe: once armed, Tab to Allow/Approve and Space approves; Escape and
// Enter (wherever the focus is) deny; nothing typed before the arming delay approves, and the
// approve button has no mnemonic or shortcut a stray letter could press.

#include "ApprovalDialog.h"
#include "EveryWindowFixture.h"
#include "KeyboardWalk.h"

#include <QDialogButtonBox>
#include <QKeySequence>
#include <QPushButton>
#include <QSignalSpy>
#include <QVBoxLayout>

#include <functional>
#include <ostream>

using namespace tokenpass;
using namespace tokenpass::test;
using ui::ApprovalDialog;

namespace {

struct Case
{
    const char* name;
    const char* approve;
    const char* reject;
};

void PrintTo(const Case& c, std::ostream* os)
{
    *os << c.name;
}

const Case kCases[] = {
    {"consent", "consentAllow", "consentDeny"},
    {"sign", "signApprove", "signReject"},
    {"tx", "txApprove", "txReject"},
};

class ApprovalKeyboardTest : public EveryWindowFixture, public ::testing::WithParamInterface<Case>
{
protected:
    std::unique_ptr<ApprovalDialog> open()
    {
        const QString which = QString::fromLatin1(GetParam().name);
        if (which == QLatin1String("consent"))
            return consentDialog();
        if (which == QLatin1String("sign"))
            return signDialog();
        return txDialog();
    }
    static bool waitArmed(ApprovalDialog& dialog)
    {
        return QTest::qWaitFor([&dialog] { return dialog.isArmed(); }, 5000);
    }
    QPushButton* approveButton(ApprovalDialog& dialog)
    {
        return child<QPushButton>(dialog, GetParam().approve);
    }
};

} // namespace

// Tab round the whole dialog, and Space aimed straight at the approve button: none of it approves
// before the dialog is armed. (Enter then would reject: EnterRightAfterOpeningRejects.)
TEST_P(ApprovalKeyboardTest, NothingTypedBeforeArmingApproves)
{
    auto dialog = open();
    QSignalSpy decided(dialog.get(), &ApprovalDialog::decided);
    QPushButton* approve = approveButton(*dialog);
    ASSERT_FALSE(dialog->isArmed());
    EXPECT_FALSE(approve->isEnabled());
    for (int i = 0; i < 30; ++i) {
        EXPECT_NE(focused(dialog.get()), approve);
        press(dialog.get(), Qt::Key_Tab);
    }
    QTest::keyClick(approve, Qt::Key_Space); // even aimed straight at it
    ASSERT_FALSE(dialog->isArmed()) << "the test was too slow to check the arming delay";
    EXPECT_EQ(decided.size(), 0);

    // Armed now: the only way to approve is to Tab to the button and press Space.
    ASSERT_TRUE(waitArmed(*dialog));
    ASSERT_TRUE(tabTo(dialog.get(), approve)) << "Tab never reaches " << GetParam().approve;
    press(dialog.get(), Qt::Key_Space);
    ASSERT_EQ(decided.size(), 1);
    EXPECT_TRUE(decided.at(0).at(1).toBool());
    EXPECT_EQ(dialog->result(), QDialog::Accepted);
}

TEST_P(ApprovalKeyboardTest, ApproveHasNoMnemonicOrShortcut)
{
    auto dialog = open();
    QSignalSpy decided(dialog.get(), &ApprovalDialog::decided);
    QPushButton* approve = approveButton(*dialog);
    EXPECT_TRUE(QKeySequence::mnemonic(approve->text()).isEmpty()) << qPrintable(approve->text());
    EXPECT_TRUE(approve->shortcut().isEmpty());
    EXPECT_FALSE(approve->isDefault());
    EXPECT_FALSE(approve->autoDefault());
    ASSERT_TRUE(waitArmed(*dialog));
    // Alt with the button's own first letter, sent to the dialog as a stray keypress would be.
    const QChar first = approve->text().at(0).toUpper();
    QTest::keyClick(dialog.get(), Qt::Key(first.unicode()), Qt::AltModifier);
    EXPECT_EQ(decided.size(), 0);
}

// Enter rejects wherever the focus is, the armed approve button included.
TEST_P(ApprovalKeyboardTest, EnterOnTheApproveButtonRejects)
{
    auto dialog = open();
    QSignalSpy decided(dialog.get(), &ApprovalDialog::decided);
    ASSERT_TRUE(waitArmed(*dialog));
    ASSERT_TRUE(tabTo(dialog.get(), approveButton(*dialog)));
    press(dialog.get(), Qt::Key_Return);
    ASSERT_EQ(decided.size(), 1);
    EXPECT_FALSE(decided.at(0).at(1).toBool());
    EXPECT_EQ(dialog->result(), QDialog::Rejected);
}

TEST_P(ApprovalKeyboardTest, EnterRightAfterOpeningRejects)
{
    auto dialog = open();
    QSignalSpy decided(dialog.get(), &ApprovalDialog::decided);
    press(dialog.get(), Qt::Key_Enter);
    ASSERT_EQ(decided.size(), 1);
    EXPECT_FALSE(decided.at(0).at(1).toBool());
}

TEST_P(ApprovalKeyboardTest, EscapeDenies)
{
    auto dialog = open();
    QSignalSpy decided(dialog.get(), &ApprovalDialog::decided);
    ASSERT_TRUE(waitArmed(*dialog));
    ASSERT_TRUE(tabTo(dialog.get(), approveButton(*dialog)));
    press(dialog.get(), Qt::Key_Escape);
    ASSERT_EQ(decided.size(), 1);
    EXPECT_FALSE(decided.at(0).at(1).toBool());
    EXPECT_FALSE(dialog->isVisible());
}

TEST_P(ApprovalKeyboardTest, TabAndSpaceOnRejectRejects)
{
    auto dialog = open();
    QSignalSpy decided(dialog.get(), &ApprovalDialog::decided);
    ASSERT_TRUE(waitArmed(*dialog));
    ASSERT_TRUE(tabTo(dialog.get(), child<QPushButton>(*dialog, GetParam().reject)));
    press(dialog.get(), Qt::Key_Space);
    ASSERT_EQ(decided.size(), 1);
    EXPECT_FALSE(decided.at(0).at(1).toBool());
}

INSTANTIATE_TEST_SUITE_P(Every, ApprovalKeyboardTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) {
                             return std::string(info.param.name);
                         });

// A derived dialog that gives its approve button a mnemonic loses it: setApproveButton drops the '&'.
class AmpersandApproval : public ApprovalDialog
{
public:
    AmpersandApproval() : ApprovalDialog(5, 600'000, [](int s) { return QString::number(s); })
    {
        setAttribute(Qt::WA_DeleteOnClose, false);
        auto* layout = new QVBoxLayout(this);
        auto* buttons = new QDialogButtonBox(this);
        approve = buttons->addButton(QStringLiteral("&Approve && sign"), QDialogButtonBox::AcceptRole);
        approve->setShortcut(QKeySequence(Qt::Key_F2));
        setApproveButton(approve);
        setRejectButton(buttons->addButton(QStringLiteral("&Reject"), QDialogButtonBox::RejectRole));
        layout->addWidget(buttons);
    }
    QPushButton* approve = nullptr;
};

TEST(ApprovalMnemonicTest, SetApproveButtonDropsTheMnemonicAndShortcut)
{
    AmpersandApproval dialog;
    QSignalSpy decided(&dialog, &ApprovalDialog::decided);
    dialog.show();
    dialog.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&dialog));
    EXPECT_EQ(dialog.approve->text(), QStringLiteral("Approve && sign"));
    EXPECT_TRUE(QKeySequence::mnemonic(dialog.approve->text()).isEmpty());
    EXPECT_TRUE(dialog.approve->shortcut().isEmpty());
    ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.isArmed(); }, 5000));
    QTest::keyClick(&dialog, Qt::Key_A, Qt::AltModifier);
    QTest::keyClick(&dialog, Qt::Key_F2);
    EXPECT_EQ(decided.size(), 0);
}
