#pragma once

#include <functional>

namespace tokenpass::fs {

// The steps of a safe write (fs/AtomicFile), in the order they happen.
enum class FileStep
{
    CreateTemporary,
    Write, // each write call: a large file takes several
    Sync,
    Close,
    ReadBack, // reading the temporary file (and the file it replaces) back
    Link,     // keeping the replaced file as <name>.bak
    Replace,  // each rename
    SyncFolder,
};

enum class Fault
{
    None,
    NoSpace,    // the step fails with ENOSPC
    IoError,    // the step fails with EIO
    ShortWrite, // (Write only) the call writes less than asked, as the OS may
};

// A seam for tests: a hook asked before every step of every safe write in the process, which
// can make that step fail. Production code never installs one; with none installed a step costs
// one atomic load.
class FaultInjection
{
public:
    using Hook = std::function<Fault(FileStep)>;
    static void install(Hook hook);
    static void clear();
    static Fault before(FileStep step);
};

} // namespace tokenpass::fs
