#pragma once

#include "tx/Beef.h"
#include "tx/Refusal.h"
#include "tx/Transaction.h"

#include <QByteArrayView>
#include <QList>
#include <QStringView>

#include <optional>

namespace tokenpass::tx {

namespace wire {
class Reader;
}

// What the caller says it sent (the request's "format"); Auto detects it from the magic bytes:
// EF has 0000000000ef at offset 4, BEEF starts 0100beef / 0200beef, Atomic BEEF 01010101.
enum class InputFormat
{
    Auto,
    Raw,
    Ef,
    Beef, // BEEF V1, V2 or Atomic BEEF
};
// "" → Auto, "raw", "ef", "beef" (case-sensitive, as API field values); anything else → nullopt.
std::optional<InputFormat> inputFormatFromName(QStringView name);

// What was actually parsed.
enum class Encoding
{
    Raw,
    Ef,
    BeefV1,
    BeefV2,
    AtomicBeef,
};
QString toString(Encoding encoding); // "raw", "ef", "beef-v1", "beef-v2", "atomic-beef"

// One entry of the request's sourceOutputs list: the caller's claim about an outpoint.
struct ClaimedSourceOutput
{
    Outpoint outpoint;
    std::uint64_t satoshis = 0;
    QByteArray lockingScript;
};

struct ParsedTransaction
{
    Encoding encoding = Encoding::Raw;
    Transaction tx;           // every input has its source set
    std::optional<Beef> beef; // for the BEEF encodings: the whole container

    // The bytes in the encoding they came in (the fuzz invariant: equal to the input).
    QByteArray reserialize() const;
    bool allAmountsVerified() const;
};

// The strict parser (TX.md §5.1 and §6). Refusals: MALFORMED_TX (bad hex, wrong marker,
// truncation, trailing bytes, non-minimal varints, no inputs or outputs, duplicate outpoints),
// MISSING_SOURCE_OUTPUT (an input whose amount and script are unknown, an EF that stops where
// the source output should be, a claim naming no input, a BEEF whose parent does not match),
// AMOUNT_MISMATCH (a claim that contradicts the EF fields or a BEEF parent).
// Claims may be given with any encoding; they fill inputs that have no source and must agree with
// the ones that have.
Checked<ParsedTransaction> parse(QByteArrayView bytes, InputFormat format,
                                 const QList<ClaimedSourceOutput>& claims = {});
Checked<ParsedTransaction> parseHex(QStringView hex, InputFormat format,
                                    const QList<ClaimedSourceOutput>& claims = {});

namespace detail {
// One transaction from the reader, raw or EF (after the EF marker has been checked by the caller
// when `ef`). Checks the structure of this one transaction; not the values.
std::optional<Refusal> readTransaction(wire::Reader& reader, bool ef, Transaction& out);
Refusal malformed(const QString& why);
Refusal readerFailure(const wire::Reader& reader);
} // namespace detail

} // namespace tokenpass::tx
