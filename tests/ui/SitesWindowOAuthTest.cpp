// The Connected sites window with OAuth clients (issue 16 item 4), against a real server on port 0:
// an app that signed in through the real code flow is listed with its name (marked unverified),
// its permissions in plain words, its identity by name and its last use; Revoke (after the
// confirmation) removes it, and its tokens stop working at /oauth/userinfo, /mcp and the token
// endpoint. Driven by objectName, as a person would.

#include "SitesModel.h"
#include "SitesWindow.h"

#include "server/McpFixture.h"
#include "store/AuditLog.h"

#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace tokenpass;
using namespace tokenpass::test;
using ui::SitesModel;
using ui::SitesWindow;

namespace {

// The window checks every 2 s; a loaded CI machine may need more than QTRY's default 5 s.
constexpr int kWaitMs = 20000;

class SitesWindowOAuth : public McpEndpoint
{
protected:
    void SetUp() override
    {
        McpEndpoint::SetUp();
        m_model = std::make_unique<SitesModel>(m_db, m_clock);
        m_model->setNow([this] { return m_clock.nowMs(); });
        m_model->setIdentitySource([this] { return m_identities; });
        // As app/TrayApplication wires them.
        QObject::connect(m_model.get(), &SitesModel::revokeClientRequested, m_server.get(),
                         &server::ServerController::revokeOAuthClient);
        QObject::connect(m_server.get(), &server::ServerController::oauthClientRevoked, m_model.get(),
                         &SitesModel::clientRevoked);
        m_window = std::make_unique<SitesWindow>(m_model.get());
        m_window->setWatchInterval(50);
        m_window->setConfirm([this](QWidget*, const QString& question) {
            m_questions.append(question);
            return m_answer;
        });
        m_window->show();
    }
    void TearDown() override
    {
        m_window.reset();
        m_model.reset();
        McpEndpoint::TearDown();
    }
    QString cell(const QString& host, int column, int role = Qt::DisplayRole) const
    {
        return m_model->index(m_model->rowOf(host), column).data(role).toString();
    }
    HttpResult userinfo(const QString& access)
    {
        return get(QStringLiteral("/oauth/userinfo"), {{"Authorization", bearer(access)}});
    }
    HttpResult initialize(const QString& access)
    {
        const QJsonObject params{
            {QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")},
            {QStringLiteral("capabilities"), QJsonObject{}},
            {QStringLiteral("clientInfo"), QJsonObject{{QStringLiteral("name"), QStringLiteral("t")},
                                                       {QStringLiteral("version"), QStringLiteral("1")}}}};
        return rpc(access, {}, request(QStringLiteral("initialize"), params));
    }

    // The real flow: consent (a standing grant), authorize, token endpoint. The token response.
    QJsonObject connectApp(const QString& clientId)
    {
        grant(QStringLiteral("oauth:") + clientId, {QStringLiteral("openid"), QStringLiteral("sign")});
        rememberConsent(clientId, {QStringLiteral("openid"), QStringLiteral("sign")});
        const QString path =
            QStringLiteral("/oauth/authorize?response_type=code&client_id=") + clientId +
            QStringLiteral("&redirect_uri=http%3A%2F%2Flocalhost%3A9999%2Fcb&state=s&code_challenge=") +
            QLatin1String(kChallenge) +
            QStringLiteral("&code_challenge_method=S256&scope=openid+sign&resource=") +
            QString::fromLatin1(QUrl::toPercentEncoding(resource()));
        const HttpResult authorized = get(path);
        EXPECT_EQ(authorized.status, 302) << authorized.body.constData();
        const HttpResult t = exchange(
            clientId, locationQuery(authorized).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded));
        EXPECT_EQ(t.status, 200) << t.body.constData();
        return t.json();
    }

    std::unique_ptr<SitesModel> m_model;
    std::unique_ptr<SitesWindow> m_window;
    QList<wallet::BapIdentity> m_identities;
    QStringList m_questions;
    bool m_answer = true;
};

} // namespace

