#pragma once

#include "tx/OwnedKeys.h"
#include "tx/Parser.h"
#include "tx/Refusal.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>

namespace tokenpass::tx {

// The caller's choices from the request body (TX.md §2.3), as numbers the route has read from
// JSON. Kept wide so that out-of-range values reach the checks instead of being cut.
struct SignRequest
{
    struct Flag
    {
        qint64 inputIndex = 0;
        qint64 flag = 0;
    };
    QList<Flag> sighash;                 // "sighash": {"2": 195}; unnamed signable inputs get 0x41
    std::optional<QList<qint64>> inputs; // "inputs": sign only these
};

// The wallet's rules. Defaults follow TX.md §5.
struct Policy
{
    // Refuse a fee above this. Unset: the larger of 0.001 BSV and 10 sat per byte of the signed
    // size (1000 sat/kB × 10). kMaxMoney turns the cap off.
    std::optional<std::uint64_t> feeCapSatoshis;
    // NONE, or SINGLE without a matching output, commit to no output: anyone could redirect the
    // coins. Only after an explicit advanced confirmation.
    bool allowNoOutputCommitment = false;
    // Without BEEF, the amount signed for an outpoint before (the route's 90-day memory). A
    // different claim now is AMOUNT_MISMATCH.
    std::function<std::optional<std::uint64_t>(const Outpoint&)> rememberedAmount;

    static std::uint64_t defaultFeeCap(qsizetype signedSizeBytes);
};

struct PlannedInput
{
    qsizetype inputIndex = 0;
    std::uint32_t sighash = 0x41;
    OwnedKey key; // the key that signs it
};

struct UntouchedInput
{
    qsizetype inputIndex = 0;
    QString reason; // "not a P2PKH to a wallet key", ...
};

// What will be signed, decided before the dialog opens. It holds the parsed transaction itself,
// so what is signed after approval is exactly what was shown (TX.md §5.9).
struct SigningPlan
{
    ParsedTransaction parsed;
    QList<PlannedInput> sign;        // ascending input index
    QList<UntouchedInput> untouched; // every other input, ascending
    qsizetype estimatedSignedSize = 0;
    std::uint64_t feeCapSatoshis = 0; // the cap that was applied

    const Transaction& tx() const { return parsed.tx; }
    const PlannedInput* planned(qsizetype inputIndex) const;
};

// The safety rules of TX.md §4 and §5, in order: values (VALUE_OUT_OF_RANGE), remembered amounts
// (AMOUNT_MISMATCH), requested inputs and flags (INPUT_NOT_OWNED, BAD_SIGHASH), something to sign
// (NO_SIGNABLE_INPUT), then the fee (NEGATIVE_FEE unless every signed input is ANYONECANPAY, so
// that others are expected to add inputs; FEE_TOO_HIGH).
Checked<SigningPlan> checkSafety(ParsedTransaction parsed, const OwnedKeys& keys, const SignRequest& request,
                                 const Policy& policy = {});

// Signed size when every planned input gets a 107-byte P2PKH unlocking script (the largest a
// low-S signature makes).
qsizetype estimateSignedSize(const Transaction& tx, const QList<PlannedInput>& sign);

} // namespace tokenpass::tx
