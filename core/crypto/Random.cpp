#include "crypto/Random.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#if defined(__linux__)
#include <sys/random.h>
#elif defined(__APPLE__)
#include <stdlib.h> // arc4random_buf
#else
#include <openssl/rand.h>
#endif

namespace tokenpass::crypto {

namespace {
[[noreturn]] void generatorFailed()
{
    // Random.h: continuing with weak randomness would be worse than stopping.
    std::fputs("TokenPass: the system random number generator failed\n", stderr);
    std::abort();
}

void fill(unsigned char* out, int size)
{
    if (size <= 0)
        return;
#if defined(__linux__)
    // Blocks only until the kernel's pool is first initialised at boot; after that never.
    for (int done = 0; done < size;) {
        const ssize_t got = ::getrandom(out + done, std::size_t(size - done), 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            generatorFailed();
        done += int(got);
    }
#elif defined(__APPLE__)
    ::arc4random_buf(out, std::size_t(size));
#else
    if (RAND_bytes(out, size) != 1)
        generatorFailed();
#endif
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
