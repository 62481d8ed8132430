// Every signing case and every must-refuse case of tx-vectors.json (TX.md §7): the signable-input
// decision, preimage, digest, DER signature, signed raw and EF, txid, decoded outputs and totals.

#include "TxVectorSupport.h"
#include "common/Vectors.h"
#include "crypto/Encoding.h"
#include "tx/OutputDecoder.h"
#include "tx/Sighash.h"
#include "tx/Signer.h"
#include "tx/Totals.h"

#include <gtest/gtest.h>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

QString hexOf(const QByteArray& b)
{
    return crypto::toHex(b);
}

// Runs a case through parse → plan → sign; fails the test if any step refuses.
struct CaseRun
{
    std::optional<tx::SigningPlan> plan;
    std::optional<tx::SignedTransaction> signedTx;
};

CaseRun runCase(const QJsonObject& c)
{
    CaseRun run;
    auto plan = txv::plan(obj(c, "request"), txv::permissivePolicy());
    EXPECT_TRUE(plan.isOk()) << (plan ? "" : qPrintable(plan.refusal().sentence));
    if (!plan)
        return run;
    run.plan = std::move(plan).value();
    auto signedTx = tx::sign(*run.plan, txv::wallet().keyPointers());
    EXPECT_TRUE(signedTx.isOk()) << (signedTx ? "" : qPrintable(signedTx.error()));
    if (signedTx)
        run.signedTx = std::move(signedTx).value();
    return run;
}

void expectData(const tx::DataItem& item, const QJsonObject& want)
{
    if (want.contains(QStringLiteral("text"))) {
        EXPECT_TRUE(item.isText);
        EXPECT_EQ(item.text, str(want, "text"));
    } else if (want.contains(QStringLiteral("hex"))) {
        EXPECT_FALSE(item.isText);
        EXPECT_EQ(item.hex(), str(want, "hex"));
    } else {
        ASSERT_TRUE(item.opcode.has_value());
        EXPECT_EQ(int(*item.opcode), want.value(QStringLiteral("opcode")).toInt());
    }
}

void expectDecoded(const tx::DecodedScript& got, const QJsonObject& want)
{
    const QString type = str(want, "type");
    ASSERT_EQ(tx::toString(got.kind), type);
    if (type == u"p2pkh" || type == u"ordinal_p2pkh") {
        EXPECT_EQ(got.address, str(want, "address"));
        EXPECT_EQ(hexOf(got.pubKeyHash), str(want, "pubKeyHash"));
    }
    if (type == u"ordinal_p2pkh") {
        EXPECT_EQ(got.envelopeFirst, str(want, "envelope") == u"prefix");
        EXPECT_EQ(got.contentType.value_or(QString()), str(want, "contentType"));
        ASSERT_TRUE(got.content.has_value());
        expectData(*got.content, obj(want, "content"));
    }
    if (type == u"op_return" || type == u"op_false_op_return") {
        const QJsonArray pushes = want.value(QStringLiteral("pushes")).toArray();
        ASSERT_EQ(got.pushes.size(), pushes.size());
        for (qsizetype i = 0; i < pushes.size(); ++i)
            expectData(got.pushes[i], pushes[i].toObject());
    }
    if (type == u"unknown") {
        EXPECT_EQ(got.scriptHex, str(want, "hex"));
    }
}

} // namespace

TEST(TxVectors, FileHasTheAdvertisedCounts)
{
    EXPECT_EQ(txv::cases().size(), 46);
    EXPECT_EQ(txv::refusals().size(), 27);
    int signedInputs = 0;
    for (const QJsonValue& c : txv::cases())
        signedInputs += int(c.toObject().value(QStringLiteral("sign")).toArray().size());
    EXPECT_EQ(signedInputs, 71);
}

