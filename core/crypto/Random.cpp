#include "crypto/Random.h"

#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>

namespace tokenpass::crypto {

namespace {
void fill(unsigned char* out, int size)
{
    if (size <= 0)
        return;
    // Random.h: continuing with weak randomness would be worse than stopping.
    if (RAND_bytes(out, size) != 1) {
        std::fputs("TokenPass: the system random number generator failed\n", stderr);
        std::abort();
    }
}
} // namespace

SecureBytes randomSecret(int size)
{
    SecureBytes out(std::size_t(size > 0 ? size : 0));
    fill(out.data(), size);
    return out;
}

QByteArray randomBytes(int size)
{
    QByteArray out(size > 0 ? size : 0, '\0');
    fill(reinterpret_cast<unsigned char*>(out.data()), size);
    return out;
}

} // namespace tokenpass::crypto
