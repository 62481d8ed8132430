// The strict transaction parser beyond the vectors: hostile encodings (TX.md §6 lists what
// @bsv/sdk lets through), raw + sourceOutputs, BEEF V1/V2/Atomic with parents hashed against the
// outpoints.

#include "TxVectorSupport.h"
#include "common/Vectors.h"
#include "crypto/Encoding.h"
#include "crypto/Hash.h"
#include "tx/Parser.h"
#include "tx/Signer.h"
#include "tx/Totals.h"

#include <gtest/gtest.h>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

QJsonObject caseById(const char* id)
{
    for (const QJsonValue& v : txv::cases()) {
        if (v.toObject().value(QStringLiteral("id")).toString() == QLatin1String(id))
            return v.toObject();
    }
    ADD_FAILURE() << "no case " << id;
    return {};
}

QByteArray p2pkhTo(const crypto::PrivateKey& key)
{
    return QByteArray::fromHex("76a914") + crypto::hash160(key.publicKey().compressed()) +
           QByteArray::fromHex("88ac");
}

tx::RefusalCode codeOf(QByteArrayView bytes, tx::InputFormat format = tx::InputFormat::Auto)
{
    const auto parsed = tx::parse(bytes, format);
    EXPECT_FALSE(parsed.isOk());
    return parsed ? tx::RefusalCode::AmountMismatch /* anything but the expected */ : parsed.refusal().code;
}

// The EF of p2pkh-1in-2out.
QByteArray baseEf()
{
    return txv::hex(caseById("p2pkh-1in-2out").value(QStringLiteral("unsignedEfHex")));
}

// A parent paying W1 `sats`, and a child spending its output 0 to one recipient.
struct Family
{
    tx::Transaction parent;
    tx::Transaction child;
};
Family family(std::uint64_t sats, std::uint64_t pay)
{
    Family f;
    tx::TxInput coinbaseLike;
    coinbaseLike.prevout = {QByteArray(32, '\x11'), 0};
    coinbaseLike.unlockingScript = QByteArray::fromHex("51");
    f.parent.inputs.append(coinbaseLike);
    f.parent.outputs.append({sats, p2pkhTo(txv::wallet().privateKeys[0])});
    tx::TxInput spend;
    spend.prevout = {f.parent.hash(), 0};
    f.child.inputs.append(spend);
    f.child.outputs.append({pay, QByteArray::fromHex("76a914197b73c61c204268aacaff44708c273252d1d5e388ac")});
    return f;
}

QByteArray beefV1(const Family& f, bool withBump = false)
{
    QByteArray b = QByteArray::fromHex("0100beef");
    if (withBump) // one BUMP: height 1, tree height 1, two leaves (client txid + sibling)
        b += QByteArray::fromHex("01"
                                 "0101"
                                 "02"
                                 "0002") +
             f.parent.hash() + QByteArray::fromHex("0000") + QByteArray(32, '\x22');
    else
        b += QByteArray::fromHex("00");
    b += QByteArray::fromHex("02") + f.parent.toRaw() + QByteArray::fromHex(withBump ? "0100" : "00");
    b += f.child.toRaw() + QByteArray::fromHex("00");
    return b;
}

QByteArray beefV2(const Family& f)
{
    return QByteArray::fromHex("0200beef"
                               "00"
                               "02"
                               "00") +
           f.parent.toRaw() + QByteArray::fromHex("00") + f.child.toRaw();
}

} // namespace

TEST(TxParser, EveryTruncationOfAnEfIsRefused)
{
    const QByteArray ef = baseEf();
    for (qsizetype n = 0; n < ef.size(); ++n) {
        const auto parsed = tx::parse(ef.first(n), tx::InputFormat::Ef);
        ASSERT_FALSE(parsed.isOk()) << "accepted a prefix of " << n << " bytes";
        const auto code = parsed.refusal().code;
        EXPECT_TRUE(code == tx::RefusalCode::MalformedTx || code == tx::RefusalCode::MissingSourceOutput)
            << n;
    }
}

