#include "ApprovalController.h"
#include "ConsentDialog.h"
#include "SignApprovalDialog.h"

#include "access/ApprovalBroker.h"
#include "access/Gatekeeper.h"
#include "access/Grants.h"
#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "store/Database.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace tokenpass;
using access::ApprovalKind;
using access::ApprovalOutcome;
using ui::ApprovalController;

namespace {

wallet::BapIdentity identity(const QString& name, const QString& key)
{
    wallet::BapIdentity id;
    id.name = name;
    id.identityKey = key;
    return id;
}

class ApprovalControllerTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db.isOk()) << qPrintable(db.error());
        m_grants = std::make_shared<access::Grants>(*db, m_clock);
        m_broker = std::make_unique<access::ApprovalBroker>();
        // The Gatekeeper records what answers leave behind (grants, the 15-minute allowance).
        m_gatekeeper = std::make_unique<access::Gatekeeper>(m_grants, m_broker.get(), m_clock);
        m_controller = std::make_unique<ApprovalController>(m_broker.get());
        m_controller->setIdentitySource([] {
            return QList<wallet::BapIdentity>{
                identity(QStringLiteral("Primary Identity"), QStringLiteral("idA")),
                identity(QStringLiteral("Work"), QStringLiteral("idB"))};
        });
        m_controller->setIdenticonSeedSource([] { return QStringLiteral("02abcdef"); });
        m_finished = std::make_unique<QSignalSpy>(m_broker.get(), &access::ApprovalBroker::approvalFinished);
    }

    quint64 connect(const QString& host, const QStringList& scopes,
                    const QString& expiry = QStringLiteral("1h"))
    {
        access::ApprovalRequest request;
        request.host = host;
        request.origin = QStringLiteral("https://") + host;
        request.kind = ApprovalKind::Connect;
        request.summary = scopes.join(QStringLiteral(", "));
        request.details = {{QStringLiteral("scopes"), scopes},
                           {QStringLiteral("expiry"), expiry},
                           {QStringLiteral("identity"), QStringLiteral("idB")}};
        request.digest = QByteArrayLiteral("connect");
        return m_broker->submit(request);
    }

    quint64 sign(const QString& host, const QString& summary)
    {
        access::ApprovalRequest request;
        request.host = host;
        request.kind = ApprovalKind::Sign;
        request.summary = summary;
        request.digest = summary.toUtf8();
        return m_broker->submit(request);
    }

    template <typename T> T* dialog(quint64 id) { return qobject_cast<T*>(m_controller->dialogFor(id)); }

    template <typename T> static T* child(QWidget* parent, const QString& name)
    {
        auto* w = parent->findChild<T*>(name);
        EXPECT_NE(w, nullptr) << qPrintable(name);
        return w;
    }

    // Approve/Allow stays disabled for ApprovalDialog::kArmingDelayMs after the dialog shows.
    static void clickWhenArmed(QWidget* parent, const QString& name)
    {
        auto* button = child<QPushButton>(parent, name);
        ASSERT_NE(button, nullptr);
        ASSERT_TRUE(QTest::qWaitFor([button] { return button->isEnabled(); }, 5000)) << qPrintable(name);
        QTest::mouseClick(button, Qt::LeftButton);
    }

    // The outcome the broker reported for `id`, if any.
    std::optional<ApprovalOutcome> outcome(quint64 id) const
    {
        for (const auto& args : *m_finished) {
            if (args.at(0).toULongLong() == id)
                return args.at(1).value<ApprovalOutcome>();
        }
        return std::nullopt;
    }

    bool waitClosed(quint64 id)
    {
        return QTest::qWaitFor([&] { return m_controller->dialogFor(id) == nullptr; }, 3000);
    }

    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::shared_ptr<access::Grants> m_grants;
    std::unique_ptr<access::ApprovalBroker> m_broker;
    std::unique_ptr<access::Gatekeeper> m_gatekeeper;
    std::unique_ptr<ApprovalController> m_controller;
    std::unique_ptr<QSignalSpy> m_finished;
};

} // namespace

