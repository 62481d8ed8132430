#include "fs/FaultInjection.h"

#include <QMutex>
#include <QMutexLocker>

#include <atomic>

namespace tokenpass::fs {

namespace {
std::atomic<bool> g_installed{false};
QMutex g_mutex;
FaultInjection::Hook& hook()
{
    static FaultInjection::Hook* h = new FaultInjection::Hook; // never destroyed: no exit-order issue
    return *h;
}
} // namespace

void FaultInjection::install(Hook h)
{
    QMutexLocker lock(&g_mutex);
    hook() = std::move(h);
    g_installed = bool(hook());
}

void FaultInjection::clear()
{
    install({});
}

Fault FaultInjection::before(FileStep step)
{
    if (!g_installed.load(std::memory_order_acquire))
        return Fault::None;
    QMutexLocker lock(&g_mutex);
    return hook() ? hook()(step) : Fault::None;
}

} // namespace tokenpass::fs
