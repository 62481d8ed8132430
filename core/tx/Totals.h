#pragma once

#include "tx/OutputDecoder.h"
#include "tx/Safety.h"

#include <QList>
#include <QString>

#include <cstdint>

namespace tokenpass::tx {

// The numbers the person approves (TX.md §5.6). Amounts are in satoshis. Values were range-checked
// by checkSafety, so the signed ones fit easily.
struct Totals
{
    std::uint64_t totalIn = 0;
    std::uint64_t totalOut = 0;
    std::int64_t fee = 0;            // totalIn - totalOut; negative only for ANYONECANPAY-only plans
    std::uint64_t walletIn = 0;      // the inputs the wallet signs
    std::uint64_t walletChange = 0;  // outputs back to owned keys (change)
    std::int64_t walletNetSpend = 0; // "You spend": walletIn - walletChange
    qsizetype estimatedSize = 0;     // bytes once signed
    double feeRateSatPerKb = 0;      // fee per 1000 bytes of estimatedSize

    // "Unverified" markers: amounts that are the caller's claim (EF or sourceOutputs), not proven
    // by a BEEF parent.
    bool feeVerified = false;   // every input's amount came from BEEF
    bool spendVerified = false; // every signed input's amount came from BEEF

    struct OtherInput
    {
        qsizetype inputIndex = 0;
        std::uint64_t satoshis = 0; // claimed
        bool verified = false;
    };
    QList<OtherInput> otherInputs; // inputs the wallet does not sign, with their claimed amounts
};

Totals totals(const SigningPlan& plan, const QList<DecodedOutput>& outputs);

// nLockTime in words (TX.md §5.7).
struct LockTimeInfo
{
    enum class Kind
    {
        None,        // 0
        BlockHeight, // < 500,000,000
        UnixTime,
    };
    Kind kind = Kind::None;
    std::uint32_t value = 0;
    bool enforced = false; // only when some input's sequence is not final
    QString words;
};
LockTimeInfo describeLockTime(const Transaction& tx);

// One input's nSequence in words: "final", "not final: lets the lock time apply", and under
// version 2 its BIP-68 relative-lock reading.
QString describeSequence(std::uint32_t sequence, std::uint32_t version);

// A signature type in plain words for the dialog, e.g. "others may add inputs".
QString describeSighash(std::uint32_t flag, qsizetype inputIndex, qsizetype outputCount);

} // namespace tokenpass::tx
