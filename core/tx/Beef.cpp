#include "tx/Beef.h"

#include "tx/Parser.h"
#include "tx/Wire.h"

#include <QSet>

#include <algorithm>

namespace tokenpass::tx {

namespace {

constexpr int kMaxTreeHeight = 64;

QByteArray reversed(QByteArray bytes)
{
    std::reverse(bytes.begin(), bytes.end());
    return bytes;
}

// BRC-74: varint block height, u8 tree height, then per level a varint leaf count and leaves of
// (varint offset, u8 flags, 32-byte hash unless flags is 1 "duplicate").
std::optional<Refusal> readBump(wire::Reader& r, QByteArray& out)
{
    const qsizetype start = r.position();
    std::uint64_t height = 0;
    std::uint8_t treeHeight = 0;
    if (!r.varint(height) || !r.u8(treeHeight))
        return detail::readerFailure(r);
    if (treeHeight == 0 || treeHeight > kMaxTreeHeight)
        return detail::malformed(QStringLiteral("a merkle path has tree height %1").arg(treeHeight));
    for (int level = 0; level < treeHeight; ++level) {
        std::uint64_t leaves = 0;
        if (!r.varint(leaves))
            return detail::readerFailure(r);
        if (leaves == 0 || leaves > std::uint64_t(r.remaining() / 2))
            return detail::malformed(QStringLiteral("a merkle path level has %1 leaves").arg(leaves));
        for (std::uint64_t i = 0; i < leaves; ++i) {
            std::uint64_t offset = 0;
            std::uint8_t flags = 0;
            if (!r.varint(offset) || !r.u8(flags))
                return detail::readerFailure(r);
            if (flags > 2)
                return detail::malformed(QStringLiteral("a merkle path leaf has flags %1").arg(flags));
            if (flags != 1 && !r.skip(32))
                return detail::readerFailure(r);
        }
    }
    out = r.data().sliced(start, r.position() - start).toByteArray();
    return std::nullopt;
}

std::optional<Refusal> readEntry(wire::Reader& r, std::uint32_t version, qsizetype bumpCount,
                                 BeefEntry& entry)
{
    if (version == Beef::kV2) {
        std::uint8_t kind = 0;
        if (!r.u8(kind))
            return detail::readerFailure(r);
        if (kind > 2)
            return detail::malformed(QStringLiteral("a BEEF entry has the unknown kind %1").arg(kind));
        entry.kind = BeefEntry::Kind(kind);
        if (entry.kind == BeefEntry::Kind::TxidOnly)
            return r.bytes(32, entry.txid) ? std::nullopt : std::optional<Refusal>(detail::readerFailure(r));
        if (entry.kind == BeefEntry::Kind::RawTxAndBump && !r.varint(entry.bumpIndex))
            return detail::readerFailure(r);
        if (auto refusal = detail::readTransaction(r, false, entry.tx))
            return refusal;
    } else {
        if (auto refusal = detail::readTransaction(r, false, entry.tx))
            return refusal;
        std::uint8_t hasBump = 0;
        if (!r.u8(hasBump))
            return detail::readerFailure(r);
        if (hasBump > 1)
            return detail::malformed(QStringLiteral("a BEEF entry has the bump flag %1").arg(hasBump));
        entry.kind = hasBump ? BeefEntry::Kind::RawTxAndBump : BeefEntry::Kind::RawTx;
        if (hasBump && !r.varint(entry.bumpIndex))
            return detail::readerFailure(r);
    }
    if (entry.kind == BeefEntry::Kind::RawTxAndBump && entry.bumpIndex >= std::uint64_t(bumpCount))
        return detail::malformed(
            QStringLiteral("a BEEF entry names merkle path %1 of %2").arg(entry.bumpIndex).arg(bumpCount));
    entry.txid = entry.tx.hash();
    return std::nullopt;
}

void appendEntry(QByteArray& out, std::uint32_t version, const BeefEntry& entry, const Transaction& tx)
{
    if (version == Beef::kV2) {
        out.append(char(entry.kind));
        if (entry.kind == BeefEntry::Kind::TxidOnly) {
            out.append(entry.txid);
            return;
        }
        if (entry.kind == BeefEntry::Kind::RawTxAndBump)
            wire::appendVarint(out, entry.bumpIndex);
        out.append(tx.toRaw());
        return;
    }
    out.append(tx.toRaw());
    out.append(char(entry.kind == BeefEntry::Kind::RawTxAndBump ? 1 : 0));
    if (entry.kind == BeefEntry::Kind::RawTxAndBump)
        wire::appendVarint(out, entry.bumpIndex);
}

} // namespace

bool looksLikeBeef(QByteArrayView bytes)
{
    if (bytes.size() < 4)
        return false;
    const auto b = [&](int i) { return std::uint8_t(bytes[i]); };
    if (b(0) == 1 && b(1) == 1 && b(2) == 1 && b(3) == 1)
        return true;
    return (b(0) == 1 || b(0) == 2) && b(1) == 0 && b(2) == 0xbe && b(3) == 0xef;
}

Checked<Beef> readBeef(QByteArrayView bytes)
{
    wire::Reader r(bytes);
    Beef beef;
    std::uint32_t magic = 0;
    QByteArray declaredTxid;
    if (!r.u32(magic))
        return detail::readerFailure(r);
    if (magic == Beef::kAtomic) {
        beef.atomic = true;
        if (!r.bytes(32, declaredTxid) || !r.u32(magic))
            return detail::readerFailure(r);
    }
    if (magic != Beef::kV1 && magic != Beef::kV2)
        return detail::malformed(QStringLiteral("it is not BEEF version 1 or 2"));
    beef.version = magic;

    std::uint64_t bumpCount = 0;
    if (!r.varint(bumpCount))
        return detail::readerFailure(r);
    if (bumpCount > std::uint64_t(r.remaining() / 4))
        return detail::malformed(
            QStringLiteral("it declares %1 merkle paths but is too short for them").arg(bumpCount));
    beef.bumps.resize(qsizetype(bumpCount));
    for (QByteArray& bump : beef.bumps) {
        if (auto refusal = readBump(r, bump))
            return *refusal;
    }
    std::uint64_t txCount = 0;
    if (!r.varint(txCount))
        return detail::readerFailure(r);
    if (txCount == 0 || txCount > std::uint64_t(r.remaining() / 33))
        return detail::malformed(QStringLiteral("it declares %1 transactions").arg(txCount));
    beef.entries.resize(qsizetype(txCount));
    QSet<QByteArray> txids;
    for (BeefEntry& entry : beef.entries) {
        if (auto refusal = readEntry(r, beef.version, beef.bumps.size(), entry))
            return *refusal;
        if (txids.contains(entry.txid))
            return detail::malformed(QStringLiteral("the BEEF holds the same transaction twice"));
        txids.insert(entry.txid);
    }
    if (!r.atEnd())
        return detail::malformed(
            QStringLiteral("it has %1 bytes after the last BEEF transaction").arg(r.remaining()));
    if (beef.entries.constLast().kind == BeefEntry::Kind::TxidOnly)
        return detail::malformed(
            QStringLiteral("the last BEEF entry is a txid, not the transaction to sign"));
    if (beef.atomic) {
        const QByteArray subject = beef.entries.constLast().txid;
        if (declaredTxid == reversed(subject))
            beef.atomicTxidDisplayOrder = true;
        else if (declaredTxid != subject)
            return detail::malformed(QStringLiteral("the Atomic BEEF txid is not the last transaction's"));
    }
    return beef;
}

QByteArray Beef::serializeWithSubject(const Transaction& subjectTx) const
{
    QByteArray out;
    if (atomic) {
        wire::appendU32(out, kAtomic);
        const QByteArray txid = subjectTx.hash();
        out.append(atomicTxidDisplayOrder ? reversed(txid) : txid);
    }
    wire::appendU32(out, version);
    wire::appendVarint(out, std::uint64_t(bumps.size()));
    for (const QByteArray& bump : bumps)
        out.append(bump);
    wire::appendVarint(out, std::uint64_t(entries.size()));
    for (qsizetype i = 0; i < entries.size(); ++i)
        appendEntry(out, version, entries[i], i + 1 == entries.size() ? subjectTx : entries[i].tx);
    return out;
}

QByteArray Beef::serialize() const
{
    return serializeWithSubject(subject());
}

} // namespace tokenpass::tx