TEST(TxParser, HostileCountsLengthsAndTrailingBytes)
{
    const QByteArray ef = baseEf();
    // Truncated varint: the input count's fd prefix with one byte after it.
    EXPECT_EQ(codeOf(ef.first(10) + QByteArray::fromHex("fd01")), tx::RefusalCode::MalformedTx);
    // 2^64-1 inputs: refused before anything is reserved for them.
    EXPECT_EQ(codeOf(ef.first(10) + QByteArray::fromHex("ffffffffffffffffff") + ef.sliced(11)),
              tx::RefusalCode::MalformedTx);
    // 2^32-1 outputs after a valid input.
    const QByteArray raw = txv::hex(caseById("p2pkh-1in-2out").value(QStringLiteral("unsignedTxHex")));
    const qsizetype outCountAt = 4 + 1 + 36 + 1 + 4;
    EXPECT_EQ(codeOf(raw.first(outCountAt) + QByteArray::fromHex("feffffffff") + raw.sliced(outCountAt + 1)),
              tx::RefusalCode::MalformedTx);
    // A script length of 2^32-1 (fe ffffffff) in input 0.
    EXPECT_EQ(codeOf(raw.first(41) + QByteArray::fromHex("feffffffff") + raw.sliced(42)),
              tx::RefusalCode::MalformedTx);
    // Non-minimal script length: 00 written as fd0000.
    EXPECT_EQ(codeOf(raw.first(41) + QByteArray::fromHex("fd0000") + raw.sliced(42)),
              tx::RefusalCode::MalformedTx);
    // Trailing bytes on raw, and on EF.
    EXPECT_EQ(codeOf(raw + QByteArray(1, '\0')), tx::RefusalCode::MalformedTx);
    EXPECT_EQ(codeOf(ef + QByteArray::fromHex("00000000")), tx::RefusalCode::MalformedTx);
    // The declared format wins: EF bytes are not a raw transaction, raw bytes are not EF.
    EXPECT_EQ(codeOf(ef, tx::InputFormat::Raw), tx::RefusalCode::MalformedTx);
    EXPECT_EQ(codeOf(raw, tx::InputFormat::Ef), tx::RefusalCode::MalformedTx);
    EXPECT_EQ(codeOf(raw, tx::InputFormat::Beef), tx::RefusalCode::MalformedTx);
    EXPECT_EQ(codeOf(QByteArray()), tx::RefusalCode::MalformedTx);
    // Hex: odd length, non-hex, whitespace.
    EXPECT_FALSE(tx::parseHex(u"0", tx::InputFormat::Auto).isOk());
    EXPECT_FALSE(tx::parseHex(u"0g", tx::InputFormat::Auto).isOk());
    EXPECT_FALSE(tx::parseHex(QString(crypto::toHex(ef) + u' '), tx::InputFormat::Ef).isOk());
}

TEST(TxParser, ValuesAboveMaxMoneyParseButAreRefused)
{
    QByteArray ef = baseEf();
    // Output 0's value (right after the output count) set to 2^64-1.
    const qsizetype out0 = 4 + 6 + 1 + 36 + 1 + 4 + 8 + 1 + 25 + 1;
    ef.replace(out0, 8, QByteArray(8, '\xff'));
    auto parsed = tx::parse(ef, tx::InputFormat::Ef);
    ASSERT_TRUE(parsed.isOk());
    EXPECT_EQ(parsed->tx.outputs[0].satoshis, ~std::uint64_t(0));
    EXPECT_EQ(parsed->reserialize(), ef);
    const auto plan =
        tx::checkSafety(std::move(parsed).value(), txv::wallet().owned, {}, txv::permissivePolicy());
    ASSERT_FALSE(plan.isOk());
    EXPECT_EQ(plan.refusal().code, tx::RefusalCode::ValueOutOfRange);
}

