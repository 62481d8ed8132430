#pragma once

#include "crypto/SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace tokenpass::crypto {

// Digests of public data are ordinary QByteArrays; anything that is key material comes back
// as SecureBytes.
QByteArray sha256(QByteArrayView data);
QByteArray sha256d(QByteArrayView data); // SHA256(SHA256(data))
QByteArray sha512(QByteArrayView data);
QByteArray ripemd160(QByteArrayView data);
QByteArray hash160(QByteArrayView data); // RIPEMD160(SHA256(data))

// The same digests when the result is key material (ECIES keys from SHA512(S), the legacy
// SHA256(password) key, CRYPTO.md §3.1 and §10.9).
SecureBytes sha256Secure(QByteArrayView data);
SecureBytes sha512Secure(QByteArrayView data);

// Lowercase hex of SHA-256 of the UTF-8 bytes (CRYPTO.md §10.5 "sha256hex").
QString sha256Hex(QByteArrayView data);

SecureBytes hmacSha256(QByteArrayView key, QByteArrayView data);
SecureBytes hmacSha512(QByteArrayView key, QByteArrayView data);

SecureBytes pbkdf2Sha256(QByteArrayView password, QByteArrayView salt, int iterations, int keyLength);
// The salt is only streamed into HMAC, never copied: BIP39 puts the passphrase in it.
SecureBytes pbkdf2Sha512(QByteArrayView password, QByteArrayView salt, int iterations, int keyLength);

} // namespace tokenpass::crypto
