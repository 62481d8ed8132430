// The MCP tools list_sites and revoke_site (issue 18 part 4, `tokenpass sites`) over real HTTP:
// the Connected sites window's list and its Revoke for an agent holding manage_sites, the scope
// challenge for one without it, and every revoke in the audit log.

#include "McpFixture.h"
#include "access/AccessTokens.h"
#include "access/Gatekeeper.h"
#include "store/AuditLog.h"
#include "store/Database.h"

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

class McpSites : public McpEndpoint
{
protected:
    void SetUp() override
    {
        McpEndpoint::SetUp();
        m_token = mcpToken({QStringLiteral("manage_sites")}, access::SigningPolicy::Allow, &m_agentId);
        m_session = openSession(m_token);
    }
    QJsonObject tool(const QString& name, const QJsonObject& arguments = {})
    {
        return callTool(m_token, m_session, name, arguments);
    }
    static QJsonObject structured(const QJsonObject& result)
    {
        EXPECT_FALSE(result.value(QStringLiteral("isError")).toBool())
            << QJsonDocument(result).toJson().constData();
        return result.value(QStringLiteral("structuredContent")).toObject();
    }
    QJsonObject listed(const QString& host)
    {
        for (const QJsonValue& v :
             structured(tool(QStringLiteral("list_sites"))).value(QStringLiteral("sites")).toArray())
            if (v.toObject().value(QStringLiteral("host")).toString() == host)
                return v.toObject();
        return {};
    }
    // The entry of `host` with `operation` whose detail contains `text` (audit entries from the
    // server thread are written in batches: waits for them).
    std::optional<store::AuditEntry> audited(const QString& host, store::AuditOperation operation,
                                             const QString& text = {})
    {
        for (int i = 0; i < 100; ++i) {
            for (const store::AuditEntry& e : store::AuditLog(m_db).recent(host, 50))
                if (e.operation == operation && e.detail.contains(text))
                    return e;
            spin(50);
        }
        return std::nullopt;
    }

    QString m_token;
    QString m_agentId;
    QString m_session;
};

TEST_F(McpSites, ListGivesTheConnectedSiteAndTheOAuthClient)
{
    grant(QStringLiteral("shop.example"), {QStringLiteral("sign")});
    (void)authorize(QStringLiteral("shop.example"), {QStringLiteral("sign")});
    QString otherId;
    (void)mcpToken({QStringLiteral("sign"), QStringLiteral("read_profile")}, access::SigningPolicy::Allow,
                   &otherId);

    const QJsonObject site = listed(QStringLiteral("shop.example"));
    EXPECT_EQ(site.value(QStringLiteral("kind")), QStringLiteral("site"));
    EXPECT_EQ(site.value(QStringLiteral("name")), QStringLiteral("shop.example"));
    EXPECT_EQ(site.value(QStringLiteral("scopes")), QJsonValue(QJsonArray{QStringLiteral("sign")}));
    EXPECT_EQ(site.value(QStringLiteral("policy")), QStringLiteral("allow"));
    EXPECT_TRUE(site.value(QStringLiteral("client_id")).isNull());
    EXPECT_TRUE(site.value(QStringLiteral("name_verified")).isNull());

    const QJsonObject app = listed(QStringLiteral("oauth:") + otherId);
    EXPECT_EQ(app.value(QStringLiteral("kind")), QStringLiteral("oauth_client"));
    EXPECT_EQ(app.value(QStringLiteral("client_id")), otherId);
    EXPECT_EQ(app.value(QStringLiteral("name_verified")), QJsonValue(false));
    EXPECT_FALSE(app.value(QStringLiteral("name")).toString().isEmpty());
    EXPECT_EQ(app.value(QStringLiteral("scopes")),
              QJsonValue(QJsonArray{QStringLiteral("sign"), QStringLiteral("read_profile")}));
    // The caller is listed too: it is a connected app like the others.
    EXPECT_FALSE(listed(QStringLiteral("oauth:") + m_agentId).isEmpty());
    EXPECT_TRUE(listed(QStringLiteral("nobody.example")).isEmpty());
}

