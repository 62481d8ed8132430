// POST /api/sign/transaction over HTTP (TX.md §2.3, §2.4, §5; issue 17): the scope, the two
// approval modes (GUI: the person; headless: the wallet password), the refusal bodies, the
// outpoint memory and the audit entry. Signatures are checked against the site's public key.

#include "ServerHarness.h"
#include "crypto/Encoding.h"
#include "crypto/Hash.h"
#include "crypto/Keys.h"
#include "crypto/Random.h"
#include "store/SqlQuery.h"
#include "store/UnlockBackoff.h"
#include "tx/Parser.h"
#include "tx/Sighash.h"
#include "tx/TransactionView.h"

#include <QElapsedTimer>
#include <QJsonArray>

using namespace tokenpass;
using namespace tokenpass::test;

using access::ApprovalBroker;
using access::ApprovalRequest;

namespace {

const QString kHost = QStringLiteral("shop.example");
const QByteArray kPassword = "correct horse battery";

QByteArray p2pkh(const QByteArray& pkh)
{
    return QByteArray::fromHex("76a914") + pkh + QByteArray::fromHex("88ac");
}

} // namespace

class TransactionRoutes : public ServerHarness
{
protected:
    void SetUp() override
    {
        ServerHarness::SetUp();
        registerWallet(kPassword);
        grant(kHost, {QStringLiteral("transfer")});
        m_token = authorize(kHost, {QStringLiteral("transfer")});
        ASSERT_FALSE(m_token.isEmpty());
        const auto key = m_wallet->hostKey(kHost);
        ASSERT_TRUE(key);
        m_siteKey = crypto::PublicKey::fromHex(key->publicKey).value();
        m_sitePkh = crypto::hash160(m_siteKey->compressed());
        m_foreignPkh = crypto::hash160(crypto::PrivateKey::generate().publicKey().compressed());
    }

    // An EF transaction: one input per amount from the site's address, a payment to someone
    // else, and change back.
    tx::Transaction spend(const QList<std::uint64_t>& amounts, std::uint64_t pay, std::uint64_t change) const
    {
        tx::Transaction t;
        for (const std::uint64_t amount : amounts) {
            tx::TxInput in;
            in.prevout.txid = crypto::randomBytes(32);
            in.prevout.vout = 1;
            in.source = tx::SourceOutput{amount, p2pkh(m_sitePkh), tx::SourceOrigin::Ef};
            t.inputs.append(in);
        }
        t.outputs.append({pay, p2pkh(m_foreignPkh)});
        if (change > 0)
            t.outputs.append({change, p2pkh(m_sitePkh)});
        return t;
    }

    HttpResult signRequest(QJsonObject body, const QString& token = {})
    {
        return post(QStringLiteral("/api/sign/transaction"),
                    QJsonDocument(body).toJson(QJsonDocument::Compact),
                    {{"Authorization", bearer(token.isEmpty() ? m_token : token)}});
    }
    HttpResult signTx(const tx::Transaction& t, QJsonObject extra = {})
    {
        extra.insert(QStringLiteral("tx"), QString::fromLatin1(t.toEf().toHex()));
        return signRequest(extra);
    }
    static QJsonObject withPassword(QJsonObject o = {})
    {
        o.insert(QStringLiteral("password"), QString::fromLatin1(kPassword));
        return o;
    }

