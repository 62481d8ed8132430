// `tokenpass`: the tray app. Parses the command line; headless (asked for, or no display) it
// becomes `tokenpassd` (HeadlessExec.h), so the server never carries Qt Widgets or Qt Gui.
// `tokenpass <command>` (status, unlock, sign, mcp, ...) is the command line instead (cli/): a
// client of the running TokenPass, with no QApplication and no single-instance lock.

#include "CliMain.h"
#include "HeadlessExec.h"
#include "Launch.h"
#include "QuitSignals.h"
#include "TrayApplication.h"
#include "platform/Hardening.h"
#include "platform/SingleInstance.h"

#include <QApplication>

#include <cstdio>

namespace {

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
    if (argc > 1 && tokenpass::cli::isCommand(argv[1])) {
        // `unlock` holds the password: no core dumps, no debugger attaching, as for the app.
        if (const auto hardening = tokenpass::platform::hardenProcess(); !hardening.details.isEmpty())
            std::fprintf(stderr, "tokenpass: hardening incomplete: %s\n", qPrintable(hardening.details));
        return tokenpass::cli::runCommand(argc, argv);
    }
    tokenpass::app::Launch launch = tokenpass::app::prepareLaunch(argc, argv, QStringLiteral("tokenpass"));
    if (launch.exitNow)
        return launch.exitCode;

    if (!launch.options.headless && !displayAvailable()) {
        std::fprintf(stderr, "tokenpass: no display found; starting in --headless mode\n");
        launch.options.headless = true;
    }
    if (launch.options.headless) {
        if (tokenpass::app::canExecHeadlessServer()) {
            // Returns only if tokenpassd could not be started; then serve from this process.
            const QString why = tokenpass::app::execHeadlessServer(argv);
            std::fprintf(stderr, "tokenpass: could not run tokenpassd (%s); serving from this process\n",
                         qPrintable(why));
        }
        return tokenpass::app::runHeadless(argc, argv, launch);
    }

    // The application object must exist before the object graph and outlive it.
    QApplication app(argc, argv);
    QApplication::setQuitOnLastWindowClosed(false); // a tray app lives on with no window open
    // Ctrl+C and `kill` end through app.exec() returning, so the wallet is locked on the way out.
    tokenpass::app::QuitSignals quitSignals;
    if (!quitSignals.isInstalled())
        std::fprintf(stderr, "tokenpass: could not install the SIGINT/SIGTERM handler\n");
    // One instance per user and data folder: a second launch asks the first to show itself.
    tokenpass::platform::SingleInstance instance(launch.dataDir);
    if (!tokenpass::app::claimSingleInstance(instance, launch.dataDir))
        return 0;
    tokenpass::app::TrayApplication application(launch.dataDir, launch.port);
    application.setStartMinimized(launch.options.minimized);
    if (launch.options.port.isEmpty() && qEnvironmentVariableIsEmpty("TOKENPASS_PORT"))
        application.useSavedPort(); // the Settings window's port, used from the next start
    QObject::connect(&instance, &tokenpass::platform::SingleInstance::showRequested, &application,
                     &tokenpass::app::TrayApplication::bringToFront);
    if (!application.start())
        return 1;
    return app.exec();
}
