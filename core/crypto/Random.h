#pragma once

#include "crypto/SecureBytes.h"

#include <QByteArray>

namespace tokenpass::crypto {

// Cryptographically secure random bytes from the operating system's generator (getrandom on
// Linux, arc4random_buf on macOS; OpenSSL's RAND_bytes elsewhere). Not OpenSSL's DRBG on Linux
// and macOS: its first use loads OpenSSL's default provider, about 2 MB of memory, and the
// server's start-up needs nothing else from OpenSSL (issue 19, lean headless). Aborts the process
// if the generator fails: continuing with weak randomness would be worse than stopping.
SecureBytes randomSecret(int size);
QByteArray randomBytes(int size); // for non-secret values: IVs, salts, nonces, key IDs

} // namespace tokenpass::crypto
