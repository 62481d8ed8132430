#include "crypto/StackScrub.h"

#include <QtGlobal>

#include <openssl/crypto.h>

namespace tokenpass::crypto {

namespace {
// Not inlined, so its frame (and the area) lies below the caller's frame, where the callees ran.
Q_NEVER_INLINE void wipeStackBelow()
{
    volatile unsigned char area[StackScrub::kBytes];
    OPENSSL_cleanse(const_cast<unsigned char*>(area), sizeof area);
}
} // namespace

StackScrub::~StackScrub()
{
    wipeStackBelow();
}

} // namespace tokenpass::crypto
