// The safety rules and the words the approval dialog shows, beyond the vectors: "inputs" lists,
// odd flag values, the default fee cap, lock time and sequence in words, decoder corner cases.

#include "TxVectorSupport.h"
#include "common/Vectors.h"
#include "tx/OutputDecoder.h"
#include "tx/Safety.h"
#include "tx/Sighash.h"
#include "tx/Totals.h"

#include <gtest/gtest.h>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

tx::ParsedTransaction parsedCase(const char* id)
{
    for (const QJsonValue& v : txv::cases()) {
        const QJsonObject c = v.toObject();
        if (str(c, "id") == QLatin1String(id)) {
            auto parsed = tx::parseHex(str(c, "unsignedEfHex"), tx::InputFormat::Ef);
            EXPECT_TRUE(parsed.isOk());
            return parsed ? std::move(parsed).value() : tx::ParsedTransaction{};
        }
    }
    ADD_FAILURE() << "no case " << id;
    return {};
}

tx::RefusalCode refusalOf(const tx::Checked<tx::SigningPlan>& plan)
{
    EXPECT_FALSE(plan.isOk());
    return plan ? tx::RefusalCode::MalformedTx : plan.refusal().code;
}

} // namespace

TEST(TxSafety, RefusalCodesHaveTheirWireNames)
{
    EXPECT_EQ(tx::toString(tx::RefusalCode::MalformedTx), u"MALFORMED_TX");
    EXPECT_EQ(tx::toString(tx::RefusalCode::MissingSourceOutput), u"MISSING_SOURCE_OUTPUT");
    EXPECT_EQ(tx::toString(tx::RefusalCode::BadSighash), u"BAD_SIGHASH");
    EXPECT_EQ(tx::toString(tx::RefusalCode::ValueOutOfRange), u"VALUE_OUT_OF_RANGE");
    EXPECT_EQ(tx::toString(tx::RefusalCode::NegativeFee), u"NEGATIVE_FEE");
    EXPECT_EQ(tx::toString(tx::RefusalCode::FeeTooHigh), u"FEE_TOO_HIGH");
    EXPECT_EQ(tx::toString(tx::RefusalCode::NoSignableInput), u"NO_SIGNABLE_INPUT");
    EXPECT_EQ(tx::toString(tx::RefusalCode::InputNotOwned), u"INPUT_NOT_OWNED");
    EXPECT_EQ(tx::toString(tx::RefusalCode::AmountMismatch), u"AMOUNT_MISMATCH");
}

TEST(TxSafety, InputsListRestrictsWhatIsSigned)
{
    const tx::ParsedTransaction parsed = parsedCase("p2pkh-3in-3keys");
    tx::SignRequest request;
    request.inputs = QList<qint64>{0, 2};
    const auto plan = tx::checkSafety(parsed, txv::wallet().owned, request);
    ASSERT_TRUE(plan.isOk()) << qPrintable(plan.refusal().sentence);
    ASSERT_EQ(plan->sign.size(), 2);
    EXPECT_EQ(plan->sign[0].inputIndex, 0);
    EXPECT_EQ(plan->sign[1].inputIndex, 2);
    ASSERT_EQ(plan->untouched.size(), 1);
    EXPECT_EQ(plan->untouched[0].inputIndex, 1);

    request.inputs = QList<qint64>{-1};
    EXPECT_EQ(refusalOf(tx::checkSafety(parsed, txv::wallet().owned, request)),
              tx::RefusalCode::InputNotOwned);
    request.inputs = QList<qint64>{0};
    request.sighash = {{1, 0x41}}; // a flag for an input outside "inputs"
    EXPECT_EQ(refusalOf(tx::checkSafety(parsed, txv::wallet().owned, request)),
              tx::RefusalCode::InputNotOwned);

    const tx::ParsedTransaction foreign = parsedCase("foreign-p2pkh-input-unsigned");
    tx::SignRequest both;
    both.inputs = QList<qint64>{0, 1};
    EXPECT_EQ(refusalOf(tx::checkSafety(foreign, txv::wallet().owned, both)), tx::RefusalCode::InputNotOwned);
    // No keys at all: nothing is signable.
    EXPECT_EQ(refusalOf(tx::checkSafety(parsed, tx::OwnedKeys(), {})), tx::RefusalCode::NoSignableInput);
}

