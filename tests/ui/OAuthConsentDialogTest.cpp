// The native OAuth consent dialog (issue 16 item 3), offscreen and driven by objectName through
// the real ApprovalController, broker and Gatekeeper: what it shows, Allow disarmed and never the
// default, Escape denies, the chosen identity reaches the Gatekeeper, "remember" is stored, the
// device variant shows the user code, and a locked wallet is unlocked first.

#include "OAuthConsentDialog.h"
#include "ApprovalController.h"

#include "access/ApprovalBroker.h"
#include "access/Gatekeeper.h"
#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "store/Database.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace tokenpass;
using access::ApprovalKind;
using access::ApprovalOutcome;
using ui::ApprovalController;
using ui::OAuthConsentDialog;

namespace {

wallet::BapIdentity identity(const QString& name, const QString& key)
{
    wallet::BapIdentity id;
    id.name = name;
    id.identityKey = key;
    return id;
}

class OAuthConsentDialogTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db.isOk()) << qPrintable(db.error());
        m_consents = std::make_shared<access::OAuthConsents>(*db, m_clock);
        m_broker = std::make_unique<access::ApprovalBroker>();
        m_gatekeeper = std::make_unique<access::Gatekeeper>(std::make_shared<access::Grants>(*db, m_clock),
                                                            m_broker.get(), m_clock);
        m_gatekeeper->setOAuthConsents(m_consents);
        m_controller = std::make_unique<ApprovalController>(m_broker.get());
        m_controller->setIdentitySource([] {
            return QList<wallet::BapIdentity>{
                identity(QStringLiteral("Primary Identity"), QStringLiteral("idA")),
                identity(QStringLiteral("Work"), QStringLiteral("idB"))};
        });
        m_finished = std::make_unique<QSignalSpy>(m_broker.get(), &access::ApprovalBroker::approvalFinished);
    }

    static access::Operation op(const QString& resource = QStringLiteral("http://127.0.0.1:3000/mcp"),
                                const QString& userCode = {})
    {
        access::Operation o;
        o.kind = ApprovalKind::Connect;
        o.host = QStringLiteral("oauth:c1");
        o.scopes = {QStringLiteral("openid"), QStringLiteral("offline_access"), QStringLiteral("bsv:wallet")};
        o.details = {{QStringLiteral("oauthClientName"), QStringLiteral("Claude Code")},
                     {QStringLiteral("oauthResource"), resource}};
        if (userCode.isEmpty()) {
            o.details.insert(QStringLiteral("oauthRedirectHost"), QStringLiteral("localhost"));
        } else {
            o.details.insert(QStringLiteral("oauthUserCode"), userCode);
            o.details.insert(QStringLiteral("prompt"), QStringLiteral("consent"));
        }
        return o;
    }
    OAuthConsentDialog* dialog(quint64 id)
    {
        return qobject_cast<OAuthConsentDialog*>(m_controller->dialogFor(id));
    }
    template <typename T> static T* child(QWidget* parent, const char* name)
    {
        auto* w = parent->findChild<T*>(QString::fromLatin1(name));
        EXPECT_NE(w, nullptr) << name;
        return w;
    }
    std::optional<ApprovalOutcome> outcome(quint64 id) const
    {
        for (const auto& args : *m_finished)
            if (args.at(0).toULongLong() == id)
                return args.at(1).value<ApprovalOutcome>();
        return std::nullopt;
    }

    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::shared_ptr<access::OAuthConsents> m_consents;
    std::unique_ptr<access::ApprovalBroker> m_broker;
    std::unique_ptr<access::Gatekeeper> m_gatekeeper;
    std::unique_ptr<ApprovalController> m_controller;
    std::unique_ptr<QSignalSpy> m_finished;
};

} // namespace

