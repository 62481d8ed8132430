#include "tx/Parser.h"

#include "crypto/Encoding.h"
#include "tx/Wire.h"

#include <QHash>
#include <QSet>

namespace tokenpass::tx {

namespace {

constexpr char kEfMarker[6] = {0, 0, 0, 0, 0, char(0xef)};
// The smallest input and output on the wire; a count that cannot fit in what is left is refused
// before anything is reserved for it.
constexpr qsizetype kMinInputSize = 32 + 4 + 1 + 4;
constexpr qsizetype kMinOutputSize = 8 + 1;

bool hasEfMarker(QByteArrayView bytes)
{
    return bytes.size() >= 10 && bytes.sliced(4, 6) == QByteArrayView(kEfMarker, 6);
}

Refusal missingSource(const QString& why)
{
    return refuse(RefusalCode::MissingSourceOutput,
                  QStringLiteral("A source output is missing: %1.").arg(why));
}

std::optional<Refusal> readCount(wire::Reader& r, qsizetype minItemSize, const char* what, qsizetype& count)
{
    std::uint64_t n = 0;
    if (!r.varint(n))
        return detail::readerFailure(r);
    if (n > std::uint64_t(r.remaining() / minItemSize))
        return detail::malformed(
            QStringLiteral("it declares %1 %2 but is too short for them").arg(n).arg(QLatin1String(what)));
    count = qsizetype(n);
    return std::nullopt;
}

// Joins the caller's sourceOutputs to the inputs by outpoint.
std::optional<Refusal> applyClaims(Transaction& tx, const QList<ClaimedSourceOutput>& claims)
{
    if (claims.isEmpty())
        return std::nullopt;
    QHash<Outpoint, qsizetype> inputByOutpoint;
    inputByOutpoint.reserve(tx.inputs.size());
    for (qsizetype i = 0; i < tx.inputs.size(); ++i)
        inputByOutpoint.insert(tx.inputs[i].prevout, i);
    for (const ClaimedSourceOutput& claim : claims) {
        const auto it = inputByOutpoint.constFind(claim.outpoint);
        if (it == inputByOutpoint.constEnd())
            return missingSource(QStringLiteral("sourceOutputs names %1:%2, which no input spends")
                                     .arg(claim.outpoint.txidHex())
                                     .arg(claim.outpoint.vout));
        TxInput& in = tx.inputs[*it];
        if (in.source) {
            if (in.source->satoshis != claim.satoshis || in.source->lockingScript != claim.lockingScript)
                return refuse(
                    RefusalCode::AmountMismatch,
                    QStringLiteral("The amount or script claimed for input %1 differs from the one in the "
                                   "transaction data.")
                        .arg(*it));
            continue;
        }
        in.source = SourceOutput{claim.satoshis, claim.lockingScript, SourceOrigin::Caller};
    }
    return std::nullopt;
}

// BEEF: each input's parent, when present, is hashed and its output taken as the source.
std::optional<Refusal> applyBeefParents(Transaction& subject, const Beef& beef)
{
    QHash<QByteArray, const Transaction*> parents;
    for (qsizetype i = 0; i + 1 < beef.entries.size(); ++i) {
        if (beef.entries[i].kind != BeefEntry::Kind::TxidOnly)
            parents.insert(beef.entries[i].txid, &beef.entries[i].tx);
    }
    for (qsizetype i = 0; i < subject.inputs.size(); ++i) {
        TxInput& in = subject.inputs[i];
        const Transaction* parent = parents.value(in.prevout.txid, nullptr);
        if (!parent)
            continue; // may still come from a claim
        if (in.prevout.vout >= std::uint64_t(parent->outputs.size()))
            return missingSource(
                QStringLiteral("input %1 spends output %2 of a parent that has only %3 outputs")
                    .arg(i)
                    .arg(in.prevout.vout)
                    .arg(parent->outputs.size()));
        const TxOutput& out = parent->outputs[qsizetype(in.prevout.vout)];
        in.source = SourceOutput{out.satoshis, out.lockingScript, SourceOrigin::Beef};
    }
    return std::nullopt;
}

Checked<ParsedTransaction> parseRawOrEf(QByteArrayView bytes, bool ef)
{
    if (ef && !hasEfMarker(bytes))
        return detail::malformed(QStringLiteral("the EF marker 0000000000ef is missing"));
    wire::Reader r(bytes);
    ParsedTransaction parsed;
    parsed.encoding = ef ? Encoding::Ef : Encoding::Raw;
    if (auto refusal = detail::readTransaction(r, ef, parsed.tx))
        return *refusal;
    if (!r.atEnd())
        return detail::malformed(QStringLiteral("it has %1 bytes after the lock time").arg(r.remaining()));
    return parsed;
}

Checked<ParsedTransaction> parseBeef(QByteArrayView bytes)
{
    auto beef = readBeef(bytes);
    if (!beef)
        return beef.refusal();
    ParsedTransaction parsed;
    parsed.encoding = beef->atomic                 ? Encoding::AtomicBeef
                      : beef->version == Beef::kV2 ? Encoding::BeefV2
                                                   : Encoding::BeefV1;
    parsed.tx = beef->subject();
    if (auto refusal = applyBeefParents(parsed.tx, beef.value()))
        return *refusal;
    parsed.beef = std::move(beef).value();
    return parsed;
}

} // namespace

namespace detail {

Refusal malformed(const QString& why)
{
    return refuse(RefusalCode::MalformedTx, QStringLiteral("The transaction is malformed: %1.").arg(why));
}

Refusal readerFailure(const wire::Reader& reader)
{
    if (reader.error() == wire::Reader::Error::NonCanonicalVarint)
        return malformed(
            QStringLiteral("a length at byte %1 is not minimally encoded").arg(reader.position()));
    return malformed(QStringLiteral("it ends too early"));
}

std::optional<Refusal> readTransaction(wire::Reader& r, bool ef, Transaction& tx)
{
    if (!r.u32(tx.version))
        return readerFailure(r);
    if (ef && !r.skip(6))
        return readerFailure(r);
    qsizetype inputCount = 0;
    // The bound uses the raw input size even for EF: an EF that stops right where an input's source
    // output should start is "missing", not garbled (vector ef-truncated-before-source-output).
    if (auto refusal = readCount(r, kMinInputSize, "inputs", inputCount))
        return refusal;
    if (inputCount == 0)
        return malformed(QStringLiteral("it has no inputs"));
    tx.inputs.resize(inputCount);
    QSet<Outpoint> seen;
    seen.reserve(inputCount);
    for (qsizetype i = 0; i < inputCount; ++i) {
        TxInput& in = tx.inputs[i];
        if (!r.bytes(32, in.prevout.txid) || !r.u32(in.prevout.vout) || !r.varBytes(in.unlockingScript) ||
            !r.u32(in.sequence))
            return readerFailure(r);
        if (seen.contains(in.prevout))
            return malformed(QStringLiteral("input %1 spends the same output as an earlier input").arg(i));
        seen.insert(in.prevout);
        if (!ef)
            continue;
        if (r.atEnd())
            return missingSource(QStringLiteral("the EF data stops before input %1's source amount").arg(i));
        SourceOutput source;
        source.origin = SourceOrigin::Ef;
        if (!r.u64(source.satoshis) || !r.varBytes(source.lockingScript))
            return readerFailure(r);
        in.source = std::move(source);
    }
    qsizetype outputCount = 0;
    if (auto refusal = readCount(r, kMinOutputSize, "outputs", outputCount))
        return refusal;
    if (outputCount == 0)
        return malformed(QStringLiteral("it has no outputs"));
    tx.outputs.resize(outputCount);
    for (TxOutput& out : tx.outputs) {
        if (!r.u64(out.satoshis) || !r.varBytes(out.lockingScript))
            return readerFailure(r);
    }
    if (!r.u32(tx.lockTime))
        return readerFailure(r);
    return std::nullopt;
}

} // namespace detail

std::optional<InputFormat> inputFormatFromName(QStringView name)
{
    if (name.isEmpty())
        return InputFormat::Auto;
    if (name == u"raw")
        return InputFormat::Raw;
    if (name == u"ef")
        return InputFormat::Ef;
    if (name == u"beef")
        return InputFormat::Beef;
    return std::nullopt;
}

QString toString(Encoding encoding)
{
    switch (encoding) {
    case Encoding::Raw:
        return QStringLiteral("raw");
    case Encoding::Ef:
        return QStringLiteral("ef");
    case Encoding::BeefV1:
        return QStringLiteral("beef-v1");
    case Encoding::BeefV2:
        return QStringLiteral("beef-v2");
    case Encoding::AtomicBeef:
        return QStringLiteral("atomic-beef");
    }
    return QString();
}

QByteArray ParsedTransaction::reserialize() const
{
    if (beef)
        return beef->serialize();
    return encoding == Encoding::Ef ? tx.toEf() : tx.toRaw();
}

bool ParsedTransaction::allAmountsVerified() const
{
    for (const TxInput& in : tx.inputs) {
        if (!in.source || !in.source->verified())
            return false;
    }
    return true;
}

Checked<ParsedTransaction> parse(QByteArrayView bytes, InputFormat format,
                                 const QList<ClaimedSourceOutput>& claims)
{
    if (format == InputFormat::Auto)
        format = looksLikeBeef(bytes) ? InputFormat::Beef
                 : hasEfMarker(bytes) ? InputFormat::Ef
                                      : InputFormat::Raw;
    Checked<ParsedTransaction> parsed =
        format == InputFormat::Beef ? parseBeef(bytes) : parseRawOrEf(bytes, format == InputFormat::Ef);
    if (!parsed)
        return parsed;
    if (auto refusal = applyClaims(parsed->tx, claims))
        return *refusal;
    for (qsizetype i = 0; i < parsed->tx.inputs.size(); ++i) {
        if (!parsed->tx.inputs[i].source)
            return missingSource(QStringLiteral("input %1 has no source amount and locking script").arg(i));
    }
    return parsed;
}

Checked<ParsedTransaction> parseHex(QStringView hex, InputFormat format,
                                    const QList<ClaimedSourceOutput>& claims)
{
    const auto bytes = crypto::fromHex(hex);
    if (!bytes)
        return detail::malformed(
            QStringLiteral("the hex has an odd length or a character that is not hexadecimal"));
    return parse(*bytes, format, claims);
}

} // namespace tokenpass::tx
