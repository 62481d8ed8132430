#include "platform/Hardening.h"

#include <QStringList>

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>

namespace tokenpass::platform {

HardeningReport hardenProcess()
{
    HardeningReport report;
    QStringList problems;

    // RLIMIT_CORE 0 stops the kernel writing a core file even when a core pattern pipes to a
    // handler (systemd-coredump honours the limit for the process itself).
    const rlimit noCore{0, 0};
    if (setrlimit(RLIMIT_CORE, &noCore) == 0)
        report.coreDumpsDisabled = true;
    else
        problems
            << QStringLiteral("setrlimit(RLIMIT_CORE): %1").arg(QString::fromLocal8Bit(std::strerror(errno)));

    // Not dumpable: no core file, /proc/<pid>/mem and ptrace attach are closed to other processes
    // of the same user (only root, CAP_SYS_PTRACE, can still attach).
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 && prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0) {
        report.attachDenied = true;
    } else {
        report.coreDumpsDisabled = false;
        problems
            << QStringLiteral("prctl(PR_SET_DUMPABLE): %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
    }

    report.details = problems.join(QStringLiteral("; "));
    return report;
}

} // namespace tokenpass::platform
