#include "CommandLine.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>

namespace tokenpass::app {

QString versionText()
{
    return QStringLiteral("TokenPass %1 (Qt %2)\n")
        .arg(QStringLiteral(TOKENPASS_VERSION), QLatin1String(qVersion()));
}

ParsedCommandLine parseCommandLine(const QStringList& arguments, const QString& programName)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "TokenPass: your own identity provider. A tray app that holds an encrypted BSV wallet and serves\n"
        "per-site tokens, signatures and encryption on http://127.0.0.1:21000/api/."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help and exit."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QStringLiteral("Show the version and exit."));
    const QCommandLineOption headless(QStringLiteral("headless"),
                                      QStringLiteral("Run the API server only, with no tray or windows."));
    const QCommandLineOption minimized(QStringLiteral("minimized"),
                                       QStringLiteral("Start in the tray without opening a window."));
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QStringLiteral("Keep wallet and state in <dir> (default: $TOKENPASS_HOME "
                       "or ~/.tokenpass)."),
        QStringLiteral("dir"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Listen on <port> (default: $TOKENPASS_PORT or 21000; "
                                                 "0 picks a free port)."),
                                  QStringLiteral("port"));
    parser.addOptions({help, version, headless, minimized, dataDir, port});

    ParsedCommandLine result;
    if (!parser.parse(arguments)) {
        result.exitNow = true;
        result.exitCode = 2;
        result.output = parser.errorText() + QStringLiteral("\nTry '%1 --help'.\n").arg(programName);
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.exitNow = true;
        result.exitCode = 2;
        result.output = QStringLiteral("Unexpected argument: %1\nTry '%2 --help'.\n")
                            .arg(parser.positionalArguments().constFirst(), programName);
        return result;
    }
    if (parser.isSet(help)) {
        result.exitNow = true;
        // The parser names the running binary (or "<executable_name>" before QCoreApplication
        // exists); the person types `tokenpass` or `tokenpassd`, so the usage line says that.
        QString text = parser.helpText();
        const qsizetype firstLineEnd = text.indexOf(QLatin1Char('\n'));
        text.replace(0, firstLineEnd, QStringLiteral("Usage: %1 [options]").arg(programName));
        result.output = text;
        return result;
    }
    if (parser.isSet(version)) {
        result.exitNow = true;
        result.output = versionText();
        return result;
    }
    result.options.headless = parser.isSet(headless);
    result.options.minimized = parser.isSet(minimized);
    result.options.dataDir = parser.value(dataDir);
    result.options.port = parser.value(port);
    return result;
}

} // namespace tokenpass::app