TEST_F(McpSites, RevokingAnOAuthClientMakesItsTokenAnswer401AndIsAudited)
{
    QString otherId;
    const QString other = mcpToken({QStringLiteral("sign")}, access::SigningPolicy::Allow, &otherId);
    const QString otherSession = openSession(other);
    const QString host = QStringLiteral("oauth:") + otherId;

    const QJsonObject r = structured(tool(QStringLiteral("revoke_site"), {{QStringLiteral("host"), host}}));
    EXPECT_EQ(r.value(QStringLiteral("revoked")).toObject().value(QStringLiteral("host")), host);
    EXPECT_EQ(r.value(QStringLiteral("self")), QJsonValue(false));

    const HttpResult after = rpc(other, otherSession, request(QStringLiteral("ping")));
    EXPECT_EQ(after.status, 401) << after.body.constData();
    EXPECT_TRUE(after.header("WWW-Authenticate").contains("invalid_token"));
    EXPECT_TRUE(listed(host).isEmpty());

    EXPECT_TRUE(audited(host, store::AuditOperation::OAuthRevoke));
    EXPECT_TRUE(audited(QStringLiteral("oauth:") + m_agentId, store::AuditOperation::McpTool,
                        QStringLiteral("revoke_site: ") + host))
        << "the agent that revoked is recorded with the revoked host";
}

TEST_F(McpSites, RevokingASiteRemovesItsTokenAndGrant)
{
    grant(QStringLiteral("shop.example"), {QStringLiteral("sign")});
    const QString siteToken = authorize(QStringLiteral("shop.example"), {QStringLiteral("sign")});
    ASSERT_FALSE(listed(QStringLiteral("shop.example")).isEmpty());
    access::AccessTokens tokens(m_db);
    ASSERT_EQ(tokens.validate(siteToken, {}).status, access::TokenStatus::Valid);

    structured(
        tool(QStringLiteral("revoke_site"), {{QStringLiteral("host"), QStringLiteral("shop.example")}}));
    EXPECT_TRUE(listed(QStringLiteral("shop.example")).isEmpty());
    EXPECT_EQ(tokens.validate(siteToken, {}).status, access::TokenStatus::InvalidToken);
    EXPECT_FALSE(access::Grants(m_db, m_clock).find(QStringLiteral("shop.example")));
    EXPECT_TRUE(audited(QStringLiteral("shop.example"), store::AuditOperation::Revoke, m_agentId))
        << "the site's own entry names the agent that revoked it";
}

TEST_F(McpSites, RevokingItselfSaysSoAndEndsItsOwnToken)
{
    const QString self = QStringLiteral("oauth:") + m_agentId;
    const QJsonObject r = structured(tool(QStringLiteral("revoke_site"), {{QStringLiteral("host"), self}}));
    EXPECT_EQ(r.value(QStringLiteral("self")), QJsonValue(true));
    EXPECT_EQ(rpc(m_token, m_session, request(QStringLiteral("ping"))).status, 401);
}

TEST_F(McpSites, UnknownHostIsAToolErrorAndRevokesNothing)
{
    grant(QStringLiteral("shop.example"), {QStringLiteral("sign")});
    (void)authorize(QStringLiteral("shop.example"), {QStringLiteral("sign")});
    const QJsonObject r =
        tool(QStringLiteral("revoke_site"), {{QStringLiteral("host"), QStringLiteral("shop")}});
    EXPECT_TRUE(r.value(QStringLiteral("isError")).toBool());
    EXPECT_TRUE(r.value(QStringLiteral("content"))
                    .toArray()
                    .at(0)
                    .toObject()
                    .value(QStringLiteral("text"))
                    .toString()
                    .startsWith(QStringLiteral("Not connected: shop")));
    EXPECT_FALSE(listed(QStringLiteral("shop.example")).isEmpty());
}