TEST_F(OAuthConsentDialogTest, ShowsTheClientRedirectResourceScopesAndIdentities)
{
    const quint64 id = m_gatekeeper->ask(op());
    OAuthConsentDialog* d = dialog(id);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->objectName(), QStringLiteral("oauthConsentDialog"));
    const QString who = child<QLabel>(d, "oauthClientName")->text();
    EXPECT_TRUE(who.contains(QStringLiteral("Claude Code")));
    EXPECT_TRUE(who.contains(QStringLiteral("unverified")));
    EXPECT_FALSE(child<QLabel>(d, "oauthClientName")->accessibleName().isEmpty());
    EXPECT_NE(child<QWidget>(d, "oauthClientIdenticon"), nullptr);
    EXPECT_EQ(child<QLabel>(d, "oauthRedirectHost")->text(), QStringLiteral("localhost"));
    EXPECT_EQ(child<QLabel>(d, "oauthResource")->text(), QStringLiteral("http://127.0.0.1:3000/mcp"));
    EXPECT_EQ(d->findChild<QLabel*>(QStringLiteral("oauthResourceWarning")), nullptr); // loopback: plain
    EXPECT_EQ(d->findChild<QLabel*>(QStringLiteral("oauthUserCode")), nullptr);

    // The scopes in words; the money-moving one marked.
    QLabel* openid = child<QLabel>(d, "oauthScope_openid");
    QLabel* offline = child<QLabel>(d, "oauthScope_offline_access");
    QLabel* wallet = child<QLabel>(d, "oauthScope_bsv:wallet");
    ASSERT_TRUE(openid && offline && wallet);
    EXPECT_TRUE(openid->text().contains(QStringLiteral("Know who you are")));
    EXPECT_TRUE(offline->text().contains(QStringLiteral("Stay signed in")));
    EXPECT_FALSE(openid->property("movesMoney").toBool());
    EXPECT_TRUE(wallet->property("movesMoney").toBool());
    EXPECT_TRUE(wallet->text().contains(QStringLiteral("moves money")));

    // The chooser: the BAP identities (primary preselected), then this app's private identity.
    auto* chooser = child<QComboBox>(d, "oauthIdentity");
    ASSERT_EQ(chooser->count(), 3);
    EXPECT_EQ(chooser->currentData().toString(), QStringLiteral("idA"));
    EXPECT_EQ(chooser->itemData(2).toString(), QStringLiteral("private:c1"));
    EXPECT_FALSE(chooser->accessibleName().isEmpty());
    auto* remember = child<QCheckBox>(d, "oauthRemember");
    EXPECT_FALSE(remember->isChecked());
    EXPECT_FALSE(remember->isHidden());

    // Allow: not the default, disabled while arming; Deny is the default.
    auto* allow = child<QPushButton>(d, "oauthAllow");
    auto* deny = child<QPushButton>(d, "oauthDeny");
    EXPECT_FALSE(allow->isDefault());
    EXPECT_FALSE(allow->autoDefault());
    EXPECT_TRUE(deny->isDefault());
    EXPECT_FALSE(allow->isEnabled());
    EXPECT_TRUE(QTest::qWaitFor([allow] { return allow->isEnabled(); }, 5000));
    m_broker->deny(id);
}

TEST_F(OAuthConsentDialogTest, ARemoteResourceIsShownWithAWarning)
{
    const quint64 id = m_gatekeeper->ask(op(QStringLiteral("https://mcp.example.com/mcp")));
    OAuthConsentDialog* d = dialog(id);
    ASSERT_NE(d, nullptr);
    QLabel* warning = child<QLabel>(d, "oauthResourceWarning");
    ASSERT_NE(warning, nullptr);
    EXPECT_TRUE(warning->text().contains(QStringLiteral("remote service")));
    EXPECT_TRUE(OAuthConsentDialog::isLoopbackResource(QStringLiteral("http://[::1]:8080/mcp")));
    EXPECT_TRUE(OAuthConsentDialog::isLoopbackResource(QStringLiteral("http://localhost/x")));
    EXPECT_FALSE(OAuthConsentDialog::isLoopbackResource(QStringLiteral("https://127.0.0.1.example.com/")));
    m_broker->deny(id);
}

