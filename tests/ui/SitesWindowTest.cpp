#include "SitesWindow.h"
#include "SitesModel.h"

#include "access/AccessTokens.h"
#include "access/Grants.h"
#include "common/TestDataDir.h"
#include "store/AuditLog.h"
#include "store/Database.h"
#include "wallet/Bap.h"

#include <QComboBox>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

#include <gtest/gtest.h>

using namespace tokenpass;
using ui::SitesModel;
using ui::SitesWindow;

namespace {

class SitesWindowTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db.isOk()) << qPrintable(db.error());
        m_db = *db;
        access::AccessTokens tokens(m_db);
        auto a = tokens.issue(QStringLiteral("a.example"), {QStringLiteral("sign")}, u"1d",
                              QStringLiteral("bapA"), QString(), QString());
        auto b = tokens.issue(QStringLiteral("b.example"), {QStringLiteral("read"), QStringLiteral("sign")},
                              u"forever", QStringLiteral("bapB"), QString(), QString());
        ASSERT_TRUE(a.isOk() && b.isOk());
        m_tokenA = a->token;
        m_tokenB = b->token;
        access::Grant grant;
        grant.host = QStringLiteral("a.example");
        grant.scopes = {QStringLiteral("sign")};
        grant.duration = QStringLiteral("1d");
        grant.policy = access::SigningPolicy::AskEveryTime;
        grant.identity = QStringLiteral("bapA");
        ASSERT_TRUE(access::Grants(m_db).save(grant).isOk());
        store::AuditLog audit(m_db);
        ASSERT_TRUE(audit
                        .append(QStringLiteral("a.example"), store::AuditOperation::Sign,
                                store::AuditResult::Approved, QStringLiteral("message, 5 bytes"))
                        .isOk());
        ASSERT_TRUE(
            audit
                .append(QStringLiteral("b.example"), store::AuditOperation::Auth, store::AuditResult::Allowed)
                .isOk());

        m_model = std::make_unique<SitesModel>(m_db);
        m_model->setIdentitySource([] {
            wallet::BapIdentity alice;
            alice.name = QStringLiteral("Alice");
            alice.identityKey = QStringLiteral("bapA");
            return QList<wallet::BapIdentity>{alice};
        });
        m_window = std::make_unique<SitesWindow>(m_model.get());
        m_window->setWatchInterval(50);
        m_window->setConfirm([this](QWidget*, const QString& question) {
            m_questions.append(question);
            return m_answer;
        });
        m_window->show();
    }

    template <typename T> T* child(const char* name)
    {
        auto* w = m_window->findChild<T*>(QString::fromLatin1(name));
        EXPECT_NE(w, nullptr) << name;
        return w;
    }
    access::TokenStatus status(const QString& token)
    {
        return access::AccessTokens(m_db).validate(token, {}).status;
    }

    test::TestDataDir m_dir;
    std::shared_ptr<store::Database> m_db;
    QString m_tokenA, m_tokenB;
    std::unique_ptr<SitesModel> m_model;
    std::unique_ptr<SitesWindow> m_window;
    QStringList m_questions;
    bool m_answer = true;
};

} // namespace

