#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace tokenpass::fs {

// Checks bytes read back from the disk before they are trusted (a decryption, a parse).
using Verifier = std::function<bool(QByteArrayView bytes)>;

struct WriteOptions
{
    // Runs on the new file's bytes as read back from the disk, before it replaces the target.
    Verifier verify;
    // Keep the version being replaced as <path>.bak: by a hard link to it (no data is rewritten),
    // or, where the file system has no links, by renaming it. Only a version that passes
    // `previousIsGood` (when given) is kept; a failing one leaves the existing .bak alone.
    bool keepPrevious = false;
    Verifier previousIsGood;
};

// Replaces a file so that a full disk, a kill or a power cut at any moment leaves the old or the
// new content, never neither (docs/SECURITY.md "Writing files"):
//   1. write every byte to <path>.tmp-XXXXXX (0600), checking each call;
//   2. fsync and close it, checking both;
//   3. read it back, compare byte for byte, run `verify`;
//   4. keep the old file as <path>.bak if asked (hard link, then rename over the old .bak);
//   5. rename the new file over <path>, then fsync the folder (a failure of that last sync is
//      logged, not reported, as SQLite does: the change has been made).
// Any failure before the rename leaves <path> as it was and removes the temporary file; the
// error says so, and failure() is Failure::DiskFull when the disk or the quota was full.
Result<bool> writeFileAtomically(const QString& path, QByteArrayView content,
                                 const WriteOptions& options = {});

// Makes `copyPath` a second name for `path`'s current content (a hard link, or a safe copy where
// the file system has none), replacing an older `copyPath` in one step.
Result<bool> keepCopy(const QString& path, const QString& copyPath);

// The file a write keeps the previous version in.
QString previousVersionPath(const QString& path);

// Removes what a killed write left behind in `folder` (<name>.tmp-XXXXXX and <name>.link-XXXXXX).
// Call it only while holding the data folder's single-instance lock.
void removeLeftoverTemporaries(const QString& folder);
// Whether a file name is such a leftover.
bool isLeftoverTemporary(QStringView name);

// Reads a whole file; the error names the file.
Result<QByteArray> readWholeFile(const QString& path);

// "The disk is full: TokenPass could not save the change. Nothing was changed. ..." naming the folder.
QString diskFullMessage(const QString& folder);

} // namespace tokenpass::fs
