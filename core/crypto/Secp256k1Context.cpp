#include "crypto/Secp256k1Context.h"

#include "crypto/Random.h"

#include <cstdio>
#include <cstdlib>

namespace tokenpass::crypto::detail {

namespace {
secp256k1_context* createContext()
{
    secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    if (!ctx)
        std::abort();
    // Side-channel blinding for signing and public-key generation. A failed RNG here is as fatal
    // as anywhere else (Random.h).
    const SecureBytes seed = randomSecret(32); // wiped when it goes
    if (secp256k1_context_randomize(ctx, seed.data()) != 1) {
        std::fputs("TokenPass: cannot randomize the secp256k1 context\n", stderr);
        std::abort();
    }
    return ctx;
}
} // namespace

const secp256k1_context* secp256k1Context()
{
    // A function-local static is initialised exactly once, even with concurrent first calls. It
    // is deliberately never destroyed, so it outlives any static that might still sign at exit.
    static const secp256k1_context* const ctx = createContext();
    return ctx;
}

} // namespace tokenpass::crypto::detail