TEST_F(OAuthConsentDialogTest, AllowReturnsTheChosenIdentityAndStoresRemember)
{
    const access::Operation o = op();
    const quint64 id = m_gatekeeper->ask(o);
    OAuthConsentDialog* d = dialog(id);
    ASSERT_NE(d, nullptr);
    auto* chooser = child<QComboBox>(d, "oauthIdentity");
    chooser->setCurrentIndex(chooser->findData(QStringLiteral("private:c1")));
    child<QCheckBox>(d, "oauthRemember")->setChecked(true);
    auto* allow = child<QPushButton>(d, "oauthAllow");
    ASSERT_TRUE(QTest::qWaitFor([allow] { return allow->isEnabled(); }, 5000));
    QTest::mouseClick(allow, Qt::LeftButton);

    EXPECT_EQ(outcome(id), ApprovalOutcome::Approved);
    const auto chosen = m_gatekeeper->consentOutcome(o);
    ASSERT_TRUE(chosen);
    EXPECT_EQ(chosen->identity, QStringLiteral("private:c1"));
    const auto remembered = m_consents->find(QStringLiteral("c1"));
    ASSERT_TRUE(remembered);
    EXPECT_EQ(remembered->identity, QStringLiteral("private:c1"));
    // The next request is decided without a dialog.
    EXPECT_EQ(m_gatekeeper->check(o).verdict, access::Verdict::Allowed);
    EXPECT_TRUE(QTest::qWaitFor([&] { return m_controller->dialogFor(id) == nullptr; }, 3000));
}

TEST_F(OAuthConsentDialogTest, EscapeDeniesAndRemembersNothing)
{
    const quint64 id = m_gatekeeper->ask(op());
    OAuthConsentDialog* d = dialog(id);
    ASSERT_NE(d, nullptr);
    child<QCheckBox>(d, "oauthRemember")->setChecked(true);
    QTest::keyClick(d, Qt::Key_Escape);
    EXPECT_EQ(outcome(id), ApprovalOutcome::Denied);
    EXPECT_FALSE(m_consents->find(QStringLiteral("c1")));
}

TEST_F(OAuthConsentDialogTest, EnterDoesNotAllow)
{
    const quint64 id = m_gatekeeper->ask(op());
    OAuthConsentDialog* d = dialog(id);
    ASSERT_NE(d, nullptr);
    auto* allow = child<QPushButton>(d, "oauthAllow");
    ASSERT_TRUE(QTest::qWaitFor([allow] { return allow->isEnabled(); }, 5000));
    QTest::keyClick(d, Qt::Key_Return);
    EXPECT_EQ(outcome(id), ApprovalOutcome::Denied);
}

TEST_F(OAuthConsentDialogTest, TimeoutDenies)
{
    m_broker->setTimeout(ApprovalKind::Connect, 100);
    const quint64 id = m_gatekeeper->ask(op());
    ASSERT_NE(dialog(id), nullptr);
    EXPECT_TRUE(QTest::qWaitFor([&] { return outcome(id).has_value(); }, 3000));
    EXPECT_EQ(outcome(id), ApprovalOutcome::TimedOut);
    EXPECT_TRUE(QTest::qWaitFor([&] { return m_controller->dialogFor(id) == nullptr; }, 3000));
}

TEST_F(OAuthConsentDialogTest, TheDeviceVariantShowsTheUserCodeAndNoRemember)
{
    const quint64 id =
        m_gatekeeper->ask(op(QStringLiteral("http://127.0.0.1:3000/mcp"), QStringLiteral("BCDFGHJK")));
    OAuthConsentDialog* d = dialog(id);
    ASSERT_NE(d, nullptr);
    EXPECT_TRUE(d->isDeviceRequest());
    EXPECT_EQ(child<QLabel>(d, "oauthUserCode")->text(), QStringLiteral("BCDF-GHJK"));
    EXPECT_EQ(d->findChild<QLabel*>(QStringLiteral("oauthRedirectHost")), nullptr);
    EXPECT_TRUE(child<QCheckBox>(d, "oauthRemember")->isHidden());
    m_broker->deny(id);
}

TEST_F(OAuthConsentDialogTest, ALockedWalletIsUnlockedFirst)
{
    std::function<void(bool)> pending;
    m_controller->setUnlockGate([&pending](std::function<void(bool)> done) { pending = std::move(done); });
    const quint64 id = m_gatekeeper->ask(op());
    ASSERT_TRUE(pending); // the unlock dialog is up; no consent yet
    EXPECT_EQ(dialog(id), nullptr);
    pending(true);
    EXPECT_NE(dialog(id), nullptr);
    m_broker->deny(id);

    // The unlock cancelled: the sign-in is denied, and no consent dialog appears.
    pending = {};
    const quint64 second = m_gatekeeper->ask(op());
    ASSERT_TRUE(pending);
    pending(false);
    EXPECT_EQ(outcome(second), ApprovalOutcome::Denied);
    EXPECT_EQ(dialog(second), nullptr);
}