TEST(TxParser, AutoDetectsRawAndEf)
{
    const QJsonObject c = caseById("p2pkh-1in-2out");
    const auto ef = tx::parse(baseEf(), tx::InputFormat::Auto);
    ASSERT_TRUE(ef.isOk());
    EXPECT_EQ(ef->encoding, tx::Encoding::Ef);
    const auto raw = tx::parse(txv::hex(c.value(QStringLiteral("unsignedTxHex"))), tx::InputFormat::Auto);
    ASSERT_FALSE(raw.isOk()); // no source outputs
    EXPECT_EQ(raw.refusal().code, tx::RefusalCode::MissingSourceOutput);
}

TEST(TxParser, RawWithSourceOutputsSignsLikeEf)
{
    const QJsonObject c = caseById("p2pkh-1in-2out");
    const QJsonObject in = c.value(QStringLiteral("inputs")).toArray()[0].toObject();
    tx::ClaimedSourceOutput claim{*tx::Outpoint::fromDisplayHex(str(in, "sourceTxid"), 0),
                                  std::uint64_t(in.value(QStringLiteral("sourceSatoshis")).toInteger()),
                                  txv::hex(in.value(QStringLiteral("sourceLockingScript")))};
    auto parsed =
        tx::parse(txv::hex(c.value(QStringLiteral("unsignedTxHex"))), tx::InputFormat::Raw, {claim});
    ASSERT_TRUE(parsed.isOk()) << qPrintable(parsed.refusal().sentence);
    EXPECT_EQ(parsed->tx.inputs[0].source->origin, tx::SourceOrigin::Caller);
    auto plan = tx::checkSafety(std::move(parsed).value(), txv::wallet().owned, {});
    ASSERT_TRUE(plan.isOk());
    const auto signedTx = tx::sign(*plan, txv::wallet().keyPointers());
    ASSERT_TRUE(signedTx.isOk());
    EXPECT_EQ(crypto::toHex(signedTx->raw), str(c, "signedTxHex"));
    EXPECT_EQ(crypto::toHex(signedTx->ef), str(c, "signedEfHex"));

    // The same claim next to the EF must agree with it.
    claim.satoshis += 1;
    const auto mismatch = tx::parse(baseEf(), tx::InputFormat::Ef, {claim});
    ASSERT_FALSE(mismatch.isOk());
    EXPECT_EQ(mismatch.refusal().code, tx::RefusalCode::AmountMismatch);
}

TEST(TxParser, RememberedAmountMustMatch)
{
    tx::Policy policy;
    std::uint64_t remembered = 100000;
    policy.rememberedAmount = [&](const tx::Outpoint&) { return std::optional<std::uint64_t>(remembered); };
    auto parsed = tx::parse(baseEf(), tx::InputFormat::Ef);
    ASSERT_TRUE(parsed.isOk());
    EXPECT_TRUE(tx::checkSafety(parsed.value(), txv::wallet().owned, {}, policy).isOk());
    remembered = 99999;
    const auto plan = tx::checkSafety(parsed.value(), txv::wallet().owned, {}, policy);
    ASSERT_FALSE(plan.isOk());
    EXPECT_EQ(plan.refusal().code, tx::RefusalCode::AmountMismatch);
}

