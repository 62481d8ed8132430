#pragma once

// A transaction to show in the transaction dialog's tests and screenshot: one input from the
// wallet's key, payments, an OP_RETURN, change, and optionally many outputs and other flags.

#include "crypto/Hash.h"
#include "crypto/Keys.h"
#include "tx/Safety.h"
#include "tx/TransactionView.h"

#include <QByteArray>
#include <QCryptographicHash>

namespace tokenpass::test {

struct TxSampleOptions
{
    int payments = 2;
    std::uint32_t sighash = 0x41;
    std::uint32_t lockTime = 0;
    std::uint32_t sequence = 0xffffffff;
    QString description = QStringLiteral("Pay for order #1042");
};

inline QByteArray sampleP2pkh(const crypto::PublicKey& key)
{
    return QByteArray::fromHex("76a914") + crypto::hash160(key.compressed()) + QByteArray::fromHex("88ac");
}

inline tx::TransactionViewPtr sampleTransactionView(const TxSampleOptions& o = {})
{
    const crypto::PublicKey wallet =
        crypto::PrivateKey::fromHex(QStringLiteral("11").repeated(32)).value().publicKey();
    tx::Transaction t;
    t.lockTime = o.lockTime;
    tx::TxInput in;
    in.prevout.txid = QByteArray(32, '\x42');
    in.sequence = o.sequence;
    in.source = tx::SourceOutput{0, sampleP2pkh(wallet), tx::SourceOrigin::Ef};
    std::uint64_t total = 0;
    for (int i = 0; i < o.payments; ++i) {
        const crypto::PublicKey payee =
            crypto::PrivateKey::fromHex(
                QString::fromLatin1(
                    QCryptographicHash::hash(QByteArray::number(i), QCryptographicHash::Sha256).toHex()))
                .value()
                .publicKey();
        t.outputs.append({std::uint64_t(12'000 + 1'000 * i), sampleP2pkh(payee)});
        total += 12'000 + 1'000 * i;
    }
    t.outputs.append({0, QByteArray::fromHex("006a") + char(16) + QByteArray("order #1042 paid")});
    t.outputs.append({48'500, sampleP2pkh(wallet)});
    total += 48'500;
    in.source->satoshis = total + 420;
    t.inputs.append(in);
    tx::ParsedTransaction parsed;
    parsed.encoding = tx::Encoding::Ef;
    parsed.tx = t;
    const tx::OwnedKeys keys({wallet});
    tx::SignRequest request;
    if (o.sighash != 0x41)
        request.sighash.append({0, o.sighash});
    auto plan = tx::checkSafety(parsed, keys, request);
    if (!plan)
        return nullptr;
    return tx::makeTransactionView(std::move(plan.value()), keys, o.description);
}

} // namespace tokenpass::test
