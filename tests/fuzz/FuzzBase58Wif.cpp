// Base58, Base58Check and WIF decoding (keys typed or pasted by the person, legacy files).
// Invariants: a decoded string encodes back to itself; a decoded WIF re-encodes to the same text.

#include "FuzzSupport.h"
#include "crypto/Encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tokenpass;
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));

    if (const auto raw = crypto::base58Decode(text)) {
        if (crypto::base58Encode(*raw) != text)
            fuzz::fail("base58Encode(base58Decode(s)) != s");
    }
    if (const auto payload = crypto::base58CheckDecode(text)) {
        if (crypto::base58CheckEncode(*payload) != text)
            fuzz::fail("base58CheckEncode(base58CheckDecode(s)) != s");
    }
    if (auto key = crypto::wifDecode(text)) {
        const bool testnet = crypto::base58CheckDecode(text)->at(0) != char(0x80);
        const auto network = testnet ? crypto::Network::Testnet : crypto::Network::Mainnet;
        if (crypto::wifEncode(*key, network) != text)
            fuzz::fail("wifEncode(wifDecode(s)) != s");
        if (!crypto::PrivateKey::fromWif(text))
            fuzz::fail("wifDecode accepted what PrivateKey::fromWif refuses");
    }
    return 0;
}
