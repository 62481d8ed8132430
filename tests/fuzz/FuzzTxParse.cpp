// The transaction parser (POST /api/sign/transaction: raw, EF, BEEF V1/V2, Atomic BEEF) and what
// runs on whatever it accepts: the safety rules, the output decoder, the totals and the sighash.
// Input: one byte choosing the declared format (auto, raw, ef, beef), then the transaction bytes.
// Invariants: nothing crashes; accepted bytes re-serialise to exactly themselves; every accepted
// input has its source output; a refusal always has a code and a sentence.

#include "FuzzSupport.h"
#include "tx/OutputDecoder.h"
#include "tx/Parser.h"
#include "tx/Safety.h"
#include "tx/Sighash.h"
#include "tx/Totals.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tokenpass;
    if (size == 0)
        return 0;
    static const tx::InputFormat kFormats[] = {tx::InputFormat::Auto, tx::InputFormat::Raw,
                                               tx::InputFormat::Ef, tx::InputFormat::Beef};
    const tx::InputFormat format = kFormats[data[0] % 4];
    const QByteArrayView bytes(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));

    auto parsed = tx::parse(bytes, format);
    if (!parsed) {
        if (tx::toString(parsed.refusal().code).isEmpty() || parsed.refusal().sentence.isEmpty())
            fuzz::fail("a refusal without a code or a sentence");
        return 0;
    }
    if (parsed->reserialize() != bytes)
        fuzz::fail("accepted bytes do not re-serialise to themselves");
    for (const tx::TxInput& in : parsed->tx.inputs) {
        if (!in.source)
            fuzz::fail("an accepted input has no source output");
    }

    static const tx::OwnedKeys owned({fuzz::recipientKey().publicKey()});
    const QList<tx::DecodedOutput> outputs = tx::decodeOutputs(parsed->tx, owned);
    (void)tx::describeLockTime(parsed->tx);
    const tx::SighashCache cache(parsed->tx);
    const qsizetype n = std::min<qsizetype>(parsed->tx.inputs.size(), 4);
    for (qsizetype i = 0; i < n; ++i) {
        (void)tx::describeSequence(parsed->tx.inputs[i].sequence, parsed->tx.version);
        for (const std::uint32_t flag : {0x41u, 0x42u, 0xc3u}) {
            if (cache.digest(i, flag).size() != 32)
                fuzz::fail("a sighash digest is not 32 bytes");
        }
    }
    tx::Policy policy;
    policy.allowNoOutputCommitment = true;
    auto plan = tx::checkSafety(std::move(parsed).value(), owned, {}, policy);
    if (plan)
        (void)tx::totals(*plan, outputs);
    return 0;
}
