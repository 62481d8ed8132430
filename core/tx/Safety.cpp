#include "tx/Safety.h"

#include "tx/Sighash.h"
#include "tx/Wire.h"

#include <QMap>

#include <algorithm>

namespace tokenpass::tx {

namespace {

constexpr qsizetype kP2pkhUnlockSize = 107;   // push(72-byte DER+type) + push(33-byte key)
constexpr std::uint64_t kMinFeeCap = 100'000; // 0.001 BSV
constexpr std::uint64_t kCapSatPerByte = 10;  // 1000 sat/kB × 10

QString bsv(std::uint64_t sat)
{
    return QStringLiteral("%1 satoshis").arg(sat);
}

std::optional<Refusal> checkValues(const Transaction& tx)
{
    const auto outOfRange = [](const QString& what, std::uint64_t v) {
        return refuse(
            RefusalCode::ValueOutOfRange,
            QStringLiteral("%1 is %2, more than the 21,000,000 BSV that can exist.").arg(what, bsv(v)));
    };
    std::uint64_t sumIn = 0;
    for (qsizetype i = 0; i < tx.inputs.size(); ++i) {
        const std::uint64_t v = tx.inputs[i].source ? tx.inputs[i].source->satoshis : 0;
        if (v > kMaxMoney)
            return outOfRange(QStringLiteral("The amount of input %1").arg(i), v);
        sumIn += v; // both <= kMaxMoney before adding: no overflow
        if (sumIn > kMaxMoney)
            return outOfRange(QStringLiteral("The sum of the inputs"), sumIn);
    }
    std::uint64_t sumOut = 0;
    for (qsizetype i = 0; i < tx.outputs.size(); ++i) {
        const std::uint64_t v = tx.outputs[i].satoshis;
        if (v > kMaxMoney)
            return outOfRange(QStringLiteral("Output %1").arg(i), v);
        sumOut += v;
        if (sumOut > kMaxMoney)
            return outOfRange(QStringLiteral("The sum of the outputs"), sumOut);
    }
    return std::nullopt;
}

std::optional<Refusal> checkRemembered(const Transaction& tx, const Policy& policy)
{
    if (!policy.rememberedAmount)
        return std::nullopt;
    for (qsizetype i = 0; i < tx.inputs.size(); ++i) {
        const TxInput& in = tx.inputs[i];
        if (in.source->verified())
            continue;
        const auto known = policy.rememberedAmount(in.prevout);
        if (known && *known != in.source->satoshis)
            return refuse(
                RefusalCode::AmountMismatch,
                QStringLiteral("Input %1 claims %2, but the wallet signed the same coin as %3 before.")
                    .arg(i)
                    .arg(bsv(in.source->satoshis), bsv(*known)));
    }
    return std::nullopt;
}

Refusal notOwned(qint64 index, const QString& why)
{
    return refuse(RefusalCode::InputNotOwned,
                  QStringLiteral("Input %1 cannot be signed: %2.").arg(index).arg(why));
}

QString untouchedReason(const TxInput& in)
{
    if (OwnedKeys::p2pkhHash(in.source->lockingScript).isEmpty())
        return QStringLiteral("not a P2PKH to a wallet key");
    return QStringLiteral("a P2PKH to a key this caller may not spend");
}

} // namespace

std::uint64_t Policy::defaultFeeCap(qsizetype signedSizeBytes)
{
    return std::max(kMinFeeCap, kCapSatPerByte * std::uint64_t(std::max<qsizetype>(signedSizeBytes, 0)));
}

const PlannedInput* SigningPlan::planned(qsizetype inputIndex) const
{
    for (const PlannedInput& p : sign) {
        if (p.inputIndex == inputIndex)
            return &p;
    }
    return nullptr;
}

qsizetype estimateSignedSize(const Transaction& tx, const QList<PlannedInput>& sign)
{
    qsizetype size = tx.toRaw().size();
    for (const PlannedInput& p : sign) {
        const qsizetype old = tx.inputs[p.inputIndex].unlockingScript.size();
        size += kP2pkhUnlockSize + wire::varintSize(kP2pkhUnlockSize) - old -
                wire::varintSize(std::uint64_t(old));
    }
    return size;
}

Checked<SigningPlan> checkSafety(ParsedTransaction parsed, const OwnedKeys& keys, const SignRequest& request,
                                 const Policy& policy)
{
    const Transaction& tx = parsed.tx;
    for (const TxInput& in : tx.inputs) {
        if (!in.source) // parse() never lets this through; a hand-built transaction might
            return refuse(RefusalCode::MissingSourceOutput, QStringLiteral("A source output is missing."));
    }
    if (auto refusal = checkValues(tx))
        return *refusal;
    if (auto refusal = checkRemembered(tx, policy))
        return *refusal;

    const qint64 inputCount = tx.inputs.size();
    const auto owner = [&](qint64 i) {
        return keys.ownerOfP2pkh(tx.inputs[qsizetype(i)].source->lockingScript);
    };
    QMap<qint64, std::uint32_t> flags; // explicit flags by input
    for (const SignRequest::Flag& f : request.sighash) {
        if (f.inputIndex < 0 || f.inputIndex >= inputCount)
            return notOwned(f.inputIndex, QStringLiteral("the transaction has %1 inputs").arg(inputCount));
        if (!owner(f.inputIndex))
            return notOwned(f.inputIndex, QStringLiteral("it is not a P2PKH to this caller's wallet key"));
        if (f.flag < 0 || f.flag > 0xff || !sighash::isSupported(std::uint32_t(f.flag)))
            return refuse(
                RefusalCode::BadSighash,
                QStringLiteral("The signature type 0x%1 for input %2 is not allowed: only 0x41, 0x42, 0x43, "
                               "0xc1, 0xc2 and 0xc3 (with FORKID, without bit 0x20) are signed.")
                    .arg(QString::number(f.flag, 16))
                    .arg(f.inputIndex));
        flags.insert(f.inputIndex, std::uint32_t(f.flag));
    }
    std::optional<QList<qint64>> only = request.inputs;
    if (only) {
        for (qint64 i : *only) {
            if (i < 0 || i >= inputCount)
                return notOwned(i, QStringLiteral("the transaction has %1 inputs").arg(inputCount));
            if (!owner(i))
                return notOwned(i, QStringLiteral("it is not a P2PKH to this caller's wallet key"));
        }
        for (auto it = flags.cbegin(); it != flags.cend(); ++it) {
            if (!only->contains(it.key()))
                return notOwned(
                    it.key(),
                    QStringLiteral("a signature type is given for it, but it is not in \"inputs\""));
        }
    }

    SigningPlan plan;
    for (qint64 i = 0; i < inputCount; ++i) {
        const OwnedKey* key = owner(i);
        if (!key || (only && !only->contains(i))) {
            plan.untouched.append(
                UntouchedInput{qsizetype(i), key ? QStringLiteral("not in \"inputs\"")
                                                 : untouchedReason(tx.inputs[qsizetype(i)])});
            continue;
        }
        const std::uint32_t flag = flags.value(i, sighash::kDefault);
        const std::uint32_t base = sighash::baseType(flag);
        const bool commitsToNoOutput =
            base == sighash::kNone || (base == sighash::kSingle && i >= tx.outputs.size());
        if (commitsToNoOutput && !policy.allowNoOutputCommitment)
            return refuse(
                RefusalCode::BadSighash,
                QStringLiteral("The signature asked for input %1 commits to no output, so anyone could send "
                               "those coins elsewhere.")
                    .arg(i));
        plan.sign.append(PlannedInput{qsizetype(i), flag, *key});
    }
    if (plan.sign.isEmpty())
        return refuse(
            RefusalCode::NoSignableInput,
            QStringLiteral("No input of this transaction pays to a key this caller may spend from."));

    std::uint64_t sumIn = 0;
    std::uint64_t sumOut = 0;
    for (const TxInput& in : tx.inputs)
        sumIn += in.source->satoshis;
    for (const TxOutput& out : tx.outputs)
        sumOut += out.satoshis;
    const bool othersMayAddInputs =
        std::all_of(plan.sign.cbegin(), plan.sign.cend(),
                    [](const PlannedInput& p) { return sighash::anyoneCanPay(p.sighash); });
    if (sumOut > sumIn && !othersMayAddInputs)
        return refuse(
            RefusalCode::NegativeFee,
            QStringLiteral("The outputs (%1) are more than the inputs (%2).").arg(bsv(sumOut), bsv(sumIn)));
    plan.estimatedSignedSize = estimateSignedSize(tx, plan.sign);
    plan.feeCapSatoshis = policy.feeCapSatoshis.value_or(Policy::defaultFeeCap(plan.estimatedSignedSize));
    if (sumIn > sumOut && sumIn - sumOut > plan.feeCapSatoshis)
        return refuse(RefusalCode::FeeTooHigh,
                      QStringLiteral("The network fee of %1 is more than the limit of %2.")
                          .arg(bsv(sumIn - sumOut), bsv(plan.feeCapSatoshis)));
    plan.parsed = std::move(parsed);
    return plan;
}

} // namespace tokenpass::tx
