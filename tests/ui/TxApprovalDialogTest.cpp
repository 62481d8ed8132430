// The transaction approval dialog (issue 17 item 4), offscreen: what it shows, the arming and
// default-button rules, the timeout, 300 outputs, and the wiring through ApprovalController.

#include "TxApprovalDialog.h"
#include "ApprovalController.h"
#include "TxApprovalSample.h"

#include "access/ApprovalBroker.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include <gtest/gtest.h>

using namespace tokenpass;
using ui::TxApprovalDialog;

namespace {

access::ApprovalRequest requestFor(const tx::TransactionViewPtr& view)
{
    access::ApprovalRequest request;
    request.id = 7;
    request.host = QStringLiteral("shop.example");
    request.kind = access::ApprovalKind::Transaction;
    request.summary = view->summary();
    request.details.insert(QLatin1String(tx::kTransactionDetail), QVariant::fromValue(view));
    return request;
}

QString labelText(QWidget& dialog, const char* name)
{
    auto* label = dialog.findChild<QLabel*>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<missing %1>").arg(QLatin1String(name));
}

} // namespace

TEST(TxApprovalDialogTest, ShowsWhatThePersonPaysToWhomAndAtWhatCost)
{
    const auto view = test::sampleTransactionView();
    ASSERT_TRUE(view);
    TxApprovalDialog dialog(requestFor(view), view, 120000);
    dialog.setAttribute(Qt::WA_DeleteOnClose, false);                          // on the stack here
    EXPECT_EQ(labelText(dialog, "txSpend"), QStringLiteral("0.00025420 BSV")); // 12,000 + 13,000 + fee 420
    EXPECT_TRUE(labelText(dialog, "txSpendSatoshis").startsWith(QStringLiteral("25\u202F420 satoshis")));
    EXPECT_TRUE(labelText(dialog, "txSpendSatoshis").contains(QStringLiteral("unverified")));
    EXPECT_TRUE(labelText(dialog, "txDescription").contains(QStringLiteral("The app says")));
    EXPECT_TRUE(labelText(dialog, "txDescription").contains(QStringLiteral("Pay for order #1042")));
    const QString details = labelText(dialog, "txDetails");
    EXPECT_TRUE(details.contains(QStringLiteral("Network fee: 420 sat"))) << qPrintable(details);
    EXPECT_TRUE(details.contains(QStringLiteral("unverified")));

    QTableWidget* outputs = dialog.outputsTable();
    ASSERT_EQ(outputs->rowCount(), 4);
    EXPECT_TRUE(outputs->item(0, 1)->text().startsWith(QLatin1Char('1'))); // an address
    EXPECT_EQ(outputs->item(0, 2)->text(), QStringLiteral("12\u202F000"));
    EXPECT_TRUE(outputs->item(2, 1)->text().startsWith(QStringLiteral("data: ")))
        << qPrintable(outputs->item(2, 1)->text());
    EXPECT_TRUE(outputs->item(3, 1)->text().contains(QStringLiteral("change (your wallet)")));
}

TEST(TxApprovalDialogTest, ApproveIsNotTheDefaultAndArmsAfterADelay)
{
    const auto view = test::sampleTransactionView();
    TxApprovalDialog dialog(requestFor(view), view, 120000);
    dialog.setAttribute(Qt::WA_DeleteOnClose, false); // on the stack here
    QSignalSpy decided(&dialog, &ui::ApprovalDialog::decided);
    auto* approve = dialog.findChild<QPushButton*>(QStringLiteral("txApprove"));
    auto* reject = dialog.findChild<QPushButton*>(QStringLiteral("txReject"));
    ASSERT_TRUE(approve && reject);
    dialog.show();
    EXPECT_FALSE(approve->isDefault());
    EXPECT_FALSE(approve->isEnabled());
    EXPECT_TRUE(reject->isDefault());
    QTest::mouseClick(approve, Qt::LeftButton); // too early: nothing happens
    EXPECT_EQ(decided.size(), 0);
    ASSERT_TRUE(QTest::qWaitFor([approve] { return approve->isEnabled(); }, 5000));
    EXPECT_FALSE(approve->isDefault());
    QTest::mouseClick(approve, Qt::LeftButton);
    ASSERT_EQ(decided.size(), 1);
    EXPECT_EQ(decided.at(0).at(0).toULongLong(), 7U);
    EXPECT_TRUE(decided.at(0).at(1).toBool());
}

