#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace tokenpass::store {

// Replaces a file so that a crash at any moment leaves either the old or the new content, never
// a torn file: the bytes go to a temporary file in the same folder, which is flushed to disk
// (fsync), given mode 0600, and renamed over the target; then the folder itself is synced so the
// rename survives a power cut.
Result<bool> writeFileAtomically(const QString& path, QByteArrayView content);

// Reads a whole file; the error names the file.
Result<QByteArray> readWholeFile(const QString& path);

} // namespace tokenpass::store
