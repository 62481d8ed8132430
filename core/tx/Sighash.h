#pragma once

#include "tx/Transaction.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace tokenpass::tx {

// Sighash flag bits (TX.md §3).
namespace sighash {
inline constexpr std::uint32_t kAll = 0x01;
inline constexpr std::uint32_t kNone = 0x02;
inline constexpr std::uint32_t kSingle = 0x03;
inline constexpr std::uint32_t kChronicle = 0x20; // CHRONICLE or RELAX: sources disagree, refused
inline constexpr std::uint32_t kForkId = 0x40;
inline constexpr std::uint32_t kAnyoneCanPay = 0x80;
inline constexpr std::uint32_t kDefault = kAll | kForkId; // 0x41

inline std::uint32_t baseType(std::uint32_t flag)
{
    return flag & 0x1f;
}
inline bool anyoneCanPay(std::uint32_t flag)
{
    return (flag & kAnyoneCanPay) != 0;
}
// Only the six FORKID flags 0x41/42/43/c1/c2/c3 are defined for this signer.
bool isSupported(std::uint32_t flag);
// "ALL|FORKID", "SINGLE|FORKID|ANYONECANPAY", as the vectors name them.
QString name(std::uint32_t flag);
} // namespace sighash

// The BIP-143 / FORKID preimage and digest for every input of one transaction. hashPrevouts,
// hashSequence and hashOutputs are computed once, here, so signing n inputs costs O(size), not
// O(n·size). The transaction must outlive the cache, and every input must have its source.
class SighashCache
{
public:
    explicit SighashCache(const Transaction& tx);

    // The preimage for input n under `flag` (a supported flag; see sighash::isSupported). The
    // scriptCode is the input's full source locking script.
    QByteArray preimage(qsizetype inputIndex, std::uint32_t flag) const;
    // SHA256(SHA256(preimage)): the 32 bytes handed to secp256k1_ecdsa_sign.
    QByteArray digest(qsizetype inputIndex, std::uint32_t flag) const;

private:
    const Transaction& m_tx;
    QByteArray m_hashPrevouts;
    QByteArray m_hashSequence;
    QByteArray m_hashOutputs;
};

} // namespace tokenpass::tx
