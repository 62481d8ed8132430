// The thin executable: parse the command line, pick GUI or headless, wire the layers.

#include "CommandLine.h"
#include "ListenAddress.h"
#include "ServerController.h"
#include "TrayController.h"
#include "platform/Hardening.h"
#include "access/ApprovalBroker.h"
#include "access/Grants.h"
#include "store/DataDir.h"
#include "store/Database.h"
#include "wallet/Wallet.h"

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

// The object graph both modes share: database, wallet, approval broker and the server thread.
// Created after the application object, destroyed before it.
struct Services
{
    std::shared_ptr<tokenpass::store::Database> database;
    std::unique_ptr<tokenpass::wallet::Wallet> wallet;
    std::unique_ptr<tokenpass::access::ApprovalBroker> broker;
    std::unique_ptr<tokenpass::server::ServerController> server;
};

// Opens the data and starts the server. Returns false (having said why) if the data cannot be
// opened; a taken port is reported but is not fatal for the tray app.
bool startServices(Services& s, const QString& dataDir, quint16 port, bool headless)
{
    auto database = tokenpass::store::Database::open(dataDir);
    if (!database) {
        std::fprintf(stderr, "tokenpass: %s\n", qPrintable(database.error()));
        return false;
    }
    s.database = *database;
    s.wallet = std::make_unique<tokenpass::wallet::Wallet>(dataDir);
    s.broker = std::make_unique<tokenpass::access::ApprovalBroker>(
        std::make_shared<tokenpass::access::Grants>(s.database));
    // DESIGN.md "Command line": with no display, consent is denied unless a grant exists.
    s.broker->setHeadless(headless);

    tokenpass::server::ServerServices services;
    services.wallet = s.wallet.get();
    services.database = s.database;
    services.broker = s.broker.get();
    s.server = std::make_unique<tokenpass::server::ServerController>(services);

    tokenpass::server::ServerOptions options;
    options.port = port;
    options.originWhitelist = tokenpass::server::ServerOptions::whitelistFromEnvironment();
    if (s.server->start(options)) {
        std::fprintf(stderr, "tokenpass: listening on http://127.0.0.1:%u/api/ (data folder %s)\n",
                     unsigned(s.server->port()), qPrintable(dataDir));
    } else {
        std::fprintf(stderr, "tokenpass: the local API is not available: %s\n", qPrintable(s.server->lastError()));
    }
    return true;
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
        Services services;
        if (!startServices(services, *dataDir, *port, true))
            return 1;
        if (!services.server->running())
            return 1;   // headless, the server is the whole point
        std::fprintf(stderr, "tokenpass: running headless. Press Ctrl+C to stop.\n");
        return app.exec();
    }

    QApplication app(argc, argv);
    QApplication::setQuitOnLastWindowClosed(false);   // a tray app lives on with no window open
    Services services;
    if (!startServices(services, *dataDir, *port, false))
        return 1;
    tokenpass::ui::TrayController tray(*dataDir, *port);
    QObject::connect(&tray, &tokenpass::ui::TrayController::quitRequested, &app, &QCoreApplication::quit);
    tray.show();
    return app.exec();
}
