#include "platform/MemoryRelease.h"

#include <malloc.h> // also defines __GLIBC__ (through <features.h>) where it applies

namespace tokenpass::platform {

void releaseFreeMemory()
{
#ifdef __GLIBC__
    // Every arena, not only the main one; whole free pages inside the heap are returned as well.
    ::malloc_trim(0);
#endif
}

} // namespace tokenpass::platform