TEST(TxSafety, OddFlagValuesAreBadSighash)
{
    const tx::ParsedTransaction parsed = parsedCase("p2pkh-1in-2out");
    for (const qint64 flag : {qint64(-1), qint64(0), qint64(0x41 + 0x100), qint64(0x61), qint64(0xe1),
                              qint64(0x04), qint64(0x45), qint64(1) << 40}) {
        tx::SignRequest request;
        request.sighash = {{0, flag}};
        EXPECT_EQ(refusalOf(tx::checkSafety(parsed, txv::wallet().owned, request)),
                  tx::RefusalCode::BadSighash)
            << flag;
    }
    for (const std::uint32_t ok : {0x41u, 0x43u, 0xc1u, 0xc3u})
        EXPECT_TRUE(tx::sighash::isSupported(ok));
    for (const std::uint32_t no : {0x01u, 0x40u, 0x44u, 0x61u, 0x141u, 0x83u})
        EXPECT_FALSE(tx::sighash::isSupported(no));
}

TEST(TxSafety, DefaultFeeCapIsTheLargerOf01MilliBsvAnd10SatPerByte)
{
    EXPECT_EQ(tx::Policy::defaultFeeCap(200), 100'000u);
    EXPECT_EQ(tx::Policy::defaultFeeCap(50'000), 500'000u);
    tx::ParsedTransaction parsed = parsedCase("p2pkh-1in-2out"); // fee 200
    parsed.tx.outputs[1].satoshis = 0;                           // fee 40,000: under the cap
    EXPECT_TRUE(tx::checkSafety(parsed, txv::wallet().owned, {}).isOk());
    parsed.tx.outputs[0].satoshis = 0; // fee 100,000: at the cap
    EXPECT_TRUE(tx::checkSafety(parsed, txv::wallet().owned, {}).isOk());
    parsed.tx.inputs[0].source->satoshis += 1; // one satoshi over
    EXPECT_EQ(refusalOf(tx::checkSafety(parsed, txv::wallet().owned, {})), tx::RefusalCode::FeeTooHigh);
}

TEST(TxSafety, NegativeFeeOnlyWhenEverySignedInputIsAnyoneCanPay)
{
    const tx::ParsedTransaction parsed = parsedCase("sighash-single-acp"); // 1 sat in, 50,000 out
    EXPECT_EQ(refusalOf(tx::checkSafety(parsed, txv::wallet().owned, {})), tx::RefusalCode::NegativeFee);
    tx::SignRequest listing;
    listing.sighash = {{0, 0xc3}};
    const auto plan = tx::checkSafety(parsed, txv::wallet().owned, listing);
    ASSERT_TRUE(plan.isOk());
    const tx::Totals t = tx::totals(*plan, tx::decodeOutputs(plan->tx(), txv::wallet().owned));
    EXPECT_EQ(t.fee, -49999);
}

TEST(TxSafety, LockTimeInWords)
{
    tx::Transaction t;
    t.inputs.resize(1);
    EXPECT_EQ(tx::describeLockTime(t).kind, tx::LockTimeInfo::Kind::None);
    t.lockTime = 840000;
    t.inputs[0].sequence = 0xfffffffe;
    auto info = tx::describeLockTime(t);
    EXPECT_EQ(info.kind, tx::LockTimeInfo::Kind::BlockHeight);
    EXPECT_TRUE(info.enforced);
    EXPECT_EQ(info.words, u"Not valid before block 840,000.");
    t.lockTime = 499999999;
    EXPECT_EQ(tx::describeLockTime(t).kind, tx::LockTimeInfo::Kind::BlockHeight);
    t.lockTime = 1735689600;
    info = tx::describeLockTime(t);
    EXPECT_EQ(info.kind, tx::LockTimeInfo::Kind::UnixTime);
    EXPECT_EQ(info.words, u"Not valid before 2025-01-01 00:00:00 UTC.");
    t.lockTime = 0xffffffff;
    t.inputs[0].sequence = tx::kSequenceFinal;
    info = tx::describeLockTime(t);
    EXPECT_FALSE(info.enforced);
    EXPECT_EQ(info.words, u"Lock time 2106-02-07 06:28:15 UTC, not enforced: every input is final.");
}

TEST(TxSafety, SequenceAndSighashInWords)
{
    EXPECT_EQ(tx::describeSequence(0xffffffff, 1), u"final");
    EXPECT_EQ(tx::describeSequence(0xfffffffe, 1), u"not final (0xfffffffe): lets the lock time apply");
    EXPECT_EQ(tx::describeSequence(10, 2), u"not final (0x0000000a): lets the lock time apply; under version "
                                           u"2 rules a relative lock of 10 blocks");
    EXPECT_EQ(tx::describeSequence(0x00400002, 2), u"not final (0x00400002): lets the lock time apply; under "
                                                   u"version 2 rules a relative lock of 1,024 seconds");
    EXPECT_EQ(tx::describeSequence(0x80000000, 2), u"not final (0x80000000): lets the lock time apply");
    EXPECT_EQ(tx::describeSighash(0xc1, 0, 2), u"commits to every output; others may add inputs");
    EXPECT_TRUE(tx::describeSighash(0x43, 1, 2).contains(u"the only output you commit to"));
    EXPECT_TRUE(tx::describeSighash(0x43, 2, 2).contains(u"commits to no output"));
    EXPECT_TRUE(tx::describeSighash(0x42, 0, 2).contains(u"anyone can send these coins elsewhere"));
}

TEST(TxSafety, DecoderCornerCases)
{
    // B and MAP prefixes are named.
    const auto b = tx::decodeScript(QByteArray::fromHex("006a"
                                                        "22") +
                                    "19HxigV4QyBv3tHpQVcUEQyq1pzZVdoAut");
    ASSERT_EQ(b.pushes.size(), 1);
    EXPECT_EQ(b.pushes[0].protocol, u"B");
    const auto map = tx::decodeScript(QByteArray::fromHex("6a"
                                                          "22") +
                                      "1PuQa7K62MiKCtssSLKy1kh56WWU7MtUR5");
    EXPECT_EQ(map.pushes[0].protocol, u"MAP");
    // A push that runs past the end: the rest as one hex item, never a crash.
    const auto cut = tx::decodeScript(QByteArray::fromHex("6a4dff00aa"));
    ASSERT_EQ(cut.pushes.size(), 1);
    EXPECT_FALSE(cut.pushes[0].isText);
    EXPECT_EQ(cut.pushes[0].hex(), u"4dff00aa");
    // Bare opcodes inside OP_RETURN data are kept as opcodes.
    const auto ops = tx::decodeScript(QByteArray::fromHex("6a5102aabb"));
    ASSERT_EQ(ops.pushes.size(), 2);
    EXPECT_EQ(ops.pushes[0].opcode, std::optional<std::uint8_t>(0x51));
    // Text that could mislead is shown as hex: bidi override (U+202E), zero-width space, NUL.
    for (const char* bad : {"e280ae6162", "e2808b", "00"}) {
        const tx::DataItem item = tx::dataItem(QByteArray::fromHex(bad));
        EXPECT_FALSE(item.isText) << bad;
    }
    EXPECT_TRUE(tx::dataItem(QByteArrayLiteral("caf\xc3\xa9\n")).isText);
    // Previews are cut with an ellipsis.
    EXPECT_EQ(tx::dataItem(QByteArray(300, 'x')).preview(10), QString(10, u'x') + QChar(0x2026));
    // An inscription envelope with a broken shape is not an inscription.
    const auto broken =
        tx::decodeScript(QByteArray::fromHex("0063036f7264") +
                         QByteArray::fromHex("76a914197b73c61c204268aacaff44708c273252d1d5e388ac"));
    EXPECT_EQ(broken.kind, tx::ScriptKind::Unknown);
}