TEST_F(SitesWindowTest, ListsSitesWithTheirDetailsAndAudit)
{
    ASSERT_EQ(m_model->rowCount(), 2);
    const int a = m_model->rowOf(QStringLiteral("a.example"));
    const int b = m_model->rowOf(QStringLiteral("b.example"));
    ASSERT_GE(a, 0);
    ASSERT_GE(b, 0);
    auto cell = [&](int row, int column) { return m_model->index(row, column).data().toString(); };
    // Scopes in plain words; one this build does not know keeps its identifier.
    EXPECT_EQ(cell(b, SitesModel::ScopesColumn), QStringLiteral("read, Sign messages"));
    // Identities by name; without a name, the id.
    EXPECT_EQ(cell(a, SitesModel::IdentityColumn), QStringLiteral("Alice"));
    EXPECT_EQ(cell(b, SitesModel::IdentityColumn), QStringLiteral("bapB"));
    EXPECT_EQ(cell(a, SitesModel::PolicyColumn), QStringLiteral("Ask every time"));
    EXPECT_EQ(cell(b, SitesModel::PolicyColumn), QStringLiteral("Default"));
    EXPECT_EQ(cell(b, SitesModel::ExpiresColumn), QStringLiteral("Never"));
    EXPECT_TRUE(cell(a, SitesModel::ExpiresColumn).startsWith(QStringLiteral("in 23 hour")));
    EXPECT_FALSE(m_model->index(a, SitesModel::ExpiresColumn).data(Qt::ToolTipRole).toString().isEmpty());
    EXPECT_EQ(cell(a, SitesModel::LastUsedColumn), QStringLiteral("Not yet"));

    auto* audit = child<QTreeWidget>("sitesAudit");
    EXPECT_EQ(audit->topLevelItemCount(), 0);
    ASSERT_TRUE(m_window->selectHost(QStringLiteral("a.example")));
    ASSERT_EQ(audit->topLevelItemCount(), 1);
    EXPECT_EQ(audit->topLevelItem(0)->text(0), QStringLiteral("just now"));
    EXPECT_FALSE(audit->topLevelItem(0)->toolTip(0).isEmpty()); // the exact time
    EXPECT_EQ(audit->topLevelItem(0)->text(1), QStringLiteral("Signed a message"));
    EXPECT_EQ(audit->topLevelItem(0)->text(2), QStringLiteral("Approved by you"));
    EXPECT_EQ(audit->topLevelItem(0)->text(3), QStringLiteral("message, 5 bytes"));
    EXPECT_EQ(m_window->findChild<QPushButton*>(QStringLiteral("sitesRefresh")), nullptr); // no Refresh

    // Use shows up by itself.
    ASSERT_EQ(status(m_tokenA), access::TokenStatus::Valid);
    QTRY_COMPARE(cell(m_model->rowOf(QStringLiteral("a.example")), SitesModel::LastUsedColumn),
                 QStringLiteral("just now"));
    EXPECT_EQ(m_model->rowOf(QStringLiteral("a.example")),
              m_window->model()->rowOf(QStringLiteral("a.example")));
}

TEST_F(SitesWindowTest, UpdatesItselfWhenASiteConnectsSignsOrIsRevokedElsewhere)
{
    ASSERT_TRUE(m_window->selectHost(QStringLiteral("a.example")));
    auto* audit = child<QTreeWidget>("sitesAudit");
    ASSERT_EQ(audit->topLevelItemCount(), 1);

    // A new site connects through the API (another connection to the same database).
    access::AccessTokens tokens(m_db);
    ASSERT_TRUE(tokens
                    .issue(QStringLiteral("c.example"), {QStringLiteral("sign"), QStringLiteral("fund")},
                           u"1h", QStringLiteral("bapA"), QString(), QString())
                    .isOk());
    QTRY_VERIFY(m_model->rowOf(QStringLiteral("c.example")) >= 0);
    const int c = m_model->rowOf(QStringLiteral("c.example"));
    // Money scopes are marked.
    EXPECT_EQ(m_model->index(c, SitesModel::ScopesColumn).data().toString(),
              QStringLiteral("Sign messages, Request payments — moves money"));
    EXPECT_TRUE(m_model->index(c, SitesModel::ScopesColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("Ask you to approve payments (moves money)")));
    // The selection survived the reload.
    EXPECT_EQ(m_model->hostAt(m_window->findChild<QTableView*>(QStringLiteral("sitesTable"))
                                  ->selectionModel()
                                  ->selectedRows()
                                  .value(0)
                                  .row()),
              QStringLiteral("a.example"));

    // The selected site signs: its activity list grows.
    ASSERT_TRUE(store::AuditLog(m_db)
                    .append(QStringLiteral("a.example"), store::AuditOperation::Auth,
                            store::AuditResult::Allowed, QStringLiteral("token, scopes: sign,transfer"))
                    .isOk());
    QTRY_COMPARE(audit->topLevelItemCount(), 2);
    EXPECT_EQ(audit->topLevelItem(0)->text(3),
              QStringLiteral("token, permissions: Sign messages, Send payments"));

    // Revoked from elsewhere (the API): the row goes.
    ASSERT_TRUE(tokens.revokeHost(QStringLiteral("c.example")));
    QTRY_COMPARE(m_model->rowOf(QStringLiteral("c.example")), -1);
}

