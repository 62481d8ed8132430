#pragma once

#include "CommandLine.h"

#include <QString>

namespace tokenpass::platform {
class SingleInstance;
}

namespace tokenpass::app {

// What `tokenpass` and `tokenpassd` both do before choosing a mode (DESIGN.md "Command line").
struct Launch
{
    bool exitNow = false; // --help, --version, a usage error, a bad port or data folder
    int exitCode = 0;
    AppOptions options;
    quint16 port = 0;
    QString dataDir; // created, private to the user
};

// Hardens the process (before anything else, so no secret is ever in a dumpable or attachable
// process), names the application, reads the command line, then resolves the port and the data
// folder. Prints what --help, --version or an error has to say; `programName` is the command the
// person typed, for the usage line.
Launch prepareLaunch(int argc, char** argv, const QString& programName);

// One instance per user and data folder: true when we are it; otherwise a second launch has
// asked the first to show itself (printed), and the caller exits with 0.
bool claimSingleInstance(platform::SingleInstance& instance, const QString& dataDir);

// The API server with no windows, in this process, until SIGINT, SIGTERM or quit: the process's
// exit code. Creates the QCoreApplication itself (`argc` must outlive it, as Qt requires).
int runHeadless(int& argc, char** argv, const Launch& launch);

} // namespace tokenpass::app
