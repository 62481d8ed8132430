// The MCP tool sign_transaction over real HTTP (issue 18 §2): POST /api/sign/transaction's rules
// for the agent's own key ("oauth:<client_id>"), always through the transaction approval, and a
// plain refusal when nobody can approve it (headless). Signatures checked against that key.

#include "McpFixture.h"
#include "crypto/Hash.h"
#include "crypto/Keys.h"
#include "crypto/Random.h"
#include "tx/Parser.h"
#include "tx/Sighash.h"

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

QByteArray p2pkh(const QByteArray& pkh)
{
    return QByteArray::fromHex("76a914") + pkh + QByteArray::fromHex("88ac");
}

class McpSignTransaction : public McpEndpoint
{
protected:
    void SetUp() override
    {
        McpEndpoint::SetUp();
        m_token = mcpToken({QStringLiteral("transfer")}, access::SigningPolicy::Allow, &m_clientId);
        m_session = openSession(m_token);
    }
    QJsonObject signTool(const QJsonObject& arguments)
    {
        return callTool(m_token, m_session, QStringLiteral("sign_transaction"), arguments);
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
    QString m_token;
    QString m_clientId;
    QString m_session;
};

} // namespace

TEST_F(McpSignTransaction, RefusedPlainlyWhenNobodyCanApproveIt)
{
    EXPECT_EQ(errorText(signTool({{QStringLiteral("tx"), QStringLiteral("0100")}})),
              QStringLiteral(
                  "Rejected in TokenPass: sign_transaction needs the person to approve each transaction in "
                  "the TokenPass window, and this TokenPass runs headless"));
    // The password is not an argument: the person approves, never a script.
    const HttpResult r = rpc(m_token, m_session,
                             request(QStringLiteral("tools/call"),
                                     {{QStringLiteral("name"), QStringLiteral("sign_transaction")},
                                      {QStringLiteral("arguments"),
                                       QJsonObject{{QStringLiteral("tx"), QStringLiteral("0100")},
                                                   {QStringLiteral("password"), QStringLiteral("p")}}}}));
    EXPECT_EQ(r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
              QStringLiteral("Invalid params: Unknown argument: password"));
}

TEST_F(McpSignTransaction, ApprovedInTheDialogSignsWithTheAgentsKey)
{
    const QString host = QStringLiteral("oauth:") + m_clientId;
    const auto info = m_wallet->hostKey(host);
    ASSERT_TRUE(info);
    const auto agentKey = crypto::PublicKey::fromHex(info->publicKey);
    ASSERT_TRUE(agentKey);
    const QByteArray agentPkh = crypto::hash160(agentKey->compressed());
    tx::Transaction t;
    tx::TxInput in;
    in.prevout.txid = crypto::randomBytes(32);
    in.prevout.vout = 0;
    in.source = tx::SourceOutput{5000, p2pkh(agentPkh), tx::SourceOrigin::Ef};
    t.inputs.append(in);
    t.outputs.append({3000, p2pkh(crypto::hash160(crypto::PrivateKey::generate().publicKey().compressed()))});
    t.outputs.append({1900, p2pkh(agentPkh)});

    QList<access::ApprovalRequest> asked;
    bool approve = true;
    QObject::connect(
        m_broker.get(), &access::ApprovalBroker::approvalRequested, m_broker.get(),
        [&](const access::ApprovalRequest& r) {
            asked.append(r);
            approve ? m_broker->approve(r.id) : m_broker->deny(r.id);
        },
        Qt::QueuedConnection);

    // Not a transaction: TX.md's parser refuses it with its reason code, before anyone is asked.
    EXPECT_TRUE(
        errorText(signTool({{QStringLiteral("tx"), QStringLiteral("0100")}})).endsWith(QLatin1Char(')')));
    EXPECT_TRUE(asked.isEmpty());

    const QJsonObject done = signTool({{QStringLiteral("tx"), QString::fromLatin1(t.toEf().toHex())},
                                       {QStringLiteral("description"), QStringLiteral("agent pays")}});
    ASSERT_FALSE(done.value(QStringLiteral("isError")).toBool()) << QJsonDocument(done).toJson().constData();
    ASSERT_EQ(asked.size(), 1);
    EXPECT_EQ(asked[0].kind, access::ApprovalKind::Transaction);
    EXPECT_EQ(asked[0].host, host);
    const QJsonObject s = done.value(QStringLiteral("structuredContent")).toObject();
    const auto parsed = tx::parseHex(s.value(QStringLiteral("ef")).toString(), tx::InputFormat::Ef);
    ASSERT_TRUE(parsed);
    const QJsonArray signedInputs = s.value(QStringLiteral("signedInputs")).toArray();
    ASSERT_EQ(signedInputs.size(), 1);
    const QJsonObject sig = signedInputs.at(0).toObject();
    const QByteArray der = QByteArray::fromHex(sig.value(QStringLiteral("signature")).toString().toLatin1());
    const auto flag = std::uint32_t(sig.value(QStringLiteral("sighash")).toInt());
    const tx::SighashCache cache(parsed->tx);
    EXPECT_TRUE(agentKey->verifyDer(cache.digest(0, flag), der.left(der.size() - 1)));

    approve = false;
    t.inputs[0].prevout.txid = crypto::randomBytes(32);
    EXPECT_EQ(errorText(signTool({{QStringLiteral("tx"), QString::fromLatin1(t.toEf().toHex())}})),
              QStringLiteral("Rejected in TokenPass"));
}