TEST_F(SitesWindowTest, RevokeStopsTheTokenAtOnce)
{
    ASSERT_EQ(status(m_tokenA), access::TokenStatus::Valid);
    auto* revoke = child<QPushButton>("sitesRevoke");
    EXPECT_FALSE(revoke->isEnabled()); // nothing selected
    ASSERT_TRUE(m_window->selectHost(QStringLiteral("a.example")));
    EXPECT_TRUE(revoke->isEnabled());

    m_answer = false;
    QTest::mouseClick(revoke, Qt::LeftButton);
    EXPECT_EQ(m_questions.size(), 1);
    EXPECT_EQ(status(m_tokenA), access::TokenStatus::Valid); // the person said no

    m_answer = true;
    QTest::mouseClick(revoke, Qt::LeftButton);
    EXPECT_EQ(status(m_tokenA), access::TokenStatus::InvalidToken); // API.md code 3
    EXPECT_FALSE(access::Grants(m_db).find(QStringLiteral("a.example")).has_value());
    EXPECT_EQ(m_model->rowCount(), 1);
    EXPECT_EQ(m_model->rowOf(QStringLiteral("a.example")), -1);
    EXPECT_EQ(status(m_tokenB), access::TokenStatus::Valid); // the other site is untouched
    EXPECT_FALSE(revoke->isEnabled());
    // The revocation is in the audit log.
    EXPECT_EQ(store::AuditLog(m_db).recent(QStringLiteral("a.example"), 1).value(0).operation,
              store::AuditOperation::Revoke);
}

TEST_F(SitesWindowTest, RevokeAllAsksThenClearsEverything)
{
    auto* revokeAll = child<QPushButton>("sitesRevokeAll");
    m_answer = false;
    revokeAll->click();
    EXPECT_EQ(m_model->rowCount(), 2);
    m_answer = true;
    revokeAll->click();
    EXPECT_EQ(m_model->rowCount(), 0);
    EXPECT_EQ(status(m_tokenA), access::TokenStatus::InvalidToken);
    EXPECT_EQ(status(m_tokenB), access::TokenStatus::InvalidToken);
    EXPECT_TRUE(access::Grants(m_db).list().isEmpty());
    EXPECT_FALSE(revokeAll->isEnabled());
}

TEST_F(SitesWindowTest, ChangingThePolicySavesTheGrant)
{
    auto* policy = child<QComboBox>("sitesPolicy");
    ASSERT_TRUE(m_window->selectHost(QStringLiteral("b.example")));
    EXPECT_FALSE(policy->isEnabled()); // no grant, nothing to change
    ASSERT_TRUE(m_window->selectHost(QStringLiteral("a.example")));
    ASSERT_TRUE(policy->isEnabled());
    EXPECT_EQ(policy->currentData().toInt(), int(access::SigningPolicy::AskEveryTime));

    policy->setCurrentIndex(policy->findData(int(access::SigningPolicy::Allow)));
    const auto grant = access::Grants(m_db).find(QStringLiteral("a.example"));
    ASSERT_TRUE(grant.has_value());
    EXPECT_EQ(grant->policy, access::SigningPolicy::Allow);
    EXPECT_EQ(grant->scopes, QStringList{QStringLiteral("sign")});
    EXPECT_EQ(m_model->index(m_model->rowOf(QStringLiteral("a.example")), SitesModel::PolicyColumn)
                  .data()
                  .toString(),
              QStringLiteral("Allow"));
    // The selection survives the reload, so the person sees what they changed.
    EXPECT_EQ(policy->currentData().toInt(), int(access::SigningPolicy::Allow));
}
