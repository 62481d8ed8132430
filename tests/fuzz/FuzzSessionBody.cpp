// BRC-78 session bodies: {"ciphertext":hex} sent to the per-process session key (API.md §1.5),
// decrypted by the Router before any handler sees the request.
// Input: recipient private key(32) | ciphertext. Invariant: what decrypts names a sender.

#include "FuzzSupport.h"
#include "crypto/Brc78.h"

#include <QJsonDocument>
#include <QJsonParseError>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tokenpass;
    fuzz::InputReader in(data, size);
    const crypto::PrivateKey recipient = fuzz::keyOrDefault(in.take(32));
    const QByteArrayView ciphertext = in.rest();

    const auto sender = crypto::Brc78::sender(ciphertext);
    auto plain = crypto::Brc78::decrypt(ciphertext, recipient);
    if (!plain)
        return 0;
    if (!sender)
        fuzz::fail("BRC-78 decrypted a message whose sender cannot be read");
    // What the Router does next with the plaintext.
    QJsonParseError error;
    (void)QJsonDocument::fromJson(
        QByteArray::fromRawData(reinterpret_cast<const char*>(plain->data()), qsizetype(plain->size())),
        &error);
    return 0;
}
