#pragma once

#include "crypto/SecureBytes.h"

#include <QByteArrayView>

namespace tokenpass::crypto {

// HKDF-SHA256 (RFC 5869), extract and expand, through OpenSSL 3's EVP_KDF. `length` ≤ 255 × 32.
// Empty on an OpenSSL failure (never expected).
SecureBytes hkdfSha256(QByteArrayView ikm, QByteArrayView salt, QByteArrayView info, int length);

} // namespace tokenpass::crypto