TEST_F(ApprovalControllerTest, ConsentAllowWithTwoOfThreeScopesSavesThatGrant)
{
    QSignalSpy count(m_controller.get(), &ApprovalController::pendingCountChanged);
    const quint64 id =
        connect(QStringLiteral("shop.example"),
                {QStringLiteral("read_profile"), QStringLiteral("sign"), QStringLiteral("encrypt")});
    auto* consent = dialog<ui::ConsentDialog>(id);
    ASSERT_NE(consent, nullptr);
    EXPECT_TRUE(consent->isVisible());
    EXPECT_EQ(m_controller->pendingCount(), 1);
    ASSERT_FALSE(count.isEmpty());
    EXPECT_EQ(count.last().at(0).toInt(), 1);
    EXPECT_TRUE(child<QLabel>(consent, QStringLiteral("consentHost"))
                    ->text()
                    .contains(QStringLiteral("shop.example")));

    auto* identityBox = child<QComboBox>(consent, QStringLiteral("consentIdentity"));
    EXPECT_EQ(identityBox->count(), 2);
    EXPECT_EQ(identityBox->currentData().toString(), QStringLiteral("idB")); // the one the site asked for
    child<QCheckBox>(consent, QStringLiteral("scope_encrypt"))->setChecked(false);
    auto* duration = child<QComboBox>(consent, QStringLiteral("consentDuration"));
    EXPECT_EQ(duration->currentData().toString(), QStringLiteral("1h"));
    duration->setCurrentIndex(duration->findData(QStringLiteral("1w")));
    auto* policy = child<QComboBox>(consent, QStringLiteral("consentPolicy"));
    policy->setCurrentIndex(policy->findData(int(access::SigningPolicy::Allow)));

    clickWhenArmed(consent, QStringLiteral("consentAllow"));
    EXPECT_EQ(outcome(id), ApprovalOutcome::Approved);
    const auto grant = m_grants->find(QStringLiteral("shop.example"));
    ASSERT_TRUE(grant.has_value());
    EXPECT_EQ(grant->scopes, (QStringList{QStringLiteral("read_profile"), QStringLiteral("sign")}));
    EXPECT_EQ(grant->duration, QStringLiteral("1w"));
    EXPECT_EQ(grant->policy, access::SigningPolicy::Allow);
    EXPECT_EQ(grant->identity, QStringLiteral("idB"));
    EXPECT_TRUE(waitClosed(id));
    EXPECT_EQ(m_controller->pendingCount(), 0);
    EXPECT_EQ(count.last().at(0).toInt(), 0);
}

TEST_F(ApprovalControllerTest, ConsentDenyAndCloseBothDeny)
{
    const quint64 first = connect(QStringLiteral("a.example"), {QStringLiteral("sign")});
    auto* consent = dialog<ui::ConsentDialog>(first);
    ASSERT_NE(consent, nullptr);
    QTest::mouseClick(child<QPushButton>(consent, QStringLiteral("consentDeny")), Qt::LeftButton);
    EXPECT_EQ(outcome(first), ApprovalOutcome::Denied);
    EXPECT_FALSE(m_grants->find(QStringLiteral("a.example")).has_value());

    const quint64 second = connect(QStringLiteral("b.example"), {QStringLiteral("sign")});
    consent = dialog<ui::ConsentDialog>(second);
    ASSERT_NE(consent, nullptr);
    consent->close();
    EXPECT_EQ(outcome(second), ApprovalOutcome::Denied);

    const quint64 third = connect(QStringLiteral("c.example"), {QStringLiteral("sign")});
    consent = dialog<ui::ConsentDialog>(third);
    ASSERT_NE(consent, nullptr);
    QTest::keyClick(consent, Qt::Key_Escape);
    EXPECT_EQ(outcome(third), ApprovalOutcome::Denied);
    EXPECT_TRUE(m_grants->list().isEmpty());
}

TEST_F(ApprovalControllerTest, ConsentEnterDoesNotAllow)
{
    const quint64 id = connect(QStringLiteral("a.example"), {QStringLiteral("sign")});
    auto* consent = dialog<ui::ConsentDialog>(id);
    ASSERT_NE(consent, nullptr);
    QTest::keyClick(consent, Qt::Key_Return);
    EXPECT_EQ(outcome(id), ApprovalOutcome::Denied);
}

TEST_F(ApprovalControllerTest, ConsentTimeoutDeniesAndClosesTheDialog)
{
    m_broker->setTimeout(ApprovalKind::Connect, 100);
    const quint64 id = connect(QStringLiteral("slow.example"), {QStringLiteral("sign")});
    ASSERT_NE(m_controller->dialogFor(id), nullptr);
    EXPECT_TRUE(QTest::qWaitFor([&] { return outcome(id).has_value(); }, 3000));
    EXPECT_EQ(outcome(id), ApprovalOutcome::TimedOut);
    EXPECT_TRUE(waitClosed(id));
    EXPECT_EQ(m_finished->count(), 1); // the closing dialog did not answer a second time
}

TEST_F(ApprovalControllerTest, ARepeatedRequestReusesTheOpenDialog)
{
    const quint64 first = connect(QStringLiteral("retry.example"), {QStringLiteral("sign")});
    const quint64 second = connect(QStringLiteral("retry.example"), {QStringLiteral("sign")});
    EXPECT_EQ(m_controller->pendingCount(), 1);
    EXPECT_EQ(m_controller->dialogFor(second), nullptr);
    auto* consent = dialog<ui::ConsentDialog>(first);
    ASSERT_NE(consent, nullptr);
    clickWhenArmed(consent, QStringLiteral("consentAllow"));
    EXPECT_EQ(outcome(first), ApprovalOutcome::Approved);
    EXPECT_EQ(outcome(second), ApprovalOutcome::Approved);
}