TEST(TxParser, BeefV1V2AndAtomicVerifyAmountsAndRoundTrip)
{
    const Family f = family(50000, 49800);
    QByteArray atomic = QByteArray::fromHex("01010101") + f.child.hash() + beefV2(f);
    const QList<QPair<QByteArray, tx::Encoding>> forms = {{beefV1(f), tx::Encoding::BeefV1},
                                                          {beefV1(f, true), tx::Encoding::BeefV1},
                                                          {beefV2(f), tx::Encoding::BeefV2},
                                                          {atomic, tx::Encoding::AtomicBeef}};
    for (const auto& [bytes, encoding] : forms) {
        SCOPED_TRACE(qPrintable(crypto::toHex(bytes.first(8))));
        auto parsed = tx::parse(bytes, tx::InputFormat::Auto);
        ASSERT_TRUE(parsed.isOk()) << qPrintable(parsed.refusal().sentence);
        EXPECT_EQ(parsed->encoding, encoding);
        EXPECT_EQ(parsed->reserialize(), bytes);
        EXPECT_TRUE(parsed->allAmountsVerified());
        EXPECT_EQ(parsed->tx.inputs[0].source->satoshis, 50000u);
        auto plan = tx::checkSafety(std::move(parsed).value(), txv::wallet().owned, {});
        ASSERT_TRUE(plan.isOk()) << qPrintable(plan.refusal().sentence);
        const tx::Totals t = tx::totals(*plan, tx::decodeOutputs(plan->tx(), txv::wallet().owned));
        EXPECT_TRUE(t.feeVerified);
        EXPECT_TRUE(t.spendVerified);
        EXPECT_EQ(t.fee, 200);
        const auto signedTx = tx::sign(*plan, txv::wallet().keyPointers());
        ASSERT_TRUE(signedTx.isOk());
        ASSERT_TRUE(signedTx->beef.has_value());
        // The signed container parses again, with the signed subject (and, for Atomic BEEF, its txid).
        const auto again = tx::parse(*signedTx->beef, tx::InputFormat::Beef);
        ASSERT_TRUE(again.isOk()) << qPrintable(again.refusal().sentence);
        EXPECT_EQ(again->tx.toRaw(), signedTx->raw);
        EXPECT_EQ(again->tx.txid(), signedTx->txid);
    }
}

TEST(TxParser, BeefParentsAreHashedAndChecked)
{
    const Family f = family(50000, 49800);
    // Parent with a different amount: its hash no longer matches the outpoint, so it proves nothing.
    Family forged = f;
    forged.parent.outputs[0].satoshis = 5;
    EXPECT_EQ(codeOf(beefV1(forged)), tx::RefusalCode::MissingSourceOutput);
    // A claim next to the BEEF must agree with the parent.
    const tx::ClaimedSourceOutput lie{f.child.inputs[0].prevout, 1, p2pkhTo(txv::wallet().privateKeys[0])};
    const auto mismatch = tx::parse(beefV1(f), tx::InputFormat::Beef, {lie});
    ASSERT_FALSE(mismatch.isOk());
    EXPECT_EQ(mismatch.refusal().code, tx::RefusalCode::AmountMismatch);
    // The child spends output 3 of a one-output parent.
    Family badVout = f;
    badVout.child.inputs[0].prevout.vout = 3;
    EXPECT_EQ(codeOf(beefV1(badVout)), tx::RefusalCode::MissingSourceOutput);
    // Atomic BEEF whose declared txid is not the subject's.
    EXPECT_EQ(codeOf(QByteArray::fromHex("01010101") + f.parent.hash() + beefV2(f)),
              tx::RefusalCode::MalformedTx);
    // Structure: trailing byte, bump index out of range, unknown V2 kind, same transaction twice.
    EXPECT_EQ(codeOf(beefV1(f) + '\0'), tx::RefusalCode::MalformedTx);
    QByteArray badBump = beefV1(f, true);
    badBump[badBump.size() - 1 - f.child.toRaw().size() - 1] = 1; // the parent's bump index: 1 of 1
    EXPECT_EQ(codeOf(badBump), tx::RefusalCode::MalformedTx);
    QByteArray badKind = beefV2(f);
    badKind[6] = 7;
    EXPECT_EQ(codeOf(badKind), tx::RefusalCode::MalformedTx);
    QByteArray twice = QByteArray::fromHex("0100beef"
                                           "00"
                                           "03") +
                       f.parent.toRaw() + '\0' + f.parent.toRaw() + '\0' + f.child.toRaw() + '\0';
    EXPECT_EQ(codeOf(twice), tx::RefusalCode::MalformedTx);
    // Every truncation of a BEEF is refused.
    const QByteArray whole = beefV1(f, true);
    for (qsizetype n = 0; n < whole.size(); ++n)
        EXPECT_FALSE(tx::parse(whole.first(n), tx::InputFormat::Beef).isOk()) << n;
}
