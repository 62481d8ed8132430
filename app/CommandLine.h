#pragma once

#include "Result.h"

#include <QString>
#include <QStringList>

namespace tokenpass::app {

// What the person asked for on the command line (DESIGN.md "Command line").
struct AppOptions
{
    bool headless = false;  // server only, no widgets
    bool minimized = false; // started at login: tray only, no window
    QString dataDir;        // empty: TOKENPASS_HOME, then ~/.tokenpass
    QString port;           // empty: TOKENPASS_PORT, then 21000; validated by the server layer
};

// The outcome of parsing: either options to run with, or text to print and an exit code
// (for --help, --version and usage errors).
struct ParsedCommandLine
{
    AppOptions options;
    bool exitNow = false;
    int exitCode = 0;
    QString output; // printed to stdout (exit code 0) or stderr (non-zero)
};

// `programName` is the command the person typed (`tokenpass` or `tokenpassd`), for the usage
// lines; both accept the same options.
ParsedCommandLine parseCommandLine(const QStringList& arguments,
                                   const QString& programName = QStringLiteral("tokenpass"));

QString versionText();

} // namespace tokenpass::app
