// The spending allowance in the sites window (issue 17), driven by objectName offscreen: the
// editor follows the selected site, setting an amount stores it (and audits it), the amount spent
// in the last 24 hours is shown, 0 removes it, and revoking the site clears it.

#include "SitesModel.h"
#include "SitesWindow.h"

#include "access/AccessTokens.h"
#include "common/TestDataDir.h"
#include "store/AuditLog.h"
#include "store/Database.h"
#include "store/SpendingAllowances.h"

#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <QTreeWidget>

#include <gtest/gtest.h>

using namespace tokenpass;
using ui::SitesModel;
using ui::SitesWindow;

namespace {

const QString kShop = QStringLiteral("shop.example");
const QString kOther = QStringLiteral("other.example");

class AllowanceEditorTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db.isOk()) << qPrintable(db.error());
        m_db = *db;
        access::AccessTokens tokens(m_db);
        for (const QString& host : {kShop, kOther})
            ASSERT_TRUE(
                tokens.issue(host, {QStringLiteral("transfer")}, u"1d", QString(), QString(), QString())
                    .isOk());
        m_model = std::make_unique<SitesModel>(m_db);
        m_window = std::make_unique<SitesWindow>(m_model.get());
        m_window->setConfirm([](QWidget*, const QString&) { return true; });
        m_window->show();
        m_amount = child<QSpinBox>("allowanceAmount");
        m_apply = child<QPushButton>("allowanceApply");
        m_spent = child<QLabel>("allowanceSpent");
    }

    template <typename T> T* child(const char* name)
    {
        auto* w = m_window->findChild<T*>(QString::fromLatin1(name));
        EXPECT_NE(w, nullptr) << name;
        return w;
    }
    void type(std::uint64_t satoshis)
    {
        m_amount->selectAll();
        QTest::keyClicks(m_amount, QString::number(satoshis));
        QTest::mouseClick(m_apply, Qt::LeftButton);
    }
    std::uint64_t stored(const QString& host) const
    {
        return store::SpendingAllowances(m_db).allowance(host);
    }

    test::TestDataDir m_dir;
    std::shared_ptr<store::Database> m_db;
    std::unique_ptr<SitesModel> m_model;
    std::unique_ptr<SitesWindow> m_window;
    QSpinBox* m_amount = nullptr;
    QPushButton* m_apply = nullptr;
    QLabel* m_spent = nullptr;
};

} // namespace

TEST_F(AllowanceEditorTest, DisabledUntilASiteIsSelectedAndZeroByDefault)
{
    ASSERT_TRUE(m_amount && m_apply && m_spent);
    EXPECT_FALSE(m_amount->isEnabled());
    EXPECT_FALSE(m_apply->isEnabled());
    ASSERT_TRUE(m_window->selectHost(kShop));
    EXPECT_TRUE(m_amount->isEnabled());
    EXPECT_TRUE(m_apply->isEnabled());
    EXPECT_EQ(m_amount->value(), 0);
    EXPECT_EQ(m_spent->text(), QStringLiteral("Every transaction is asked."));
}

TEST_F(AllowanceEditorTest, SettingAnAmountStoresItShowsTheSpendAndIsAudited)
{
    ASSERT_TRUE(m_window->selectHost(kShop));
    type(25000);
    EXPECT_EQ(stored(kShop), 25000u);
    EXPECT_EQ(stored(kOther), 0u);
    EXPECT_EQ(m_spent->text(),
              QStringLiteral("Spent in the last 24 hours: 0 sat (0.00000000 BSV), 25000 sat left"));

    // A spend recorded by the Gatekeeper's store shows up when the site is selected again.
    store::SpendingAllowances(m_db).reserve(kShop, 4000)->spend(QStringLiteral("ab"));
    ASSERT_TRUE(m_window->selectHost(kOther));
    EXPECT_EQ(m_amount->value(), 0);
    ASSERT_TRUE(m_window->selectHost(kShop));
    EXPECT_EQ(m_amount->value(), 25000);
    EXPECT_EQ(m_spent->text(),
              QStringLiteral("Spent in the last 24 hours: 4000 sat (0.00004000 BSV), 21000 sat left"));

    // The change is in the site's recent activity.
    const auto entries = store::AuditLog(m_db).recent(kShop, 10);
    ASSERT_FALSE(entries.isEmpty());
    EXPECT_EQ(entries.first().operation, store::AuditOperation::Allowance);
    EXPECT_EQ(entries.first().detail, QStringLiteral("spending allowance set to 25000 sat per 24 h (was 0)"));
    auto* audit = child<QTreeWidget>("sitesAudit");
    ASSERT_GT(audit->topLevelItemCount(), 0);
    EXPECT_EQ(audit->topLevelItem(0)->text(1), QStringLiteral("Spending allowance changed"));

    // 0 removes it: every transaction is asked again.
    type(0);
    EXPECT_EQ(stored(kShop), 0u);
    EXPECT_EQ(m_spent->text(), QStringLiteral("Every transaction is asked."));
    EXPECT_EQ(store::AuditLog(m_db).recent(kShop, 1).first().detail,
              QStringLiteral("spending allowance removed (was 25000 sat per 24 h)"));
}

TEST_F(AllowanceEditorTest, RevokingTheSiteClearsItsAllowance)
{
    ASSERT_TRUE(m_window->selectHost(kShop));
    type(9000);
    ASSERT_TRUE(m_window->selectHost(kOther));
    type(100);
    ASSERT_EQ(stored(kShop), 9000u);
    ASSERT_TRUE(m_window->selectHost(kShop));
    QTest::mouseClick(child<QPushButton>("sitesRevoke"), Qt::LeftButton);
    EXPECT_EQ(stored(kShop), 0u);
    EXPECT_EQ(stored(kOther), 100u);
    QTest::mouseClick(child<QPushButton>("sitesRevokeAll"), Qt::LeftButton);
    EXPECT_EQ(stored(kOther), 0u);
}