TEST(TxVectors, ParseReserialiseAndUnsignedForms)
{
    for (const QJsonValue& v : txv::cases()) {
        const QJsonObject c = v.toObject();
        SCOPED_TRACE(qPrintable(str(c, "id")));
        const QJsonObject request = obj(c, "request");
        auto parsed = tx::parseHex(str(request, "tx"), txv::format(request));
        ASSERT_TRUE(parsed.isOk()) << qPrintable(parsed.refusal().sentence);
        EXPECT_EQ(parsed->encoding, tx::Encoding::Ef);
        EXPECT_EQ(hexOf(parsed->reserialize()), str(request, "tx"));
        EXPECT_EQ(hexOf(parsed->tx.toRaw()), str(c, "unsignedTxHex"));
        EXPECT_EQ(hexOf(parsed->tx.toEf()), str(c, "unsignedEfHex"));
        EXPECT_EQ(parsed->tx.version, std::uint32_t(c.value(QStringLiteral("version")).toInteger()));
        EXPECT_EQ(parsed->tx.lockTime, std::uint32_t(c.value(QStringLiteral("lockTime")).toInteger()));
        const QJsonArray inputs = c.value(QStringLiteral("inputs")).toArray();
        ASSERT_EQ(parsed->tx.inputs.size(), inputs.size());
        for (qsizetype i = 0; i < inputs.size(); ++i) {
            const QJsonObject in = inputs[i].toObject();
            const tx::TxInput& got = parsed->tx.inputs[i];
            EXPECT_EQ(got.prevout.txidHex(), str(in, "sourceTxid"));
            EXPECT_EQ(got.prevout.vout, std::uint32_t(in.value(QStringLiteral("sourceVout")).toInteger()));
            EXPECT_EQ(got.sequence, std::uint32_t(in.value(QStringLiteral("sequence")).toInteger()));
            ASSERT_TRUE(got.source.has_value());
            EXPECT_EQ(got.source->satoshis,
                      std::uint64_t(in.value(QStringLiteral("sourceSatoshis")).toInteger()));
            EXPECT_EQ(hexOf(got.source->lockingScript), str(in, "sourceLockingScript"));
            EXPECT_EQ(got.source->origin, tx::SourceOrigin::Ef);
            expectDecoded(tx::decodeScript(got.source->lockingScript), obj(in, "sourceDecoded"));
        }
        countVector(QStringLiteral("tx.cases.parse"));
    }
}

TEST(TxVectors, SignableInputDecision)
{
    for (const QJsonValue& v : txv::cases()) {
        const QJsonObject c = v.toObject();
        SCOPED_TRACE(qPrintable(str(c, "id")));
        const CaseRun run = runCase(c);
        ASSERT_TRUE(run.plan.has_value());
        QList<qsizetype> wantSign, gotSign, wantLeave, gotLeave;
        QList<std::uint32_t> wantFlags, gotFlags;
        for (const QJsonValue& s : c.value(QStringLiteral("sign")).toArray()) {
            wantSign.append(s.toObject().value(QStringLiteral("inputIndex")).toInt());
            wantFlags.append(std::uint32_t(s.toObject().value(QStringLiteral("sighash")).toInt()));
        }
        for (const QJsonValue& s : c.value(QStringLiteral("leaveUntouched")).toArray())
            wantLeave.append(s.toObject().value(QStringLiteral("inputIndex")).toInt());
        for (const tx::PlannedInput& p : run.plan->sign) {
            gotSign.append(p.inputIndex);
            gotFlags.append(p.sighash);
        }
        for (const tx::UntouchedInput& u : run.plan->untouched)
            gotLeave.append(u.inputIndex);
        EXPECT_EQ(gotSign, wantSign);
        EXPECT_EQ(gotFlags, wantFlags);
        EXPECT_EQ(gotLeave, wantLeave);
        countVector(QStringLiteral("tx.cases.decision"));
    }
}

