// The MCP tools over real HTTP (issue 18 §2): each tool's answer checked with real crypto against
// the identity chosen at consent, the Gatekeeper's ask / reject / locked paths, and the audit log.

#include "McpFixture.h"
#include "crypto/Bsm.h"
#include "crypto/Keys.h"
#include "store/SqlQuery.h"
#include "wallet/BitcoinAuth.h"

#include <QElapsedTimer>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

class McpTools : public McpEndpoint
{
protected:
    void SetUp() override
    {
        McpEndpoint::SetUp();
        m_token = mcpToken(allScopes(), access::SigningPolicy::Allow, &m_clientId);
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
        // The same JSON as text, for clients without structured content.
        const QString text = result.value(QStringLiteral("content"))
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value(QStringLiteral("text"))
                                 .toString();
        const QJsonObject s = result.value(QStringLiteral("structuredContent")).toObject();
        EXPECT_EQ(QJsonDocument::fromJson(text.toUtf8()).object(), s);
        return s;
    }
    static QString errorText(const QJsonObject& result)
    {
        EXPECT_TRUE(result.value(QStringLiteral("isError")).toBool());
        return result.value(QStringLiteral("content"))
            .toArray()
            .at(0)
            .toObject()
            .value(QStringLiteral("text"))
            .toString();
    }
    QStringList auditRows(int atLeast = 1)
    {
        QElapsedTimer timer;
        timer.start();
        QStringList rows;
        do {
            spin(20);
            rows.clear();
            store::SqlQuery q(m_db->connection());
            q.exec(QStringLiteral(
                "SELECT host, result, detail FROM audit_log WHERE operation = 'mcp tool' ORDER BY id"));
            while (q.next())
                rows << q.value(0).toString() + QLatin1Char('|') + q.value(1).toString() + QLatin1Char('|') +
                            q.value(2).toString();
        } while (rows.size() < atLeast && timer.elapsed() < 3000);
        return rows;
    }

    QString m_token;
    QString m_clientId;
    QString m_session;
};

} // namespace

TEST_F(McpTools, ListGivesEveryToolWithInputAndOutputSchemas)
{
    const HttpResult r = rpc(m_token, m_session, request(QStringLiteral("tools/list")));
    ASSERT_EQ(r.status, 200);
    QStringList names;
    for (const QJsonValue& t :
         r.json().value(QStringLiteral("result")).toObject().value(QStringLiteral("tools")).toArray()) {
        names << t.toObject().value(QStringLiteral("name")).toString();
        EXPECT_EQ(t.toObject().value(QStringLiteral("inputSchema")).toObject().value(QStringLiteral("type")),
                  QStringLiteral("object"));
        EXPECT_EQ(t.toObject().value(QStringLiteral("outputSchema")).toObject().value(QStringLiteral("type")),
                  QStringLiteral("object"));
    }
    EXPECT_EQ(names, (QStringList{QStringLiteral("wallet_status"), QStringLiteral("get_identity"),
                                  QStringLiteral("sign_message"), QStringLiteral("create_auth_token"),
                                  QStringLiteral("encrypt"), QStringLiteral("decrypt"),
                                  QStringLiteral("sign_transaction"), QStringLiteral("list_sites"),
                                  QStringLiteral("revoke_site")}));
}

TEST_F(McpTools, StatusAndIdentityAreTheTokensIdentity)
{
    EXPECT_EQ(structured(tool(QStringLiteral("wallet_status"))),
              (QJsonObject{{QStringLiteral("has_wallet"), true}, {QStringLiteral("unlocked"), true}}));
    const QJsonObject id = structured(tool(QStringLiteral("get_identity")));
    const auto claims = verify(m_token);
    ASSERT_TRUE(claims);
    EXPECT_EQ(id.value(QStringLiteral("pubkey")), claims->claims.value(QStringLiteral("pubkey")));
    EXPECT_EQ(id.value(QStringLiteral("address")), claims->claims.value(QStringLiteral("bitcoin_address")));
    EXPECT_EQ(id.value(QStringLiteral("bap_id")), claims->claims.value(QStringLiteral("bap_id")));
    const auto pub = crypto::PublicKey::fromHex(id.value(QStringLiteral("pubkey")).toString());
    ASSERT_TRUE(pub);
    EXPECT_EQ(pub->address(), id.value(QStringLiteral("address")).toString());
}