    // Every signature in the answer verifies against the site's key over the FORKID digest of
    // the returned EF, and sits in that input's unlocking script.
    void expectValidSignatures(const HttpResult& r, int expectedSigned)
    {
        ASSERT_EQ(r.status, 200) << r.body.constData();
        const QJsonObject o = r.json();
        const auto parsed = tx::parseHex(o.value(QStringLiteral("ef")).toString(), tx::InputFormat::Ef);
        ASSERT_TRUE(parsed) << qPrintable(parsed.refusal().sentence);
        const tx::Transaction& signedTx = parsed->tx;
        EXPECT_EQ(o.value(QStringLiteral("txid")).toString(), signedTx.txid());
        EXPECT_EQ(o.value(QStringLiteral("rawtx")).toString(), QString::fromLatin1(signedTx.toRaw().toHex()));
        const tx::SighashCache cache(signedTx);
        const QJsonArray signedInputs = o.value(QStringLiteral("signedInputs")).toArray();
        ASSERT_EQ(signedInputs.size(), expectedSigned);
        for (const QJsonValue& v : signedInputs) {
            const QJsonObject s = v.toObject();
            const int index = s.value(QStringLiteral("inputIndex")).toInt();
            const auto flag = std::uint32_t(s.value(QStringLiteral("sighash")).toInt());
            const QByteArray sig =
                QByteArray::fromHex(s.value(QStringLiteral("signature")).toString().toLatin1());
            ASSERT_GT(sig.size(), 8);
            EXPECT_EQ(std::uint8_t(sig.back()), flag);
            EXPECT_TRUE(m_siteKey->verifyDer(cache.digest(index, flag), sig.left(sig.size() - 1))) << index;
            EXPECT_EQ(s.value(QStringLiteral("publicKey")).toString(), m_siteKey->toHex());
            EXPECT_EQ(s.value(QStringLiteral("address")).toString(), m_siteKey->address());
            const QByteArray unlocking = signedTx.inputs.at(index).unlockingScript;
            EXPECT_EQ(unlocking, char(sig.size()) + sig + char(33) + m_siteKey->compressed());
        }
    }

    QStringList auditRows()
    {
        QElapsedTimer timer;
        timer.start();
        QStringList rows;
        do {
            spin(20);
            rows.clear();
            store::SqlQuery q(m_db->connection());
            q.exec(QStringLiteral(
                "SELECT result, detail FROM audit_log WHERE operation = 'transaction' ORDER BY id"));
            while (q.next())
                rows << q.value(0).toString() + QLatin1Char('|') + q.value(1).toString();
        } while (rows.isEmpty() && timer.elapsed() < 3000);
        return rows;
    }

    QString m_token;
    std::optional<crypto::PublicKey> m_siteKey;
    QByteArray m_sitePkh;
    QByteArray m_foreignPkh;
};

TEST_F(TransactionRoutes, NeedsTheTransferScope)
{
    grant(QStringLiteral("other.example"), {QStringLiteral("sign")});
    const QString signOnly = authorize(QStringLiteral("other.example"), {QStringLiteral("sign")});
    QJsonObject body{{QStringLiteral("tx"), QString::fromLatin1(spend({5000}, 4000, 0).toEf().toHex())}};
    const HttpResult r = signRequest(body, signOnly);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body,
              QByteArray(R"({"error":"Missing required scopes: transfer","code":6,"success":false})"));
}

TEST_F(TransactionRoutes, HeadlessSignsWithThePasswordAndRecordsIt)
{
    m_broker->setHeadless(true);
    const tx::Transaction t = spend({5000, 7000, 123456}, 100000, 35000);
    const HttpResult r = signTx(t, withPassword());
    expectValidSignatures(r, 3);
    const QJsonObject o = r.json();
    EXPECT_EQ(o.value(QStringLiteral("success")).toBool(), true);
    EXPECT_EQ(o.value(QStringLiteral("complete")).toBool(), true);
    EXPECT_EQ(o.value(QStringLiteral("fee")).toInteger(), 5000 + 7000 + 123456 - 100000 - 35000);
    EXPECT_TRUE(o.value(QStringLiteral("untouchedInputs")).toArray().isEmpty());
    const QStringList rows = auditRows();
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows[0], QStringLiteral("approved|txid %1, you spend %2 sat, fee %3 sat")
                           .arg(o.value(QStringLiteral("txid")).toString())
                           .arg(5000 + 7000 + 123456 - 35000)
                           .arg(5000 + 7000 + 123456 - 100000 - 35000));
}

