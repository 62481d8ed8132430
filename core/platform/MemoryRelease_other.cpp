#include "platform/MemoryRelease.h"

namespace tokenpass::platform {

void releaseFreeMemory()
{
    // The system allocators of macOS and Windows return free memory on their own.
}

} // namespace tokenpass::platform
