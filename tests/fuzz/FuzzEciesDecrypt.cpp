// BIE1 (Electrum ECIES) decryption, as /api/decrypt runs it on a site's ciphertext.
// Input: flags(1) | recipient private key(32) | counterparty public key(33) | ciphertext.
// Invariant: what decrypts re-encrypts (to the same recipient) and decrypts to the same bytes.

#include "FuzzSupport.h"
#include "crypto/Ecies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tokenpass;
    fuzz::InputReader in(data, size);
    const std::uint8_t flags = in.byte();
    const crypto::PrivateKey recipient = fuzz::keyOrDefault(in.take(32));
    const QByteArrayView counterpartyBytes = in.take(33);
    const QByteArrayView ciphertext = in.rest();

    auto plain = crypto::Ecies::electrumDecrypt(ciphertext, recipient);
    if (flags & 1) {
        if (auto counterparty = crypto::PublicKey::fromBytes(counterpartyBytes))
            (void)crypto::Ecies::electrumDecrypt(ciphertext, recipient, *counterparty);
    }
    if (plain) {
        auto again = crypto::Ecies::electrumEncrypt(plain->view(), recipient.publicKey());
        if (!again)
            fuzz::fail("decrypted bytes cannot be encrypted again");
        auto back = crypto::Ecies::electrumDecrypt(*again, recipient);
        if (!back || back->view() != plain->view())
            fuzz::fail("ECIES round trip changed the plaintext");
    }
    return 0;
}