TEST_F(TransactionRoutes, HeadlessNeedsThePasswordAndLimitsOnlyWrongOnes)
{
    m_broker->setHeadless(true);
    const HttpResult none = signTx(spend({5000}, 4000, 0));
    EXPECT_EQ(none.status, 400);
    EXPECT_EQ(none.json().value(QStringLiteral("success")).toBool(true), false);

    QJsonObject wrong{{QStringLiteral("password"), QStringLiteral("not the password")}};
    const HttpResult bad = signTx(spend({5000}, 4000, 0), wrong);
    EXPECT_EQ(bad.status, 401);
    EXPECT_EQ(bad.body, QByteArray(R"({"error":"Invalid password","success":false})"));
    store::UnlockBackoff backoff(m_db, m_clock);
    EXPECT_EQ(backoff.failureCount(), 1);

    // A script with the right password is never slowed down, and a success clears the count.
    for (int i = 0; i < 8; ++i)
        EXPECT_EQ(signTx(spend({5000}, 4000, 0), withPassword()).status, 200) << i;
    EXPECT_EQ(backoff.failureCount(), 0);

    // Wrong ones are: after the free failures, the back-off answers 429 without trying.
    for (int i = 0; i < store::UnlockBackoff::kFreeFailures + 1; ++i)
        (void)signTx(spend({5000}, 4000, 0), wrong);
    EXPECT_EQ(signTx(spend({5000}, 4000, 0), withPassword()).status, 429);
}

TEST_F(TransactionRoutes, GuiModeRefusesAPasswordInTheBody)
{
    QObject::connect(m_broker.get(), &ApprovalBroker::approvalRequested, m_broker.get(),
                     [](const ApprovalRequest&) {});
    const HttpResult r = signTx(spend({5000}, 4000, 0), withPassword());
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.json().value(QStringLiteral("success")).toBool(true), false);
}

TEST_F(TransactionRoutes, GuiModeShowsTheParsedTransactionAndSignsIt)
{
    QList<ApprovalRequest> asked;
    QObject::connect(
        m_broker.get(), &ApprovalBroker::approvalRequested, m_broker.get(),
        [this, &asked](const ApprovalRequest& request) {
            asked.append(request);
            m_broker->approve(request.id);
        },
        Qt::QueuedConnection);
    const tx::Transaction t = spend({20000, 30000}, 45000, 4000);
    QJsonObject extra{{QStringLiteral("description"), QStringLiteral("Send 45000 sats")}};
    const HttpResult r = signTx(t, extra);
    expectValidSignatures(r, 2);
    ASSERT_EQ(asked.size(), 1);
    EXPECT_EQ(asked[0].kind, access::ApprovalKind::Transaction);
    const auto view =
        asked[0].details.value(QLatin1String(tx::kTransactionDetail)).value<tx::TransactionViewPtr>();
    ASSERT_TRUE(view);
    EXPECT_EQ(view->totals.walletNetSpend, 50000 - 4000);
    EXPECT_EQ(view->totals.fee, 1000);
    EXPECT_EQ(view->description, QStringLiteral("Send 45000 sats"));
    EXPECT_EQ(view->plan.tx().toEf(), t.toEf()); // the bytes sent are the bytes shown and signed
    EXPECT_EQ(view->outputs.size(), 2);
    EXPECT_TRUE(view->outputs[1].isChange);
}

TEST_F(TransactionRoutes, RejectedOrTimedOutIs403CodeSeven)
{
    QObject::connect(
        m_broker.get(), &ApprovalBroker::approvalRequested, m_broker.get(),
        [this](const ApprovalRequest& request) { m_broker->deny(request.id); }, Qt::QueuedConnection);
    const HttpResult rejected = signTx(spend({5000}, 4000, 0));
    EXPECT_EQ(rejected.status, 403);
    EXPECT_EQ(rejected.body, QByteArray(R"({"error":"Request denied by user","code":7,"success":false})"));
    EXPECT_TRUE(auditRows().value(0).startsWith(QStringLiteral("rejected|unsigned txid ")));
}

TEST_F(TransactionRoutes, NobodyAnsweringTimesOutAsARejection)
{
    server::ServerOptions options = defaultOptions();
    options.approvalHoldMs = 5000; // the client stays to see the outcome
    restart(options);
    m_broker->setTimeout(access::ApprovalKind::Transaction, 100);
    QObject::connect(m_broker.get(), &ApprovalBroker::approvalRequested, m_broker.get(),
                     [](const ApprovalRequest&) {});
    const HttpResult r = signTx(spend({5000}, 4000, 0));
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Request denied by user","code":7,"success":false})"));
    EXPECT_TRUE(auditRows().value(0).startsWith(QStringLiteral("timeout|unsigned txid ")));
}

