#pragma once

#include "crypto/SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace tokenpass::crypto {

// AES-GCM with any IV length (BRC-78 uses 32 bytes, backup.bep 12), no AAD, 16-byte tag.
// encrypt returns ciphertext || tag; decrypt expects the same and checks the tag.
QByteArray aesGcmEncrypt(const SecureBytes& key, QByteArrayView iv, QByteArrayView plaintext);
std::optional<SecureBytes> aesGcmDecrypt(const SecureBytes& key, QByteArrayView iv,
                                         QByteArrayView ciphertextAndTag);

// AES-CBC with PKCS#7 padding. The key is 16 bytes (AES-128, BIE1) or 32 bytes (AES-256, legacy).
QByteArray aesCbcEncrypt(const SecureBytes& key, QByteArrayView iv, QByteArrayView plaintext);
std::optional<SecureBytes> aesCbcDecrypt(const SecureBytes& key, QByteArrayView iv,
                                         QByteArrayView ciphertext);

} // namespace tokenpass::crypto
