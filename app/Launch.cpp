#include "Launch.h"

#include "Application.h"
#include "ListenAddress.h"
#include "QuitSignals.h"
#include "fs/DataDir.h"
#include "platform/Hardening.h"
#include "platform/SingleInstance.h"

#include <QCoreApplication>

#include <cstdio>

namespace tokenpass::app {

namespace {

QStringList argumentsOf(int argc, char** argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    return args;
}

} // namespace

Launch prepareLaunch(int argc, char** argv, const QString& programName)
{
    if (const auto hardening = platform::hardenProcess(); !hardening.details.isEmpty())
        std::fprintf(stderr, "tokenpass: hardening incomplete: %s\n", qPrintable(hardening.details));

    QCoreApplication::setApplicationName(QStringLiteral("TokenPass"));
    QCoreApplication::setOrganizationName(QStringLiteral("TokenPass"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TOKENPASS_VERSION));

    Launch launch;
    const auto parsed = parseCommandLine(argumentsOf(argc, argv), programName);
    if (parsed.exitNow) {
        std::fputs(qPrintable(parsed.output), parsed.exitCode == 0 ? stdout : stderr);
        launch.exitNow = true;
        launch.exitCode = parsed.exitCode;
        return launch;
    }
    launch.options = parsed.options;

    const auto port = server::resolvePort(launch.options.port);
    if (!port) {
        std::fprintf(stderr, "tokenpass: %s\n", qPrintable(port.error()));
        launch.exitNow = true;
        launch.exitCode = 2;
        return launch;
    }
    launch.port = *port;
    const auto dataDir = fs::ensurePrivateDir(fs::resolveDataDir(launch.options.dataDir));
    if (!dataDir) {
        std::fprintf(stderr, "tokenpass: %s\n", qPrintable(dataDir.error()));
        launch.exitNow = true;
        launch.exitCode = 1;
        return launch;
    }
    launch.dataDir = *dataDir;
    return launch;
}

bool claimSingleInstance(platform::SingleInstance& instance, const QString& dataDir)
{
    if (instance.claim() != platform::SingleInstance::Role::Secondary)
        return true;
    std::fprintf(stderr, "tokenpass: already running for %s%s\n", qPrintable(dataDir),
                 instance.errorString().isEmpty() ? "; asked it to show itself" : "");
    return false;
}

int runHeadless(int& argc, char** argv, const Launch& launch)
{
    // The application object must exist before the object graph and outlive it.
    QCoreApplication app(argc, argv);
    // Ctrl+C and `kill` end through app.exec() returning, so the wallet is locked on the way out.
    QuitSignals quitSignals;
    if (!quitSignals.isInstalled())
        std::fprintf(stderr, "tokenpass: could not install the SIGINT/SIGTERM handler\n");
    platform::SingleInstance instance(launch.dataDir);
    if (!claimSingleInstance(instance, launch.dataDir))
        return 0;
    Application application(launch.dataDir, launch.port, /*headless=*/true);
    if (launch.options.port.isEmpty() && qEnvironmentVariableIsEmpty("TOKENPASS_PORT"))
        application.useSavedPort(); // the Settings window's port, used from the next start
    if (!application.start())
        return 1;
    return app.exec();
}

} // namespace tokenpass::app