TEST_F(McpTools, SignMessageVerifiesAgainstTheIdentitysKey)
{
    const auto pub = crypto::PublicKey::fromHex(
        structured(tool(QStringLiteral("get_identity"))).value(QStringLiteral("pubkey")).toString());
    ASSERT_TRUE(pub);
    const QJsonObject s = structured(
        tool(QStringLiteral("sign_message"), {{QStringLiteral("message"), QStringLiteral("hello agent")}}));
    const QString sig = s.value(QStringLiteral("signature")).toString();
    EXPECT_TRUE(crypto::Bsm::verifyWithPublicKey("hello agent", sig, *pub));
    EXPECT_TRUE(crypto::Bsm::verify("hello agent", sig, pub->address()));
    EXPECT_FALSE(crypto::Bsm::verifyWithPublicKey("hello agenT", sig, *pub));
    EXPECT_EQ(s.value(QStringLiteral("pubkey")).toString(), pub->toHex());
    EXPECT_EQ(s.value(QStringLiteral("address")).toString(), pub->address());

    const QJsonObject hex = structured(
        tool(QStringLiteral("sign_message"), {{QStringLiteral("message"), QStringLiteral("00ff")},
                                              {QStringLiteral("encoding"), QStringLiteral("hex")}}));
    EXPECT_TRUE(crypto::Bsm::verifyWithPublicKey(QByteArray::fromHex("00ff"),
                                                 hex.value(QStringLiteral("signature")).toString(), *pub));
    EXPECT_EQ(errorText(tool(QStringLiteral("sign_message"),
                             {{QStringLiteral("message"), QStringLiteral("zz")},
                              {QStringLiteral("encoding"), QStringLiteral("hex")}})),
              QStringLiteral("message is not valid for its encoding"));

    const QStringList rows = auditRows(2);
    ASSERT_EQ(rows.size(), 2);
    EXPECT_EQ(rows[0], QStringLiteral("oauth:") + m_clientId +
                           QStringLiteral("|allowed|sign_message: message, 11 bytes"));
}

// Issue 16 item 3: an agent approved as "a private identity for this app" signs with that key.
TEST_F(McpTools, APrivateIdentitySignsWithTheAppsOwnKey)
{
    QString clientId;
    const QString token = mcpToken(allScopes(), access::SigningPolicy::Allow, &clientId, true);
    const QString session = openSession(token);
    const auto key = m_wallet->hostKey(QStringLiteral("oauth:") + clientId);
    ASSERT_TRUE(key);
    const QJsonObject s = structured(callTool(token, session, QStringLiteral("sign_message"),
                                              {{QStringLiteral("message"), QStringLiteral("hi")}}));
    EXPECT_EQ(s.value(QStringLiteral("pubkey")).toString(), key->publicKey);
    EXPECT_TRUE(crypto::Bsm::verify("hi", s.value(QStringLiteral("signature")).toString(), key->address));
}

TEST_F(McpTools, CreateAuthTokenIsSignedByTheIdentityInBothSchemes)
{
    const QString pubkey =
        structured(tool(QStringLiteral("get_identity"))).value(QStringLiteral("pubkey")).toString();
    for (const char* scheme : {"brc77", "bsm"}) {
        const QJsonObject s = structured(tool(QStringLiteral("create_auth_token"),
                                              {{QStringLiteral("request_path"), QStringLiteral("/api/items")},
                                               {QStringLiteral("body"), QStringLiteral("{\"a\":1}")},
                                               {QStringLiteral("scheme"), QString::fromLatin1(scheme)}}));
        const QString token = s.value(QStringLiteral("token")).toString();
        wallet::BitcoinAuth::Request target;
        target.requestPath = QStringLiteral("/api/items");
        target.body = "{\"a\":1}";
        const auto verified = wallet::BitcoinAuth::verifyStrict(token, target, m_clock.nowMs());
        ASSERT_TRUE(verified) << scheme << ": " << qPrintable(verified.error());
        EXPECT_EQ(verified->pubkey, pubkey) << scheme;
        target.body = "{\"a\":2}";
        EXPECT_FALSE(wallet::BitcoinAuth::verifyStrict(token, target, m_clock.nowMs())) << scheme;
    }
}

