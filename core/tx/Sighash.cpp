#include "tx/Sighash.h"

#include "crypto/Hash.h"
#include "tx/Wire.h"

namespace tokenpass::tx {

namespace sighash {

bool isSupported(std::uint32_t flag)
{
    if (flag > 0xff || (flag & kForkId) == 0 || (flag & kChronicle) != 0)
        return false;
    const std::uint32_t base = baseType(flag);
    return base == kAll || base == kNone || base == kSingle;
}

QString name(std::uint32_t flag)
{
    QString base;
    switch (baseType(flag)) {
    case kAll:
        base = QStringLiteral("ALL");
        break;
    case kNone:
        base = QStringLiteral("NONE");
        break;
    case kSingle:
        base = QStringLiteral("SINGLE");
        break;
    default:
        base = QStringLiteral("UNDEFINED(%1)").arg(baseType(flag));
    }
    if (flag & kForkId)
        base += QStringLiteral("|FORKID");
    if (flag & kAnyoneCanPay)
        base += QStringLiteral("|ANYONECANPAY");
    if (flag & kChronicle)
        base += QStringLiteral("|BIT_0x20");
    return base;
}

} // namespace sighash

namespace {

const QByteArray& zeroHash()
{
    static const QByteArray zero(32, '\0');
    return zero;
}

void appendOutput(QByteArray& out, const TxOutput& o)
{
    wire::appendU64(out, o.satoshis);
    wire::appendVarBytes(out, o.lockingScript);
}

} // namespace

SighashCache::SighashCache(const Transaction& tx) : m_tx(tx)
{
    QByteArray prevouts;
    prevouts.reserve(tx.inputs.size() * 36);
    QByteArray sequences;
    sequences.reserve(tx.inputs.size() * 4);
    for (const TxInput& in : tx.inputs) {
        prevouts.append(in.prevout.txid);
        wire::appendU32(prevouts, in.prevout.vout);
        wire::appendU32(sequences, in.sequence);
    }
    QByteArray outputs;
    for (const TxOutput& o : tx.outputs)
        appendOutput(outputs, o);
    m_hashPrevouts = crypto::sha256d(prevouts);
    m_hashSequence = crypto::sha256d(sequences);
    m_hashOutputs = crypto::sha256d(outputs);
}

QByteArray SighashCache::preimage(qsizetype n, std::uint32_t flag) const
{
    const TxInput& in = m_tx.inputs[n];
    const QByteArray scriptCode = in.source ? in.source->lockingScript : QByteArray();
    const std::uint32_t base = sighash::baseType(flag);
    const bool acp = sighash::anyoneCanPay(flag);

    QByteArray out;
    out.reserve(4 + 32 + 32 + 36 + 9 + scriptCode.size() + 8 + 4 + 32 + 4 + 4);
    wire::appendU32(out, m_tx.version);
    out.append(acp ? zeroHash() : m_hashPrevouts);
    out.append(acp || base == sighash::kNone || base == sighash::kSingle ? zeroHash() : m_hashSequence);
    out.append(in.prevout.txid);
    wire::appendU32(out, in.prevout.vout);
    wire::appendVarBytes(out, scriptCode);
    wire::appendU64(out, in.source ? in.source->satoshis : 0);
    wire::appendU32(out, in.sequence);
    if (base == sighash::kSingle && n < m_tx.outputs.size()) {
        QByteArray single;
        appendOutput(single, m_tx.outputs[n]);
        out.append(crypto::sha256d(single));
    } else if (base == sighash::kSingle || base == sighash::kNone) {
        // FORKID has no "SIGHASH_SINGLE bug": SINGLE without output n commits to no output.
        out.append(zeroHash());
    } else {
        out.append(m_hashOutputs);
    }
    wire::appendU32(out, m_tx.lockTime);
    wire::appendU32(out, flag); // u32: the fork value is 0 on BSV
    return out;
}

QByteArray SighashCache::digest(qsizetype n, std::uint32_t flag) const
{
    return crypto::sha256d(preimage(n, flag));
}

} // namespace tokenpass::tx
