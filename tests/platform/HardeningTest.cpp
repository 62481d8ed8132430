// hardenProcess() runs in a forked child: a non-dumpable test process would change how the rest
// of the suite can be debugged, and the child's exit code carries the result back.
#include "platform/Hardening.h"

#include <gtest/gtest.h>

#include <QtGlobal>

#if defined(Q_OS_LINUX)
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <csignal>
#include <unistd.h>
#endif

namespace {

#if defined(Q_OS_LINUX)
enum ChildResult : int
{
    Passed = 0,
    ReportSaysNoCoreLimit = 10,
    ReportSaysAttachAllowed = 11,
    StillDumpable = 12,
    CoreLimitNotZero = 13,
};

int hardenAndInspect()
{
    const auto report = tokenpass::platform::hardenProcess();
    if (!report.coreDumpsDisabled)
        return ReportSaysNoCoreLimit;
    if (!report.attachDenied)
        return ReportSaysAttachAllowed;
    // Ask the kernel, not the report: the report could lie.
    if (prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0)
        return StillDumpable;
    rlimit limit{};
    if (getrlimit(RLIMIT_CORE, &limit) != 0 || limit.rlim_cur != 0 || limit.rlim_max != 0)
        return CoreLimitNotZero;
    return Passed;
}
#endif

} // namespace

TEST(Hardening, ChildBecomesUndumpableWithNoCoreLimit)
{
#if defined(Q_OS_LINUX)
    ASSERT_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1) << "the test process should start dumpable";
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0)
        _exit(hardenAndInspect());
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), Passed)
        << "10: report says core dumps on, 11: report says attach allowed, 12: still dumpable, "
           "13: RLIMIT_CORE not 0";
    // The parent is untouched.
    EXPECT_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
#else
    GTEST_SKIP() << "the kernel-level check is Linux-only; macOS and Windows only build this";
#endif
}

TEST(Hardening, ChildProcFilesBecomeRootOwned)
{
#if defined(Q_OS_LINUX)
    // A non-dumpable process's /proc/<pid> files belong to root; a normal user can then no longer
    // open them. As root this only checks the ownership switch.
    int toParent[2];
    ASSERT_EQ(pipe(toParent), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        close(toParent[0]);
        (void)tokenpass::platform::hardenProcess();
        const char ready = 'r';
        (void)!write(toParent[1], &ready, 1);
        pause(); // until the parent kills us
        _exit(0);
    }
    close(toParent[1]);
    char ready = 0;
    ASSERT_EQ(read(toParent[0], &ready, 1), 1);
    close(toParent[0]);

    struct stat info
    {
    };
    const QByteArray statusPath = "/proc/" + QByteArray::number(child) + "/status";
    const int statResult = stat(statusPath.constData(), &info);
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);
    ASSERT_EQ(statResult, 0);
    EXPECT_EQ(info.st_uid, 0u) << "/proc/<pid>/status of an undumpable process is owned by root";
#else
    GTEST_SKIP() << "Linux-only";
#endif
}