TEST_F(McpTools, DecryptOfEncryptGivesTheDataBack)
{
    const QString data = QStringLiteral("a secret for the agent \u00e9");
    const QString ciphertext = structured(tool(QStringLiteral("encrypt"), {{QStringLiteral("data"), data}}))
                                   .value(QStringLiteral("ciphertext"))
                                   .toString();
    EXPECT_TRUE(ciphertext.startsWith(QStringLiteral("424945"))); // "BIE1" in hex: Electrum ECIES
    EXPECT_FALSE(ciphertext.contains(QString::fromLatin1(data.toUtf8().toHex())));
    EXPECT_EQ(structured(tool(QStringLiteral("decrypt"), {{QStringLiteral("ciphertext"), ciphertext}})),
              (QJsonObject{{QStringLiteral("data"), data}}));
    // Tampered: a plain error.
    QString tampered = ciphertext;
    tampered[tampered.size() - 1] = tampered.back() == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
    EXPECT_TRUE(errorText(tool(QStringLiteral("decrypt"), {{QStringLiteral("ciphertext"), tampered}}))
                    .startsWith(QStringLiteral("Could not decrypt: ")));
    EXPECT_EQ(
        errorText(tool(QStringLiteral("decrypt"), {{QStringLiteral("ciphertext"), QStringLiteral("xyz")}})),
        QStringLiteral("ciphertext must be hex"));
}

TEST_F(McpTools, LockedWalletIsAPlainToolError)
{
    m_wallet->lock();
    EXPECT_EQ(structured(tool(QStringLiteral("wallet_status"))),
              (QJsonObject{{QStringLiteral("has_wallet"), true}, {QStringLiteral("unlocked"), false}}));
    EXPECT_EQ(
        errorText(tool(QStringLiteral("sign_message"), {{QStringLiteral("message"), QStringLiteral("x")}})),
        QStringLiteral("TokenPass is locked: unlock it from the tray"));
    EXPECT_EQ(errorText(tool(QStringLiteral("get_identity"))),
              QStringLiteral("TokenPass is locked: unlock it from the tray"));
}

TEST_F(McpTools, AskEveryTimeAsksThePersonNamingTheAgentUnverified)
{
    const QString token = mcpToken(allScopes(), access::SigningPolicy::AskEveryTime);
    const QString session = openSession(token);
    QList<access::ApprovalRequest> asked;
    bool approve = true;
    QObject::connect(
        m_broker.get(), &access::ApprovalBroker::approvalRequested, m_broker.get(),
        [&](const access::ApprovalRequest& r) {
            asked.append(r);
            if (approve)
                m_broker->approve(r.id);
            else
                m_broker->deny(r.id);
        },
        Qt::QueuedConnection);
    const QJsonObject ok = callTool(token, session, QStringLiteral("sign_message"),
                                    {{QStringLiteral("message"), QStringLiteral("pay me")}});
    EXPECT_FALSE(ok.value(QStringLiteral("isError")).toBool());
    ASSERT_EQ(asked.size(), 1);
    EXPECT_EQ(asked[0].kind, access::ApprovalKind::Sign);
    EXPECT_TRUE(asked[0].host.startsWith(QStringLiteral("oauth:")));
    EXPECT_TRUE(
        asked[0].summary.startsWith(QStringLiteral("AI agent \"Test Agent\" (name not verified), as ")))
        << qPrintable(asked[0].summary);
    EXPECT_TRUE(asked[0].summary.endsWith(QStringLiteral(":\npay me")));

    approve = false;
    EXPECT_EQ(errorText(callTool(token, session, QStringLiteral("encrypt"),
                                 {{QStringLiteral("data"), QStringLiteral("x")}})),
              QStringLiteral("Rejected in TokenPass"));
    ASSERT_EQ(asked.size(), 2);
    EXPECT_EQ(asked[1].kind, access::ApprovalKind::Encrypt);
    const QStringList rows = auditRows(2);
    ASSERT_EQ(rows.size(), 2);
    EXPECT_TRUE(rows[0].contains(QStringLiteral("|approved|sign_message: ")));
    EXPECT_TRUE(rows[1].contains(QStringLiteral("|rejected|encrypt: ")));
}

TEST_F(McpTools, AskEveryTimeWithNobodyToAskIsRefusedPlainly)
{
    const QString token = mcpToken(allScopes(), access::SigningPolicy::AskEveryTime);
    const QString session = openSession(token);
    EXPECT_TRUE(errorText(callTool(token, session, QStringLiteral("sign_message"),
                                   {{QStringLiteral("message"), QStringLiteral("x")}}))
                    .startsWith(QStringLiteral("Rejected in TokenPass")));
}
