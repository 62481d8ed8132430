#include "QuitSignals.h"

#include <QCoreApplication>

#ifdef Q_OS_UNIX
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#else
#include <QTimer>

#include <atomic>
#include <csignal>
#endif

namespace tokenpass::app {

#ifdef Q_OS_UNIX

namespace {

int g_signalSocket[2] = {-1, -1}; // [0] written by the handler, [1] read in the event loop

void writeSignalByte(int)
{
    const char byte = 1;
    // write() is async-signal-safe; a full pipe just means a quit is already pending.
    [[maybe_unused]] const auto written = ::write(g_signalSocket[0], &byte, 1);
}

bool installHandler(int signalNumber)
{
    struct sigaction action = {};
    action.sa_handler = writeSignalByte;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(signalNumber, &action, nullptr) == 0;
}

} // namespace

QuitSignals::QuitSignals(QObject* parent) : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalSocket) != 0)
        return;
    auto* notifier = new QSocketNotifier(g_signalSocket[1], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, &QuitSignals::onSignalByte);
    m_installed = installHandler(SIGINT) && installHandler(SIGTERM);
}

QuitSignals::~QuitSignals()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    for (int& fd : g_signalSocket) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
}

void QuitSignals::onSignalByte()
{
    char byte = 0;
    [[maybe_unused]] const auto read = ::read(g_signalSocket[1], &byte, 1);
    QCoreApplication::quit();
}

#else

namespace {

std::atomic<bool> g_quitRequested{false}; // lock-free atomics are safe to set from a handler

void setQuitFlag(int)
{
    g_quitRequested.store(true);
}

} // namespace

// Windows has no socketpair in the C runtime's signal model; a short poll of a flag is enough for
// Ctrl+C in a console.
QuitSignals::QuitSignals(QObject* parent) : QObject(parent)
{
    std::signal(SIGINT, setQuitFlag);
    std::signal(SIGTERM, setQuitFlag);
    auto* poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, &QuitSignals::onSignalByte);
    poll->start(200);
    m_installed = true;
}

QuitSignals::~QuitSignals()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

void QuitSignals::onSignalByte()
{
    if (g_quitRequested.exchange(false))
        QCoreApplication::quit();
}

#endif

} // namespace tokenpass::app
