#include "tx/Totals.h"

#include "tx/Sighash.h"

#include <QDateTime>

namespace tokenpass::tx {

namespace {

constexpr std::uint32_t kLockTimeThreshold = 500'000'000;
constexpr std::uint32_t kSequenceDisableFlag = 1U << 31;
constexpr std::uint32_t kSequenceTypeFlag = 1U << 22;

// 840000 → "840,000", whatever the system locale.
QString number(std::uint64_t n)
{
    QString digits = QString::number(qulonglong(n));
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(','));
    return digits;
}

} // namespace

Totals totals(const SigningPlan& plan, const QList<DecodedOutput>& outputs)
{
    Totals t;
    const Transaction& tx = plan.tx();
    t.feeVerified = true;
    t.spendVerified = true;
    qsizetype next = 0; // plan.sign is ascending: walk it alongside the inputs
    for (qsizetype i = 0; i < tx.inputs.size(); ++i) {
        const SourceOutput& src = *tx.inputs[i].source;
        t.totalIn += src.satoshis;
        t.feeVerified = t.feeVerified && src.verified();
        const bool signs = next < plan.sign.size() && plan.sign[next].inputIndex == i;
        if (signs) {
            ++next;
            t.walletIn += src.satoshis;
            t.spendVerified = t.spendVerified && src.verified();
        } else {
            t.otherInputs.append(Totals::OtherInput{i, src.satoshis, src.verified()});
        }
    }
    for (const DecodedOutput& o : outputs) {
        t.totalOut += o.satoshis;
        if (o.isChange)
            t.walletChange += o.satoshis;
    }
    // Both sums are <= kMaxMoney (checkSafety), far inside int64.
    t.fee = std::int64_t(t.totalIn) - std::int64_t(t.totalOut);
    t.walletNetSpend = std::int64_t(t.walletIn) - std::int64_t(t.walletChange);
    t.estimatedSize =
        plan.estimatedSignedSize > 0 ? plan.estimatedSignedSize : estimateSignedSize(tx, plan.sign);
    t.feeRateSatPerKb = t.estimatedSize > 0 ? double(t.fee) * 1000.0 / double(t.estimatedSize) : 0.0;
    return t;
}

LockTimeInfo describeLockTime(const Transaction& tx)
{
    LockTimeInfo info;
    info.value = tx.lockTime;
    for (const TxInput& in : tx.inputs)
        info.enforced = info.enforced || in.sequence != kSequenceFinal;
    if (tx.lockTime == 0) {
        info.kind = LockTimeInfo::Kind::None;
        info.enforced = false;
        info.words = QStringLiteral("No lock time: valid now.");
        return info;
    }
    QString when;
    if (tx.lockTime < kLockTimeThreshold) {
        info.kind = LockTimeInfo::Kind::BlockHeight;
        when = QStringLiteral("block %1").arg(number(tx.lockTime));
    } else {
        info.kind = LockTimeInfo::Kind::UnixTime;
        when = QDateTime::fromSecsSinceEpoch(qint64(tx.lockTime), Qt::UTC)
                   .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    }
    info.words = info.enforced
                     ? QStringLiteral("Not valid before %1.").arg(when)
                     : QStringLiteral("Lock time %1, not enforced: every input is final.").arg(when);
    return info;
}

QString describeSequence(std::uint32_t sequence, std::uint32_t version)
{
    if (sequence == kSequenceFinal)
        return QStringLiteral("final");
    QString words = QStringLiteral("not final (0x%1): lets the lock time apply")
                        .arg(QString::number(sequence, 16).rightJustified(8, QLatin1Char('0')));
    if (version >= 2 && (sequence & kSequenceDisableFlag) == 0) {
        const std::uint32_t value = sequence & 0xffff;
        words +=
            (sequence & kSequenceTypeFlag)
                ? QStringLiteral("; under version 2 rules a relative lock of %1 seconds")
                      .arg(number(value * 512ULL))
                : QStringLiteral("; under version 2 rules a relative lock of %1 blocks").arg(number(value));
    }
    return words;
}

QString describeSighash(std::uint32_t flag, qsizetype inputIndex, qsizetype outputCount)
{
    QStringList parts;
    switch (sighash::baseType(flag)) {
    case sighash::kAll:
        parts << QStringLiteral("commits to every output");
        break;
    case sighash::kNone:
        parts << QStringLiteral("commits to no output: anyone can send these coins elsewhere");
        break;
    case sighash::kSingle:
        parts << (inputIndex < outputCount
                      ? QStringLiteral("commits only to output %1, the only output you commit to")
                            .arg(inputIndex)
                      : QStringLiteral(
                            "has no matching output, so it commits to no output: anyone can send these "
                            "coins elsewhere"));
        break;
    default:
        parts << QStringLiteral("undefined signature type");
    }
    if (sighash::anyoneCanPay(flag))
        parts << QStringLiteral("others may add inputs");
    return parts.join(QStringLiteral("; "));
}

} // namespace tokenpass::tx
