// BRC-77 signature parsing and verification (signed messages from sites and other wallets).
// Input: flags(1) | verifier private key(32) | signature length(1) | signature | message.
// Invariant: a signature that verifies also parses, and names the signer parse() reports.

#include "FuzzSupport.h"
#include "crypto/Brc77.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tokenpass;
    fuzz::InputReader in(data, size);
    const std::uint8_t flags = in.byte();
    const crypto::PrivateKey verifier = fuzz::keyOrDefault(in.take(32));
    const QByteArrayView signature = in.takeLengthPrefixed();
    const QByteArrayView message = in.rest();

    const auto parsed = crypto::Brc77::parse(signature);
    const auto signer = (flags & 1) ? crypto::Brc77::verify(message, signature, verifier)
                                    : crypto::Brc77::verify(message, signature);
    if (signer) {
        if (!parsed)
            fuzz::fail("a BRC-77 signature verified but does not parse");
        if (parsed->signer != *signer)
            fuzz::fail("verify() and parse() disagree about the signer");
    }
    return 0;
}
