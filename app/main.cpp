// The thin executable: parse the command line, pick GUI or headless, wire the layers.

#include "Application.h"
#include "CommandLine.h"
#include "ListenAddress.h"
#include "QuitSignals.h"
#include "fs/DataDir.h"
#include "platform/Hardening.h"
#include "platform/SingleInstance.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstdio>
#include <memory>

namespace {

QStringList argumentsOf(int argc, char** argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    return args;
}

// Whether a graphical session is reachable. Without one, the tray app cannot start, so we run
// headless instead of failing.
bool displayAvailable()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (!platform.isEmpty() && platform != "xcb" && platform != "wayland")
        return true; // offscreen, vnc, eglfs...: the caller chose explicitly
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

} // namespace

int main(int argc, char** argv)
{
    // Before anything else, so no secret is ever in a dumpable or attachable process.
    if (const auto hardening = tokenpass::platform::hardenProcess(); !hardening.details.isEmpty())
        std::fprintf(stderr, "tokenpass: hardening incomplete: %s\n", qPrintable(hardening.details));

    QCoreApplication::setApplicationName(QStringLiteral("TokenPass"));
    QCoreApplication::setOrganizationName(QStringLiteral("TokenPass"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TOKENPASS_VERSION));

    const auto parsed = tokenpass::app::parseCommandLine(argumentsOf(argc, argv));
    if (parsed.exitNow) {
        std::fputs(qPrintable(parsed.output), parsed.exitCode == 0 ? stdout : stderr);
        return parsed.exitCode;
    }
    tokenpass::app::AppOptions options = parsed.options;

    const auto port = tokenpass::server::resolvePort(options.port);
    if (!port) {
        std::fprintf(stderr, "tokenpass: %s\n", qPrintable(port.error()));
        return 2;
    }
    const auto dataDir = tokenpass::fs::ensurePrivateDir(tokenpass::fs::resolveDataDir(options.dataDir));
    if (!dataDir) {
        std::fprintf(stderr, "tokenpass: %s\n", qPrintable(dataDir.error()));
        return 1;
    }

    if (!options.headless && !displayAvailable()) {
        std::fprintf(stderr, "tokenpass: no display found; starting in --headless mode\n");
        options.headless = true;
    }

    // The application object must exist before the object graph and outlive it.
    std::unique_ptr<QCoreApplication> app;
    if (options.headless)
        app = std::make_unique<QCoreApplication>(argc, argv);
    else {
        app = std::make_unique<QApplication>(argc, argv);
        QApplication::setQuitOnLastWindowClosed(false); // a tray app lives on with no window open
    }
    // Ctrl+C and `kill` end through app->exec() returning, so the wallet is locked on the way out.
    tokenpass::app::QuitSignals quitSignals;
    if (!quitSignals.isInstalled())
        std::fprintf(stderr, "tokenpass: could not install the SIGINT/SIGTERM handler\n");
    // One instance per user and data folder: a second launch asks the first to show itself.
    tokenpass::platform::SingleInstance instance(*dataDir);
    if (instance.claim() == tokenpass::platform::SingleInstance::Role::Secondary) {
        std::fprintf(stderr, "tokenpass: already running for %s%s\n", qPrintable(*dataDir),
                     instance.errorString().isEmpty() ? "; asked it to show itself" : "");
        return 0;
    }
    tokenpass::app::Application application(*dataDir, *port, options.headless);
    application.setStartMinimized(options.minimized);
    if (options.port.isEmpty() && qEnvironmentVariableIsEmpty("TOKENPASS_PORT"))
        application.useSavedPort(); // the Settings window's port, used from the next start
    QObject::connect(&instance, &tokenpass::platform::SingleInstance::showRequested, &application,
                     &tokenpass::app::Application::bringToFront);
    if (!application.start())
        return 1;
    return app->exec();
}