TEST_F(McpSites, WithoutManageSitesIs403WithTheScopeToAskFor)
{
    const QString signer = mcpToken({QStringLiteral("sign")});
    const QString session = openSession(signer);
    for (const char* name : {"list_sites", "revoke_site"}) {
        const HttpResult r = rpc(signer, session,
                                 request(QStringLiteral("tools/call"),
                                         {{QStringLiteral("name"), QLatin1String(name)},
                                          {QStringLiteral("arguments"),
                                           name == QByteArray("revoke_site")
                                               ? QJsonObject{{QStringLiteral("host"), QStringLiteral("x")}}
                                               : QJsonObject{}}}));
        EXPECT_EQ(r.status, 403) << name << r.body.constData();
        EXPECT_TRUE(r.header("WWW-Authenticate")
                        .startsWith("Bearer error=\"insufficient_scope\", scope=\"sign manage_sites\""))
            << r.header("WWW-Authenticate").constData();
    }
}

// Listing and revoking use no key: they work while the wallet is locked (revoking a rogue app
// should not wait for an unlock).
TEST_F(McpSites, ListAndRevokeWorkWhileLocked)
{
    grant(QStringLiteral("shop.example"), {QStringLiteral("sign")});
    (void)authorize(QStringLiteral("shop.example"), {QStringLiteral("sign")});
    m_wallet->lock();
    EXPECT_FALSE(listed(QStringLiteral("shop.example")).isEmpty());
    structured(
        tool(QStringLiteral("revoke_site"), {{QStringLiteral("host"), QStringLiteral("shop.example")}}));
    EXPECT_TRUE(listed(QStringLiteral("shop.example")).isEmpty());
}

// The person sees the scope in plain words before granting it: here on the headless device page
// (the native dialogs take the same words from ScopeWords).
TEST_F(McpSites, TheConsentFormNamesManageSitesInPlainWords)
{
    m_broker->setHeadless(true);
    const HttpResult reg = post(
        QStringLiteral("/oauth/register"),
        R"({"client_name":"Agent","grant_types":["urn:ietf:params:oauth:grant-type:device_code","refresh_token"]})");
    ASSERT_EQ(reg.status, 201) << reg.body.constData();
    const HttpResult started =
        post(QStringLiteral("/oauth/device_authorization"),
             "client_id=" + reg.json().value(QStringLiteral("client_id")).toString().toLatin1() +
                 "&scope=sign+manage_sites",
             {{"Content-Type", "application/x-www-form-urlencoded"}});
    ASSERT_EQ(started.status, 200) << started.body.constData();
    const HttpResult page = get(QStringLiteral("/oauth/device?user_code=") +
                                started.json().value(QStringLiteral("user_code")).toString());
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(page.body.contains("<li><b>Manage connected sites</b> (manage_sites): See and disconnect the "
                                   "sites and apps connected to TokenPass</li>"))
        << page.body.constData();
    EXPECT_TRUE(page.body.contains("<li><b>Sign messages</b> (sign): ")) << page.body.constData();
}

TEST(GatekeeperSites, ListingAndRevokingNeedTheScopeAndAConnectedTarget)
{
    const QString agent = QStringLiteral("oauth:abc");
    const QStringList held{QStringLiteral("sign"), QStringLiteral("manage_sites")};
    ManualClock clock;
    TestDataDir dir;
    auto db = store::Database::open(dir.path());
    ASSERT_TRUE(db);
    access::Gatekeeper g(std::make_shared<access::Grants>(*db, clock), nullptr, clock);
    EXPECT_EQ(g.checkSiteManagement({agent, held, {}, false}).verdict, access::Verdict::Allowed);
    EXPECT_EQ(g.checkSiteManagement({agent, {QStringLiteral("sign")}, {}, false}).reason,
              access::DenyReason::MissingScope);
    EXPECT_EQ(g.checkSiteManagement({QStringLiteral("shop.example"), held, {}, false}).verdict,
              access::Verdict::Denied)
        << "only an OAuth client manages sites";
    EXPECT_EQ(g.checkSiteManagement({agent, held, QStringLiteral("x"), false}).reason,
              access::DenyReason::UnknownSite);
    EXPECT_EQ(g.checkSiteManagement({agent, held, QStringLiteral("x"), true}).verdict,
              access::Verdict::Allowed);
}

} // namespace
