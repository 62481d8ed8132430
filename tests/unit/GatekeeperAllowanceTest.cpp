// access::Gatekeeper and the spending allowance (issue 17): what it covers in GUI and headless
// mode, what it never covers (unverified amounts, uncommitted outputs, a password in the body,
// allowance 0), the hold and its settlement with the notice signal. A real broker, grants and
// allowances table on a temporary database, the manual clock. No HTTP, no widgets.

#include "access/Gatekeeper.h"

#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "store/Database.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace tokenpass;
using access::ApprovalKind;
using access::ApprovalRequest;
using access::Gatekeeper;
using access::Operation;
using access::SpendFacts;
using access::Verdict;

namespace {

const QString kShop = QStringLiteral("shop.example");

Operation payment(std::int64_t netSpend, bool verified = true, bool committed = true)
{
    Operation op;
    op.kind = ApprovalKind::Transaction;
    op.host = kShop;
    op.summary = QStringLiteral("tx");
    op.digest = "tx " + QByteArray::number(netSpend);
    op.spend = SpendFacts{netSpend, verified, committed};
    return op;
}

class GatekeeperAllowanceTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db.isOk()) << qPrintable(db.error());
        m_allowances = std::make_shared<store::SpendingAllowances>(*db, m_clock);
        m_gatekeeper =
            std::make_unique<Gatekeeper>(std::make_shared<access::Grants>(*db, m_clock), &m_broker, m_clock);
        m_gatekeeper->setAllowances(m_allowances);
        QObject::connect(&m_broker, &access::ApprovalBroker::approvalRequested, &m_broker,
                         [](const ApprovalRequest&) {}); // someone can be asked (GUI mode)
    }

    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::shared_ptr<store::SpendingAllowances> m_allowances;
    access::ApprovalBroker m_broker;
    std::unique_ptr<Gatekeeper> m_gatekeeper;
};

} // namespace

TEST_F(GatekeeperAllowanceTest, WithoutAnAllowanceEveryTransactionIsAskedAsBefore)
{
    EXPECT_EQ(m_gatekeeper->check(payment(1)).verdict, Verdict::Ask);
    EXPECT_EQ(m_gatekeeper->check(payment(0)).verdict, Verdict::Ask);
    m_broker.setHeadless(true);
    const access::Check headless = m_gatekeeper->check(payment(1));
    EXPECT_EQ(headless.verdict, Verdict::Denied);
    EXPECT_EQ(headless.reason, access::DenyReason::PasswordRequired);
    // A Gatekeeper without the allowance store covers nothing either.
    ASSERT_TRUE(m_allowances->setAllowance(kShop, 100000));
    Gatekeeper bare(std::make_shared<access::Grants>(store::Database::open(m_dir.path()).value(), m_clock),
                    nullptr, m_clock);
    EXPECT_EQ(bare.check(payment(1)).verdict, Verdict::Denied);
}

TEST_F(GatekeeperAllowanceTest, GuiModeACoveredSpendSkipsTheDialogAndIsNotified)
{
    ASSERT_TRUE(m_allowances->setAllowance(kShop, 10000));
    QSignalSpy spent(m_gatekeeper.get(), &Gatekeeper::allowanceSpent);
    const access::Check covered = m_gatekeeper->check(payment(6000));
    ASSERT_EQ(covered.verdict, Verdict::CoveredByAllowance);
    ASSERT_NE(covered.allowance, nullptr);
    EXPECT_EQ(m_gatekeeper->settleAllowance(covered, QStringLiteral("txid1")), 4000u);
    ASSERT_EQ(spent.size(), 1);
    EXPECT_EQ(spent.at(0).at(0).toString(), kShop);
    EXPECT_EQ(spent.at(0).at(1).toLongLong(), 6000);
    EXPECT_EQ(spent.at(0).at(2).toLongLong(), 4000);

    // More than is left: asked, and nothing is held for it.
    const access::Check over = m_gatekeeper->check(payment(4001));
    EXPECT_EQ(over.verdict, Verdict::Ask);
    EXPECT_EQ(over.allowance, nullptr);
    EXPECT_EQ(m_allowances->spentInWindow(kShop), 6000u);
    EXPECT_EQ(m_gatekeeper->check(payment(4000)).verdict, Verdict::CoveredByAllowance);
}

