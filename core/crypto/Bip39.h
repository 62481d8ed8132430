#pragma once

#include "Result.h"
#include "crypto/SecureBytes.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace tokenpass::crypto {

// BIP39 mnemonics with the standard English wordlist (CRYPTO.md §8, API.md §4.1 items 1-2).
// Mnemonics, entropy and seeds are secrets, so they travel as SecureBytes; a mnemonic is the
// UTF-8 text of the words joined by single spaces.
class Bip39
{
public:
    static constexpr int kSeedBytes = 64;
    static constexpr int kPbkdf2Iterations = 2048;

    // The 2048 English words (resource :/tokenpass/bip39-english.txt). Empty only if the
    // resource is missing from the build, in which case every function below fails cleanly.
    static const QStringList& englishWordlist();

    // A fresh mnemonic from RAND_bytes entropy. entropyBits is 128, 160, 192, 224 or 256.
    static Result<SecureBytes> generateMnemonic(int entropyBits = 128);

    // Entropy (16, 20, 24, 28 or 32 bytes) to words: checksum = first ENT/32 bits of SHA-256.
    static Result<SecureBytes> entropyToMnemonic(QByteArrayView entropy);

    // Words to entropy with full validation. The words must be separated by single spaces (the
    // form entropyToMnemonic produces); use normalizeInput() on text a person typed.
    // Errors: bad word count, unknown word (by position, never echoing the word), bad checksum.
    static Result<SecureBytes> mnemonicToEntropy(QByteArrayView mnemonicUtf8);

    // True when mnemonicToEntropy would succeed.
    static bool isValid(QByteArrayView mnemonicUtf8);

    // Seed = PBKDF2-HMAC-SHA512(NFKD(mnemonic), "mnemonic" + NFKD(passphrase), 2048, 64).
    // Like @bsv/sdk Mnemonic.toSeed, the checksum is validated first.
    static Result<SecureBytes> mnemonicToSeed(QByteArrayView mnemonicUtf8,
                                              QByteArrayView passphraseUtf8 = {});

    // The same derivation without validation, for importing seeds that were made from phrases
    // that are not standard English BIP39 (the reference bip39 package allows that too).
    static SecureBytes mnemonicToSeedUnchecked(QByteArrayView mnemonicUtf8,
                                               QByteArrayView passphraseUtf8 = {});

    // Canonical form of typed input: NFKD, lower case, words separated by single spaces.
    static SecureBytes normalizeInput(QStringView typed);
};

} // namespace tokenpass::crypto