TEST_F(SitesWindowOAuth, AnAppIsListedAndRevokeStopsItsTokens)
{
    const QString clientId = registerClient();
    const QString host = QStringLiteral("oauth:") + clientId;
    spin(200);
    EXPECT_EQ(m_model->rowOf(host), -1); // registered only: not connected

    // The window names identities through this list. Set before the flow: once the app holds a
    // token, the window may look at any moment (it checks every 2 s).
    const auto identities = m_wallet->identities();
    ASSERT_TRUE(identities && !identities->isEmpty());
    wallet::BapIdentity alice;
    alice.name = QStringLiteral("Alice");
    alice.identityKey = identities->first().identityKey;
    m_identities = {alice};

    const QJsonObject tokens = connectApp(clientId);
    ASSERT_FALSE(tokens.isEmpty());
    const QString access = tokens.value(QStringLiteral("access_token")).toString();
    const QString refreshToken = tokens.value(QStringLiteral("refresh_token")).toString();
    const auto claims = verify(access);
    ASSERT_TRUE(claims);
    EXPECT_EQ(claims->claims.value(QStringLiteral("bap_id")).toString(), alice.identityKey); // the primary

    // The window finds the app by itself. It may first have listed it between the consent and the
    // token exchange (a consent alone is a connection, named by the consent's identity, which this
    // test's grant leaves empty), so wait until it shows the token's identity.
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowOf(host) >= 0, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(cell(host, SitesModel::IdentityColumn), QStringLiteral("Alice"), kWaitMs);
    EXPECT_EQ(cell(host, SitesModel::HostColumn), QStringLiteral("Test Agent (app, unverified)"));
    EXPECT_TRUE(cell(host, SitesModel::HostColumn, Qt::ToolTipRole).contains(clientId));
    EXPECT_EQ(cell(host, SitesModel::ScopesColumn), QStringLiteral("Know who you are, Sign messages"));
    EXPECT_EQ(cell(host, SitesModel::IdentityColumn), QStringLiteral("Alice"));
    EXPECT_EQ(cell(host, SitesModel::LastUsedColumn), QStringLiteral("just now"));
    EXPECT_FALSE(cell(host, SitesModel::LastUsedColumn, Qt::ToolTipRole).isEmpty()); // the exact time

    // Using a token moves its last use on, and the open window shows it.
    m_clock.advance(30 * 60 * 1000);
    QTRY_VERIFY_WITH_TIMEOUT(cell(host, SitesModel::LastUsedColumn).startsWith(QStringLiteral("30 minute")),
                             kWaitMs);
    ASSERT_EQ(userinfo(access).status, 200);
    ASSERT_EQ(initialize(access).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(cell(host, SitesModel::LastUsedColumn), QStringLiteral("just now"), kWaitMs);

    // Its activity: registration and sign-in, in plain words.
    ASSERT_TRUE(m_window->selectHost(host));
    auto* audit = m_window->findChild<QTreeWidget*>(QStringLiteral("sitesAudit"));
    ASSERT_NE(audit, nullptr);
    QStringList what;
    for (int i = 0; i < audit->topLevelItemCount(); ++i)
        what << audit->topLevelItem(i)->text(1);
    EXPECT_TRUE(what.contains(QStringLiteral("Registered as an app"))) << qPrintable(what.join(u'|'));
    EXPECT_TRUE(what.contains(QStringLiteral("App sign-in"))) << qPrintable(what.join(u'|'));

    // Revoke: the person says no first, then yes.
    auto* revoke = m_window->findChild<QPushButton*>(QStringLiteral("sitesRevoke"));
    ASSERT_NE(revoke, nullptr);
    ASSERT_TRUE(revoke->isEnabled());
    m_answer = false;
    QTest::mouseClick(revoke, Qt::LeftButton);
    ASSERT_EQ(m_questions.size(), 1);
    EXPECT_TRUE(m_questions.first().contains(QStringLiteral("Test Agent (app, unverified)")));
    spin(200);
    EXPECT_GE(m_model->rowOf(host), 0);
    EXPECT_EQ(userinfo(access).status, 200);

    m_answer = true;
    QTest::mouseClick(revoke, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowOf(host), -1, kWaitMs);

    const HttpResult info = userinfo(access);
    EXPECT_EQ(info.status, 401);
    EXPECT_EQ(info.json().value(QStringLiteral("error_description")).toString(),
              QStringLiteral("The access token was revoked"));
    EXPECT_EQ(initialize(access).status, 401);
    const HttpResult refreshed = refresh(clientId, refreshToken);
    EXPECT_EQ(refreshed.status, 400);
    EXPECT_EQ(refreshed.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));

    const auto entries = store::AuditLog(m_db).recent(host, 1);
    ASSERT_EQ(entries.size(), 1);
    EXPECT_EQ(entries.first().operation, store::AuditOperation::OAuthRevoke);
    EXPECT_EQ(entries.first().result, store::AuditResult::Allowed);
}

TEST_F(SitesWindowOAuth, RevokeAllTakesTheAppsAlong)
{
    const QString clientId = registerClient();
    const QString host = QStringLiteral("oauth:") + clientId;
    const QJsonObject t = connectApp(clientId);
    const QString access = t.value(QStringLiteral("access_token")).toString();
    grant(QStringLiteral("shop.example"), {QStringLiteral("sign")});
    const QString siteToken = authorize(QStringLiteral("shop.example"), {QStringLiteral("sign")});
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowOf(host) >= 0 && m_model->rowOf(QStringLiteral("shop.example")) >= 0,
                             kWaitMs);
    EXPECT_EQ(m_model->rowCount(), 2); // the app's grant is its row, not a site called "oauth:..."

    auto* revokeAll = m_window->findChild<QPushButton*>(QStringLiteral("sitesRevokeAll"));
    ASSERT_NE(revokeAll, nullptr);
    QTest::mouseClick(revokeAll, Qt::LeftButton);
    ASSERT_EQ(m_questions.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 0, kWaitMs);
    EXPECT_EQ(userinfo(access).status, 401);
    EXPECT_EQ(refresh(clientId, t.value(QStringLiteral("refresh_token")).toString()).status, 400);
    EXPECT_EQ(store::AuditLog(m_db).recent(host, 1).value(0).operation, store::AuditOperation::OAuthRevoke);
    const HttpResult signed_ =
        post(QStringLiteral("/api/sign"), R"({"message":"after"})", {{"Authorization", bearer(siteToken)}});
    EXPECT_EQ(signed_.status, 401);
    EXPECT_EQ(signed_.json().value(QStringLiteral("code")).toInt(), 3); // the site's token is gone too
}
