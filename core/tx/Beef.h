#pragma once

#include "tx/Refusal.h"
#include "tx/Transaction.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <cstdint>

namespace tokenpass::tx {

// BEEF V1 (BRC-62), V2 (BRC-96) and Atomic BEEF (BRC-95), kept whole so the signed subject can
// be put back in the same structure. The merkle paths (BUMPs, BRC-74) are checked for shape
// only: TokenPass proves amounts by hashing parents, not by SPV (TX.md §2.3).
struct BeefEntry
{
    enum class Kind : std::uint8_t
    {
        RawTx = 0,        // a transaction without a merkle path
        RawTxAndBump = 1, // a transaction and the index of its BUMP
        TxidOnly = 2,     // V2 only: a txid the receiver is assumed to know
    };
    Kind kind = Kind::RawTx;
    Transaction tx;              // unless TxidOnly
    QByteArray txid;             // wire order; hash of tx, or the TxidOnly txid
    std::uint64_t bumpIndex = 0; // RawTxAndBump only
};

struct Beef
{
    static constexpr std::uint32_t kV1 = 0xefbe0001; // bytes 01 00 be ef
    static constexpr std::uint32_t kV2 = 0xefbe0002; // bytes 02 00 be ef
    static constexpr std::uint32_t kAtomic = 0x01010101;

    std::uint32_t version = kV1;
    bool atomic = false;
    bool atomicTxidDisplayOrder = false; // older SDKs wrote the subject txid unreversed
    QList<QByteArray> bumps;             // each BUMP's bytes, shape-checked
    QList<BeefEntry> entries;            // parents first; the subject is the last entry

    const Transaction& subject() const { return entries.constLast().tx; }
    // The same bytes that were parsed.
    QByteArray serialize() const;
    // The same structure with the subject replaced (and the Atomic BEEF txid updated).
    QByteArray serializeWithSubject(const Transaction& subject) const;
};

// True when the bytes start like BEEF or Atomic BEEF.
bool looksLikeBeef(QByteArrayView bytes);

// Strict: every length checked, varints minimal, no trailing bytes, no duplicate txids, bump
// indexes in range, the subject (the last entry) a full transaction, and for Atomic BEEF the
// declared txid equal to the subject's.
Checked<Beef> readBeef(QByteArrayView bytes);

} // namespace tokenpass::tx
