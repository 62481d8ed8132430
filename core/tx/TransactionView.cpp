#include "tx/TransactionView.h"

#include <QCryptographicHash>

#include <cstdlib>

namespace tokenpass::tx {

QByteArray TransactionView::digest() const
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    const QByteArray bytes = plan.parsed.reserialize();
    h.addData(QByteArray::number(bytes.size()) + ':');
    h.addData(bytes);
    for (const PlannedInput& input : plan.sign)
        h.addData(QByteArray::number(input.inputIndex) + '=' + QByteArray::number(input.sighash) + ';');
    const QByteArray words = description.toUtf8();
    h.addData(QByteArray::number(words.size()) + ':');
    h.addData(words);
    return "transaction:" + h.result().toHex();
}

QString formatBsv(std::int64_t satoshis)
{
    const bool negative = satoshis < 0;
    const std::uint64_t abs = negative ? std::uint64_t(0) - std::uint64_t(satoshis) : std::uint64_t(satoshis);
    return QStringLiteral("%1%2.%3 BSV")
        .arg(negative ? QStringLiteral("-") : QString())
        .arg(abs / 100000000ULL)
        .arg(abs % 100000000ULL, 8, 10, QLatin1Char('0'));
}

QString TransactionView::summary() const
{
    return QStringLiteral("You spend %1 (%2 sat); fee %3 sat; %4 outputs")
        .arg(formatBsv(totals.walletNetSpend))
        .arg(totals.walletNetSpend)
        .arg(totals.fee)
        .arg(outputs.size());
}

TransactionViewPtr makeTransactionView(SigningPlan plan, const OwnedKeys& keys, QString description)
{
    auto view = std::make_shared<TransactionView>();
    view->outputs = decodeOutputs(plan.tx(), keys);
    view->totals = totals(plan, view->outputs);
    view->lockTime = describeLockTime(plan.tx());
    view->description = std::move(description);
    const qsizetype outputCount = plan.tx().outputs.size();
    for (const PlannedInput& input : plan.sign) {
        if (input.sighash != 0x41)
            view->flagNotes.append({input.inputIndex, input.sighash,
                                    describeSighash(input.sighash, input.inputIndex, outputCount)});
    }
    view->plan = std::move(plan);
    return view;
}

} // namespace tokenpass::tx
