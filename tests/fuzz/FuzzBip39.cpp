// BIP39 mnemonic parsing (the restore page, /api/register with a mnemonic, backup payloads).
// Invariants: valid words give entropy that gives the same normalized words back.

#include "FuzzSupport.h"
#include "crypto/Bip39.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tokenpass;
    const QByteArrayView input(reinterpret_cast<const char*>(data), qsizetype(size));

    // What the restore field does with typed text (case, spacing, Unicode normalization).
    const crypto::SecureBytes typed = crypto::Bip39::normalizeInput(QString::fromUtf8(input));
    for (const QByteArrayView words : {input, typed.view()}) {
        const bool valid = crypto::Bip39::isValid(words);
        auto entropy = crypto::Bip39::mnemonicToEntropy(words);
        if (valid != bool(entropy))
            fuzz::fail("isValid disagrees with mnemonicToEntropy");
        if (!entropy)
            continue;
        auto again = crypto::Bip39::entropyToMnemonic(entropy->view());
        if (!again)
            fuzz::fail("entropyToMnemonic refused entropy mnemonicToEntropy produced");
        auto entropy2 = crypto::Bip39::mnemonicToEntropy(again->view());
        if (!entropy2 || entropy2->view() != entropy->view())
            fuzz::fail("mnemonic -> entropy -> mnemonic -> entropy is not stable");
        if (words.size() < 400) { // PBKDF2 (2048 rounds) only for plausible phrases
            auto seed = crypto::Bip39::mnemonicToSeed(words, "TREZOR");
            if (!seed || seed->size() != std::size_t(crypto::Bip39::kSeedBytes))
                fuzz::fail("a valid mnemonic gave no 64-byte seed");
        }
    }
    return 0;
}
