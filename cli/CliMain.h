#pragma once

namespace tokenpass::cli {

// Whether argv[1] names a command of the command line (`status`, `lock`, `unlock`, `sign`,
// `auth-token`, `encrypt`, `decrypt`, `sign-tx`, `mcp`); otherwise `tokenpass` starts as before.
bool isCommand(const char* word);

// Runs `tokenpass <command> [options]` in a QCoreApplication (never a QApplication, never the
// single-instance lock) and returns the exit code: 0 ok, 1 failed, 2 usage, 3 locked,
// 4 rejected, 5 not running. Qt's messages go to stderr.
int runCommand(int argc, char** argv);

} // namespace tokenpass::cli