TEST_F(TransactionRoutes, RefusalsNameTheirReason)
{
    m_broker->setHeadless(true);
    const auto refusal = [this](const HttpResult& r) {
        EXPECT_EQ(r.status, 400) << r.body.constData();
        const QJsonObject o = r.json();
        EXPECT_EQ(o.value(QStringLiteral("success")).toBool(true), false);
        EXPECT_FALSE(o.value(QStringLiteral("error")).toString().isEmpty());
        EXPECT_TRUE(r.body.startsWith(R"({"success":false,"error":")")) << r.body.constData();
        return o.value(QStringLiteral("reason")).toString();
    };
    EXPECT_EQ(refusal(signTx(spend({5000000}, 10, 0), withPassword())), QStringLiteral("FEE_TOO_HIGH"));
    EXPECT_EQ(refusal(signTx(spend({5000}, 6000, 0), withPassword())), QStringLiteral("NEGATIVE_FEE"));
    EXPECT_EQ(refusal(signRequest(withPassword({{QStringLiteral("tx"), QStringLiteral("0100zz")}}))),
              QStringLiteral("MALFORMED_TX"));
    EXPECT_EQ(refusal(signRequest(withPassword())), QStringLiteral("MALFORMED_TX"));
    EXPECT_EQ(refusal(signTx(spend({5000}, 4000, 0),
                             withPassword({{QStringLiteral("keyType"), QStringLiteral("identity")}}))),
              QStringLiteral("INPUT_NOT_OWNED"));
    EXPECT_EQ(
        refusal(signTx(spend({5000}, 4000, 0),
                       withPassword({{QStringLiteral("sighash"), QJsonObject{{QStringLiteral("0"), 1}}}}))),
        QStringLiteral("BAD_SIGHASH"));

    // Someone else's coins: nothing to sign, and naming that input is refused.
    tx::Transaction foreign = spend({5000}, 4000, 0);
    foreign.inputs[0].source->lockingScript = p2pkh(m_foreignPkh);
    EXPECT_EQ(refusal(signTx(foreign, withPassword())), QStringLiteral("NO_SIGNABLE_INPUT"));
    tx::Transaction mixed = spend({5000, 5000}, 9000, 0);
    mixed.inputs[1].source->lockingScript = p2pkh(m_foreignPkh);
    EXPECT_EQ(refusal(signTx(mixed, withPassword({{QStringLiteral("inputs"), QJsonArray{1}}}))),
              QStringLiteral("INPUT_NOT_OWNED"));
    // Without "inputs", the foreign one is left as it was.
    const HttpResult partial = signTx(mixed, withPassword());
    expectValidSignatures(partial, 1);
    EXPECT_EQ(partial.json().value(QStringLiteral("complete")).toBool(true), false);
    EXPECT_EQ(partial.json()
                  .value(QStringLiteral("untouchedInputs"))
                  .toArray()
                  .at(0)
                  .toObject()
                  .value(QStringLiteral("inputIndex"))
                  .toInt(),
              1);
}

TEST_F(TransactionRoutes, AClaimThatDiffersFromASignedOutpointIsRefused)
{
    m_broker->setHeadless(true);
    const tx::Transaction first = spend({10000}, 9000, 0);
    ASSERT_EQ(signTx(first, withPassword()).status, 200);

    // The same outpoint again, now claimed larger: the fee would be hidden.
    tx::Transaction again = spend({1000}, 500, 0);
    again.inputs[0].prevout = first.inputs[0].prevout;
    again.inputs[0].source->satoshis = 20000;
    again.outputs[0].satoshis = 19000;
    const HttpResult r = signTx(again, withPassword());
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.json().value(QStringLiteral("reason")).toString(), QStringLiteral("AMOUNT_MISMATCH"));

    // The same amount is fine (a re-sign of the same coins).
    again.inputs[0].source->satoshis = 10000;
    again.outputs[0].satoshis = 9500;
    EXPECT_EQ(signTx(again, withPassword()).status, 200);

    // And it survives a restart of the whole process state.
    stopProcessState();
    startProcessState(defaultOptions());
    m_broker->setHeadless(true);
    ASSERT_TRUE(m_wallet->unlock(crypto::SecureBytes(QByteArrayView(kPassword))));
    again.inputs[0].source->satoshis = 30000;
    again.outputs[0].satoshis = 29000;
    EXPECT_EQ(signTx(again, withPassword()).json().value(QStringLiteral("reason")).toString(),
              QStringLiteral("AMOUNT_MISMATCH"));
}
