#pragma once

#include "Result.h"
#include "crypto/Keys.h"
#include "crypto/SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>

namespace tokenpass::crypto {

// Electrum ECIES, "BIE1" (CRYPTO.md §3.1), byte-identical to @bsv/sdk ECIES.electrumEncrypt and
// bsv 2.x Ecies:
//   S = compressed(r · toPub);  iv || kE || kM = SHA512(S)  (16 | 16 | 32)
//   out = "BIE1" || compressed(r·G) || AES-128-CBC(kE, iv, msg) || HMAC-SHA256(kM, everything before)
// Bitcore ECIES (§3.2) is not used by TokenPass and is not implemented.
class Ecies
{
public:
    // A fresh random ephemeral key r: what the TokenPass server does (§3.3).
    static Result<QByteArray> electrumEncrypt(QByteArrayView message, const PublicKey& recipient);
    // A caller-chosen r (bsv-bap's deterministic identity encryption, and tests). R is always
    // embedded: the SDK's noKey form cannot always be decrypted by the SDK itself (§3.1, §12.5).
    static Result<QByteArray> electrumEncrypt(QByteArrayView message, const PublicKey& recipient,
                                              const PrivateKey& ephemeral);

    // Decrypts with the embedded ephemeral key. Errors: "Invalid Magic", "Invalid checksum",
    // "invalid padding", or a length/key error for malformed input.
    static Result<SecureBytes> electrumDecrypt(QByteArrayView data, const PrivateKey& recipient);
    // Uses `counterparty` for the ECDH instead of the embedded key, as bsv 2.x does: the sender can
    // decrypt its own message with (r, recipientPub), and noKey ciphertexts decrypt. Whether R is
    // embedded is decided by the length (33 ≡ 1 mod 16), not by sniffing the first byte as the SDK
    // does, so a noKey ciphertext whose first AES byte is 02/03/04 still decrypts.
    static Result<SecureBytes> electrumDecrypt(QByteArrayView data, const PrivateKey& recipient,
                                               const PublicKey& counterparty);

private:
    static Result<SecureBytes> decrypt(QByteArrayView data, const PrivateKey& recipient,
                                       const PublicKey* counterparty);
};

} // namespace tokenpass::crypto