TEST(TxApprovalDialogTest, TheTimeoutRejects)
{
    const auto view = test::sampleTransactionView();
    TxApprovalDialog dialog(requestFor(view), view, 150);
    dialog.setAttribute(Qt::WA_DeleteOnClose, false); // on the stack here
    QSignalSpy decided(&dialog, &ui::ApprovalDialog::decided);
    dialog.show();
    ASSERT_TRUE(QTest::qWaitFor([&decided] { return decided.size() == 1; }, 5000));
    EXPECT_FALSE(decided.at(0).at(1).toBool());
}

TEST(TxApprovalDialogTest, FlagsAndLockTimeInPlainWords)
{
    test::TxSampleOptions options;
    options.sighash = 0xc1;
    options.lockTime = 840000;
    options.sequence = 0xfffffffe;
    const auto view = test::sampleTransactionView(options);
    ASSERT_TRUE(view);
    TxApprovalDialog dialog(requestFor(view), view, 120000);
    dialog.setAttribute(Qt::WA_DeleteOnClose, false); // on the stack here
    const QString details = labelText(dialog, "txDetails");
    EXPECT_TRUE(details.contains(QStringLiteral("others may add inputs"))) << qPrintable(details);
    EXPECT_TRUE(details.contains(QStringLiteral("Lock time: "))) << qPrintable(details);
}

TEST(TxApprovalDialogTest, ThreeHundredOutputsScrollAndStayUsable)
{
    test::TxSampleOptions options;
    options.payments = 298;
    const auto view = test::sampleTransactionView(options);
    ASSERT_TRUE(view);
    QElapsedTimer timer;
    timer.start();
    TxApprovalDialog dialog(requestFor(view), view, 120000);
    dialog.setAttribute(Qt::WA_DeleteOnClose, false); // on the stack here
    dialog.show();
    QTest::qWait(20);
    EXPECT_LT(timer.elapsed(), 2000);
    QTableWidget* outputs = dialog.outputsTable();
    ASSERT_EQ(outputs->rowCount(), 300);
    EXPECT_LT(dialog.height(), 900); // the table scrolls; the buttons stay on screen
    outputs->scrollToBottom();
    EXPECT_TRUE(outputs->item(299, 1)->text().contains(QStringLiteral("change (your wallet)")));
    EXPECT_TRUE(dialog.findChild<QPushButton*>(QStringLiteral("txApprove"))->isVisible());
}

TEST(TxApprovalDialogTest, TheControllerShowsItAndReportsTheAnswer)
{
    access::ApprovalBroker broker;
    ui::ApprovalController controller(&broker);
    QSignalSpy finished(&broker, &access::ApprovalBroker::approvalFinished);
    const auto view = test::sampleTransactionView();
    access::ApprovalRequest request = requestFor(view);
    const quint64 id = broker.submit(request);
    QTest::qWait(20);
    auto* dialog = qobject_cast<TxApprovalDialog*>(controller.dialogFor(id));
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(broker.timeout(access::ApprovalKind::Transaction), 120000);
    dialog->reject();
    ASSERT_TRUE(QTest::qWaitFor([&finished] { return finished.size() == 1; }, 2000));
    EXPECT_EQ(finished.at(0).at(1).value<access::ApprovalOutcome>(), access::ApprovalOutcome::Denied);

    // A transaction request without anything to show is denied, never shown.
    access::ApprovalRequest empty = request;
    empty.details.clear();
    empty.digest = "other";
    const quint64 blind = broker.submit(empty);
    ASSERT_TRUE(QTest::qWaitFor([&finished] { return finished.size() == 2; }, 2000));
    EXPECT_EQ(controller.dialogFor(blind), nullptr);
}
