// The thin executable: parse the command line, pick GUI or headless, wire the layers.

#include "CommandLine.h"
#include "ListenAddress.h"
#include "TrayController.h"
#include "store/DataDir.h"

#include <QApplication>
#include <QCoreApplication>
#include <QGuiApplication>

#include <csignal>
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
        return true;   // offscreen, vnc, eglfs...: the caller chose explicitly
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

void quitOnSignal(int)
{
    QCoreApplication::quit();
}

} // namespace

int main(int argc, char** argv)
{
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
    const auto dataDir = tokenpass::store::ensurePrivateDir(tokenpass::store::resolveDataDir(options.dataDir));
    if (!dataDir) {
        std::fprintf(stderr, "tokenpass: %s\n", qPrintable(dataDir.error()));
        return 1;
    }

    if (!options.headless && !displayAvailable()) {
        std::fprintf(stderr, "tokenpass: no display found; starting in --headless mode\n");
        options.headless = true;
    }

    std::signal(SIGINT, quitOnSignal);
    std::signal(SIGTERM, quitOnSignal);

    if (options.headless) {
        QCoreApplication app(argc, argv);
        std::fprintf(stderr, "tokenpass: running headless; data folder %s, port %u. Press Ctrl+C to stop.\n",
                     qPrintable(*dataDir), unsigned(*port));
        return app.exec();
    }

    QApplication app(argc, argv);
    QApplication::setQuitOnLastWindowClosed(false);   // a tray app lives on with no window open
    tokenpass::ui::TrayController tray(*dataDir, *port);
    QObject::connect(&tray, &tokenpass::ui::TrayController::quitRequested, &app, &QCoreApplication::quit);
    tray.show();
    return app.exec();
}
