#pragma once

#include "Result.h"

#include <QString>

namespace tokenpass::fs {

// Where TokenPass keeps its files (DESIGN.md "Storage"; API.md decision 10).
// Precedence: an explicit --data-dir, then $TOKENPASS_HOME, then ~/.tokenpass.
QString resolveDataDir(const QString& commandLineDir);

// Creates the folder if needed and makes it private (mode 0700 on Unix). An existing folder
// with looser permissions is tightened. Returns the absolute path or a clear error.
Result<QString> ensurePrivateDir(const QString& path);

// Restricts an existing file to its owner (0600 on Unix).
bool makeFilePrivate(const QString& path);

} // namespace tokenpass::fs
