#pragma once

#include <QByteArray>
#include <QHashFunctions>
#include <QList>
#include <QString>
#include <QStringView>

#include <cstdint>
#include <optional>

namespace tokenpass::tx {

// MAX_MONEY: 21 million BSV in satoshis (TX.md §5.2).
inline constexpr std::uint64_t kMaxMoney = 2'100'000'000'000'000ULL;
inline constexpr std::uint32_t kSequenceFinal = 0xffffffffU;

// A transaction output being spent: its txid as serialised (32 bytes, little-endian, the reverse
// of what explorers show) and its index.
struct Outpoint
{
    QByteArray txid; // 32 bytes, wire order
    std::uint32_t vout = 0;

    // From the txid as explorers and JSON show it (64 hex digits, display order).
    static std::optional<Outpoint> fromDisplayHex(QStringView txidHex, std::uint32_t vout);
    QString txidHex() const; // display order (byte-reversed), lowercase
    bool operator==(const Outpoint&) const = default;
};
size_t qHash(const Outpoint& o, size_t seed = 0) noexcept;

// Where an input's source amount and locking script came from. Only Beef is verified: the parent
// was hashed and matched the outpoint. The others are the caller's claim.
enum class SourceOrigin
{
    Ef,     // the EF fields of the input
    Beef,   // a parent transaction inside the BEEF
    Caller, // the request's sourceOutputs list (raw transactions)
};

struct SourceOutput
{
    std::uint64_t satoshis = 0;
    QByteArray lockingScript;
    SourceOrigin origin = SourceOrigin::Caller;

    bool verified() const { return origin == SourceOrigin::Beef; }
};

struct TxInput
{
    Outpoint prevout;
    QByteArray unlockingScript;
    std::uint32_t sequence = kSequenceFinal;
    std::optional<SourceOutput> source; // always set once parse() has accepted the transaction
};

struct TxOutput
{
    std::uint64_t satoshis = 0;
    QByteArray lockingScript;
};

struct Transaction
{
    std::uint32_t version = 1;
    QList<TxInput> inputs;
    QList<TxOutput> outputs;
    std::uint32_t lockTime = 0;

    QByteArray toRaw() const;
    // BRC-30: version ‖ 0000000000EF ‖ inputs each followed by u64 satoshis ‖ varint script ‖
    // outputs ‖ locktime. Inputs without a source are written with 0 and an empty script.
    QByteArray toEf() const;
    QByteArray hash() const; // SHA256d(raw), wire order
    QString txid() const;    // display order, lowercase hex
};

} // namespace tokenpass::tx
