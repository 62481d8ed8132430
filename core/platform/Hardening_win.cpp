#include "platform/Hardening.h"

namespace tokenpass::platform {

HardeningReport hardenProcess()
{
    // Windows writes no core files by default, and only the same user (or an administrator) can
    // open the process for reading; there is no per-process switch equivalent to PR_SET_DUMPABLE.
    HardeningReport report;
    report.coreDumpsDisabled = true;
    // details stays empty: nothing failed, there is simply nothing to switch off.
    return report;
}

} // namespace tokenpass::platform
