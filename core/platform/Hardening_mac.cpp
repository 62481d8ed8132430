#include "platform/Hardening.h"

#include <QStringList>

#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/types.h>

#include <cerrno>
#include <cstring>

namespace tokenpass::platform {

HardeningReport hardenProcess()
{
    HardeningReport report;
    QStringList problems;

    const rlimit noCore{0, 0};
    if (setrlimit(RLIMIT_CORE, &noCore) == 0)
        report.coreDumpsDisabled = true;
    else
        problems
            << QStringLiteral("setrlimit(RLIMIT_CORE): %1").arg(QString::fromLocal8Bit(std::strerror(errno)));

    // PT_DENY_ATTACH makes any later ptrace attach (lldb, dtrace) fail, and kills the process
    // if it is already being traced; release builds want exactly that.
    if (ptrace(PT_DENY_ATTACH, 0, nullptr, 0) == 0)
        report.attachDenied = true;
    else
        problems
            << QStringLiteral("ptrace(PT_DENY_ATTACH): %1").arg(QString::fromLocal8Bit(std::strerror(errno)));

    report.details = problems.join(QStringLiteral("; "));
    return report;
}

} // namespace tokenpass::platform