TEST(TxVectors, PreimageDigestSignatureAndUnlockingScript)
{
    int inputs = 0;
    for (const QJsonValue& v : txv::cases()) {
        const QJsonObject c = v.toObject();
        SCOPED_TRACE(qPrintable(str(c, "id")));
        const CaseRun run = runCase(c);
        ASSERT_TRUE(run.signedTx.has_value());
        const tx::SighashCache cache(run.plan->tx());
        const QJsonArray sign = c.value(QStringLiteral("sign")).toArray();
        ASSERT_EQ(run.signedTx->signatures.size(), sign.size());
        for (qsizetype k = 0; k < sign.size(); ++k) {
            const QJsonObject want = sign[k].toObject();
            const tx::InputSignature& got = run.signedTx->signatures[k];
            SCOPED_TRACE(got.inputIndex);
            EXPECT_EQ(got.inputIndex, want.value(QStringLiteral("inputIndex")).toInt());
            EXPECT_EQ(tx::sighash::name(got.sighash), str(want, "sighashName"));
            EXPECT_EQ(hexOf(got.preimage), str(want, "preimage"));
            EXPECT_EQ(hexOf(cache.preimage(got.inputIndex, got.sighash)), str(want, "preimage"));
            EXPECT_EQ(hexOf(got.digest), str(want, "sighashDigest"));
            EXPECT_EQ(hexOf(cache.digest(got.inputIndex, got.sighash)), str(want, "sighashDigest"));
            EXPECT_EQ(hexOf(got.derSignature), str(want, "derSignature"));
            EXPECT_EQ(hexOf(got.unlockingScript), str(want, "unlockingScript"));
            EXPECT_EQ(got.signature.right(1), QByteArray(1, char(got.sighash)));
            const auto key = crypto::PublicKey::fromHex(got.publicKeyHex);
            ASSERT_TRUE(key.isOk());
            EXPECT_TRUE(key->verifyDer(got.digest, got.derSignature));
            ++inputs;
        }
        countVector(QStringLiteral("tx.cases.signedInputs"), int(sign.size()));
    }
    EXPECT_EQ(inputs, 71);
}

TEST(TxVectors, SignedRawEfAndTxid)
{
    for (const QJsonValue& v : txv::cases()) {
        const QJsonObject c = v.toObject();
        SCOPED_TRACE(qPrintable(str(c, "id")));
        const CaseRun run = runCase(c);
        ASSERT_TRUE(run.signedTx.has_value());
        EXPECT_EQ(hexOf(run.signedTx->raw), str(c, "signedTxHex"));
        EXPECT_EQ(hexOf(run.signedTx->ef), str(c, "signedEfHex"));
        EXPECT_EQ(run.signedTx->txid, str(c, "txid"));
        EXPECT_FALSE(run.signedTx->beef.has_value());
        // Untouched inputs keep their bytes, pre-signed ones included.
        for (const tx::UntouchedInput& u : run.plan->untouched) {
            EXPECT_EQ(run.signedTx->tx.inputs[u.inputIndex].unlockingScript,
                      run.plan->tx().inputs[u.inputIndex].unlockingScript);
        }
        countVector(QStringLiteral("tx.cases.signed"));
    }
}

TEST(TxVectors, DecodedOutputsAndChange)
{
    for (const QJsonValue& v : txv::cases()) {
        const QJsonObject c = v.toObject();
        SCOPED_TRACE(qPrintable(str(c, "id")));
        const CaseRun run = runCase(c);
        ASSERT_TRUE(run.plan.has_value());
        const QList<tx::DecodedOutput> got = tx::decodeOutputs(run.plan->tx(), txv::wallet().owned);
        const QJsonArray outputs = c.value(QStringLiteral("outputs")).toArray();
        ASSERT_EQ(got.size(), outputs.size());
        for (qsizetype i = 0; i < outputs.size(); ++i) {
            const QJsonObject want = outputs[i].toObject();
            SCOPED_TRACE(i);
            EXPECT_EQ(got[i].index, i);
            EXPECT_EQ(got[i].satoshis, std::uint64_t(want.value(QStringLiteral("satoshis")).toInteger()));
            EXPECT_EQ(got[i].script.scriptHex, str(want, "lockingScript"));
            EXPECT_EQ(got[i].isChange, want.value(QStringLiteral("isChangeToWallet")).toBool());
            expectDecoded(got[i].script, obj(want, "decoded"));
        }
        countVector(QStringLiteral("tx.cases.outputs"));
    }
}