TEST_F(ApprovalControllerTest, LockingClosesOpenDialogs)
{
    const quint64 consentId = connect(QStringLiteral("a.example"), {QStringLiteral("sign")});
    const quint64 signId = sign(QStringLiteral("b.example"), QStringLiteral("hello"));
    EXPECT_EQ(m_controller->pendingCount(), 2);
    m_broker->rejectAll();
    EXPECT_EQ(outcome(consentId), ApprovalOutcome::Cancelled);
    EXPECT_EQ(outcome(signId), ApprovalOutcome::Cancelled);
    EXPECT_TRUE(waitClosed(consentId));
    EXPECT_TRUE(waitClosed(signId));
    EXPECT_EQ(m_controller->pendingCount(), 0);
    EXPECT_FALSE(m_grants->find(QStringLiteral("a.example")).has_value());
}

TEST_F(ApprovalControllerTest, SignApproveAndReject)
{
    const quint64 id = sign(QStringLiteral("app.example"), QStringLiteral("Pay 5 sats to Bob"));
    auto* approval = dialog<ui::SignApprovalDialog>(id);
    ASSERT_NE(approval, nullptr);
    EXPECT_TRUE(
        child<QLabel>(approval, QStringLiteral("signHost"))->text().contains(QStringLiteral("app.example")));
    EXPECT_EQ(child<QPlainTextEdit>(approval, QStringLiteral("signContent"))->toPlainText(),
              QStringLiteral("Pay 5 sats to Bob"));
    clickWhenArmed(approval, QStringLiteral("signApprove"));
    EXPECT_EQ(outcome(id), ApprovalOutcome::Approved);

    const quint64 other = sign(QStringLiteral("app.example"), QStringLiteral("something else"));
    approval = dialog<ui::SignApprovalDialog>(other);
    ASSERT_NE(approval, nullptr);
    QTest::mouseClick(child<QPushButton>(approval, QStringLiteral("signReject")), Qt::LeftButton);
    EXPECT_EQ(outcome(other), ApprovalOutcome::Denied);
}

TEST_F(ApprovalControllerTest, SignTimeoutRejects)
{
    m_broker->setTimeout(ApprovalKind::Sign, 100);
    const quint64 id = sign(QStringLiteral("app.example"), QStringLiteral("late"));
    ASSERT_NE(m_controller->dialogFor(id), nullptr);
    EXPECT_TRUE(QTest::qWaitFor([&] { return outcome(id).has_value(); }, 3000));
    EXPECT_EQ(outcome(id), ApprovalOutcome::TimedOut);
    EXPECT_TRUE(waitClosed(id));
}

TEST_F(ApprovalControllerTest, AllowForFifteenMinutesSkipsTheDialogUntilItExpires)
{
    const quint64 id = sign(QStringLiteral("app.example"), QStringLiteral("one"));
    auto* approval = dialog<ui::SignApprovalDialog>(id);
    ASSERT_NE(approval, nullptr);
    child<QCheckBox>(approval, QStringLiteral("signAllowForAWhile"))->setChecked(true);
    clickWhenArmed(approval, QStringLiteral("signApprove"));
    EXPECT_EQ(outcome(id), ApprovalOutcome::Approved);
    EXPECT_TRUE(waitClosed(id));

    const quint64 quiet = sign(QStringLiteral("app.example"), QStringLiteral("two"));
    EXPECT_EQ(outcome(quiet), ApprovalOutcome::Approved);
    EXPECT_EQ(m_controller->dialogFor(quiet), nullptr);

    // Another host is still asked.
    const quint64 elsewhere = sign(QStringLiteral("other.example"), QStringLiteral("three"));
    EXPECT_NE(m_controller->dialogFor(elsewhere), nullptr);

    m_clock.advance(ApprovalController::kAllowForAWhileMs + 1);
    const quint64 later = sign(QStringLiteral("app.example"), QStringLiteral("four"));
    EXPECT_FALSE(outcome(later).has_value());
    EXPECT_NE(m_controller->dialogFor(later), nullptr);
}

TEST_F(ApprovalControllerTest, LongContentIsCutUntilShowAll)
{
    const QString text(ui::SignApprovalDialog::kPreviewChars * 2, QLatin1Char('x'));
    const quint64 id = sign(QStringLiteral("app.example"), text);
    auto* approval = dialog<ui::SignApprovalDialog>(id);
    ASSERT_NE(approval, nullptr);
    auto* content = child<QPlainTextEdit>(approval, QStringLiteral("signContent"));
    EXPECT_LT(content->toPlainText().size(), text.size());
    auto* showAll = child<QPushButton>(approval, QStringLiteral("signShowAll"));
    EXPECT_TRUE(showAll->isVisible());
    showAll->click();
    EXPECT_EQ(content->toPlainText(), text);
}

TEST_F(ApprovalControllerTest, GuiListenerStopsTheHeadlessDenial)
{
    // Before the controller existed nothing listened and every consent was denied at once.
    const quint64 id = connect(QStringLiteral("new.example"), {});
    EXPECT_FALSE(outcome(id).has_value());
    EXPECT_NE(m_controller->dialogFor(id), nullptr);
}
