#pragma once

#include "crypto/SecureBytes.h"

#include <QByteArray>

namespace tokenpass::crypto {

// Cryptographically secure random bytes from OpenSSL's RAND_bytes. Aborts the process if the
// RNG fails: continuing with weak randomness would be worse than stopping.
SecureBytes randomSecret(int size);
QByteArray randomBytes(int size); // for non-secret values: IVs, salts, nonces, key IDs

} // namespace tokenpass::crypto