TEST_F(GatekeeperAllowanceTest, UnverifiedAmountsOrUncommittedOutputsAreAlwaysAsked)
{
    ASSERT_TRUE(m_allowances->setAllowance(kShop, 1000000));
    EXPECT_EQ(m_gatekeeper->check(payment(10, false, true)).verdict, Verdict::Ask);
    EXPECT_EQ(m_gatekeeper->check(payment(10, true, false)).verdict, Verdict::Ask);
    Operation noFacts = payment(10);
    noFacts.spend.reset();
    EXPECT_EQ(m_gatekeeper->check(noFacts).verdict, Verdict::Ask);
    m_broker.setHeadless(true);
    EXPECT_EQ(m_gatekeeper->check(payment(10, false, true)).reason, access::DenyReason::PasswordRequired);
    EXPECT_EQ(m_allowances->spentInWindow(kShop), 0u);
}

TEST_F(GatekeeperAllowanceTest, APasswordInTheBodyIsStillRefusedInGuiMode)
{
    ASSERT_TRUE(m_allowances->setAllowance(kShop, 1000000));
    Operation op = payment(10);
    op.passwordGiven = true;
    const access::Check check = m_gatekeeper->check(op);
    EXPECT_EQ(check.verdict, Verdict::Denied);
    EXPECT_EQ(check.reason, access::DenyReason::PasswordNotAccepted);
}

TEST_F(GatekeeperAllowanceTest, HeadlessTheAllowanceReplacesThePasswordUpToItsLimit)
{
    m_broker.setHeadless(true);
    ASSERT_TRUE(m_allowances->setAllowance(kShop, 5000));
    const access::Check first = m_gatekeeper->check(payment(3000));
    ASSERT_EQ(first.verdict, Verdict::CoveredByAllowance);
    // While the first is being signed, a second that needs the same remainder is not covered.
    const access::Check second = m_gatekeeper->check(payment(3000));
    EXPECT_EQ(second.verdict, Verdict::Denied);
    EXPECT_EQ(second.reason, access::DenyReason::PasswordRequired);
    m_gatekeeper->settleAllowance(first, QStringLiteral("t1"));
    // With the password it is approved the usual way, and the allowance is not touched.
    Operation withPassword = payment(3000);
    withPassword.passwordGiven = true;
    EXPECT_EQ(m_gatekeeper->check(withPassword).verdict, Verdict::CheckPassword);
    EXPECT_EQ(m_allowances->spentInWindow(kShop), 3000u);
}

TEST_F(GatekeeperAllowanceTest, ASigningThatFailsGivesTheHoldBack)
{
    ASSERT_TRUE(m_allowances->setAllowance(kShop, 5000));
    {
        const access::Check covered = m_gatekeeper->check(payment(5000));
        ASSERT_EQ(covered.verdict, Verdict::CoveredByAllowance);
        EXPECT_EQ(m_gatekeeper->check(payment(1)).verdict, Verdict::Ask);
    } // never settled
    EXPECT_EQ(m_allowances->spentInWindow(kShop), 0u);
    EXPECT_EQ(m_gatekeeper->check(payment(5000)).verdict, Verdict::CoveredByAllowance);
    // Settling a check that is not an allowance's does nothing.
    QSignalSpy spent(m_gatekeeper.get(), &Gatekeeper::allowanceSpent);
    EXPECT_EQ(m_gatekeeper->settleAllowance(access::Check{}, QStringLiteral("x")), 0u);
    EXPECT_EQ(spent.size(), 0);
}
