#pragma once

#include <QString>

namespace tokenpass::platform {

// What hardenProcess() managed to do, so startup can log a failure instead of silently running
// with core dumps or debugger attach still possible.
struct HardeningReport
{
    bool coreDumpsDisabled = false; // no core file can be written (RLIMIT_CORE 0 / not dumpable)
    bool attachDenied = false;      // another process of the same user cannot ptrace us
    QString details;                // why a step failed, empty when everything worked
};

// DESIGN.md security rule 4: keys and passwords live in this process's memory, so a core file or
// a debugger attached by another process of the same user must not be able to read them.
// Call it first thing in main(), before any secret is loaded. Linux: prctl(PR_SET_DUMPABLE, 0)
// and RLIMIT_CORE 0. macOS: ptrace(PT_DENY_ATTACH) and RLIMIT_CORE 0. Windows: nothing yet
// (no core files; the Credential Manager and user-only DACLs are the defence there).
HardeningReport hardenProcess();

} // namespace tokenpass::platform
