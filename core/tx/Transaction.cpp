#include "tx/Transaction.h"

#include "crypto/Encoding.h"
#include "crypto/Hash.h"
#include "tx/Wire.h"

#include <algorithm>

namespace tokenpass::tx {

namespace {

void appendInputBody(QByteArray& out, const TxInput& in)
{
    out.append(in.prevout.txid);
    wire::appendU32(out, in.prevout.vout);
    wire::appendVarBytes(out, in.unlockingScript);
    wire::appendU32(out, in.sequence);
}

void appendOutputs(QByteArray& out, const QList<TxOutput>& outputs)
{
    wire::appendVarint(out, std::uint64_t(outputs.size()));
    for (const TxOutput& o : outputs) {
        wire::appendU64(out, o.satoshis);
        wire::appendVarBytes(out, o.lockingScript);
    }
}

qsizetype scriptBytes(const QList<TxInput>& inputs, const QList<TxOutput>& outputs)
{
    qsizetype n = 0;
    for (const TxInput& in : inputs)
        n += in.unlockingScript.size() + 9 + 41 + (in.source ? in.source->lockingScript.size() : 0);
    for (const TxOutput& o : outputs)
        n += o.lockingScript.size() + 17;
    return n;
}

} // namespace

std::optional<Outpoint> Outpoint::fromDisplayHex(QStringView txidHex, std::uint32_t vout)
{
    auto bytes = txidHex.size() == 64 ? crypto::fromHex(txidHex) : std::nullopt;
    if (!bytes)
        return std::nullopt;
    std::reverse(bytes->begin(), bytes->end());
    return Outpoint{*bytes, vout};
}

QString Outpoint::txidHex() const
{
    QByteArray reversed = txid;
    std::reverse(reversed.begin(), reversed.end());
    return crypto::toHex(reversed);
}

size_t qHash(const Outpoint& o, size_t seed) noexcept
{
    return ::qHash(o.txid, seed) ^ ::qHash(o.vout, seed);
}

QByteArray Transaction::toRaw() const
{
    QByteArray out;
    out.reserve(32 + scriptBytes(inputs, outputs));
    wire::appendU32(out, version);
    wire::appendVarint(out, std::uint64_t(inputs.size()));
    for (const TxInput& in : inputs)
        appendInputBody(out, in);
    appendOutputs(out, outputs);
    wire::appendU32(out, lockTime);
    return out;
}

QByteArray Transaction::toEf() const
{
    QByteArray out;
    out.reserve(40 + scriptBytes(inputs, outputs));
    wire::appendU32(out, version);
    out.append("\x00\x00\x00\x00\x00\xef", 6);
    wire::appendVarint(out, std::uint64_t(inputs.size()));
    for (const TxInput& in : inputs) {
        appendInputBody(out, in);
        wire::appendU64(out, in.source ? in.source->satoshis : 0);
        wire::appendVarBytes(out, in.source ? in.source->lockingScript : QByteArray());
    }
    appendOutputs(out, outputs);
    wire::appendU32(out, lockTime);
    return out;
}

QByteArray Transaction::hash() const
{
    return crypto::sha256d(toRaw());
}

QString Transaction::txid() const
{
    QByteArray h = hash();
    std::reverse(h.begin(), h.end());
    return crypto::toHex(h);
}

} // namespace tokenpass::tx
