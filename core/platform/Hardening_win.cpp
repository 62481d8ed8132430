#include "platform/Hardening.h"

namespace tokenpass::platform {

HardeningReport hardenProcess()
{
    // Windows writes no core files by default, and only the same user (or an administrator) can
    // open the process for reading; there is no per-process switch equivalent to PR_SET_DUMPABLE.
    HardeningReport report;
    report.coreDumpsDisabled = true;
    report.details = QStringLiteral("debugger attach is not blocked on Windows");
    return report;
}

} // namespace tokenpass::platform
