#pragma once

#include <secp256k1.h>

namespace tokenpass::crypto::detail {

// The one process-wide libsecp256k1 context. It is created and randomized (blinding, with
// RAND_bytes) on first use, thread-safely; afterwards it is only used as const, which
// libsecp256k1 allows from any number of threads at once.
const secp256k1_context* secp256k1Context();

} // namespace tokenpass::crypto::detail
