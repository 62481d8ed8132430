#pragma once

#include <QString>

namespace tokenpass::app {

// `tokenpass --headless` (and a start with no display) becomes `tokenpassd`, the server-only
// executable installed beside it, so the headless server never loads Qt Widgets or Qt Gui.
// On Unix the process image is replaced (execv): same pid, same terminal, same arguments, so
// signals reach tokenpassd and its exit code is the one the caller sees.

// Whether this OS can replace the process image (Unix). Elsewhere the tray binary serves
// headless in its own process, as before.
bool canExecHeadlessServer();

// The path of `tokenpassd` in the folder of the running executable (empty if it cannot be told).
QString headlessServerPath();

// Replaces this process with tokenpassd, passing argv[1..] unchanged. Returns only on failure,
// with the reason.
QString execHeadlessServer(char** argv);

} // namespace tokenpass::app