TEST(TxVectors, Totals)
{
    for (const QJsonValue& v : txv::cases()) {
        const QJsonObject c = v.toObject();
        SCOPED_TRACE(qPrintable(str(c, "id")));
        const CaseRun run = runCase(c);
        ASSERT_TRUE(run.plan.has_value());
        const tx::Totals t = tx::totals(*run.plan, tx::decodeOutputs(run.plan->tx(), txv::wallet().owned));
        const QJsonObject want = obj(c, "totals");
        EXPECT_EQ(t.totalIn, std::uint64_t(want.value(QStringLiteral("totalIn")).toInteger()));
        EXPECT_EQ(t.totalOut, std::uint64_t(want.value(QStringLiteral("totalOut")).toInteger()));
        EXPECT_EQ(t.fee, want.value(QStringLiteral("fee")).toInteger());
        EXPECT_EQ(t.walletIn, std::uint64_t(want.value(QStringLiteral("walletIn")).toInteger()));
        EXPECT_EQ(t.walletChange, std::uint64_t(want.value(QStringLiteral("walletChange")).toInteger()));
        EXPECT_EQ(t.walletNetSpend, want.value(QStringLiteral("walletNetSpend")).toInteger());
        // EF amounts are the caller's claim: always marked unverified.
        EXPECT_FALSE(t.feeVerified);
        EXPECT_FALSE(t.spendVerified);
        EXPECT_EQ(t.otherInputs.size(), run.plan->untouched.size());
        // The estimate is the real signed size, or a byte or two above it (shorter DER).
        const qsizetype real = run.signedTx->raw.size();
        EXPECT_GE(t.estimatedSize, real);
        EXPECT_LE(t.estimatedSize, real + 2 * run.plan->sign.size());
        countVector(QStringLiteral("tx.cases.totals"));
    }
}

TEST(TxVectors, EveryRefuseCaseIsRefusedWithItsCode)
{
    for (const QJsonValue& v : txv::refusals()) {
        const QJsonObject c = v.toObject();
        SCOPED_TRACE(qPrintable(str(c, "id")));
        tx::Policy policy; // the defaults, plus the case's fee cap
        if (c.contains(QStringLiteral("feeCap")))
            policy.feeCapSatoshis = std::uint64_t(c.value(QStringLiteral("feeCap")).toInteger());
        const auto plan = txv::plan(obj(c, "request"), policy);
        ASSERT_FALSE(plan.isOk());
        EXPECT_EQ(tx::toString(plan.refusal().code), str(c, "code")) << qPrintable(plan.refusal().sentence);
        EXPECT_FALSE(plan.refusal().sentence.isEmpty());
        countVector(QStringLiteral("tx.refuse"));
    }
}

TEST(TxVectors, DefaultPolicyRefusesNoOutputCommitmentAndAcceptsTheRest)
{
    for (const QJsonValue& v : txv::cases()) {
        const QJsonObject c = v.toObject();
        SCOPED_TRACE(qPrintable(str(c, "id")));
        bool commitsToNothing = false;
        const qsizetype outputs = c.value(QStringLiteral("outputs")).toArray().size();
        for (const QJsonValue& s : c.value(QStringLiteral("sign")).toArray()) {
            const int flag = s.toObject().value(QStringLiteral("sighash")).toInt();
            const int index = s.toObject().value(QStringLiteral("inputIndex")).toInt();
            commitsToNothing =
                commitsToNothing || (flag & 0x1f) == 2 || ((flag & 0x1f) == 3 && index >= outputs);
        }
        tx::Policy policy;
        policy.feeCapSatoshis = tx::kMaxMoney;
        const auto plan = txv::plan(obj(c, "request"), policy);
        if (commitsToNothing) {
            ASSERT_FALSE(plan.isOk());
            EXPECT_EQ(plan.refusal().code, tx::RefusalCode::BadSighash);
        } else {
            EXPECT_TRUE(plan.isOk()) << (plan ? "" : qPrintable(plan.refusal().sentence));
        }
    }
}
