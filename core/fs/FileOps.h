#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>

// The handful of operating-system calls a safe file write makes (fs/AtomicFile), one file per OS
// behind this header: FileOps_posix.cpp (write(2), fsync(2), link(2), rename(2)) and
// FileOps_win.cpp (WriteFile, FlushFileBuffers, CreateHardLinkW, MoveFileExW). Every call reports
// what went wrong, and whether it was the disk being full, so nothing is ever assumed to work.
namespace tokenpass::fs::os {

struct Status
{
    bool ok = true;
    bool diskFull = false;    // no space or quota left
    bool unsupported = false; // the file system cannot do it (hard links on FAT, some shares)
    QString why;              // the system's words, for messages

    static Status success() { return {}; }
    static Status failure(QString why, bool diskFull = false)
    {
        Status s;
        s.ok = false;
        s.diskFull = diskFull;
        s.why = std::move(why);
        return s;
    }
};

using Handle = std::intptr_t;

// Creates a new, empty, owner-only (0600) file beside `target`, named <target>.tmp-XXXXXX.
Status createTemporary(const QString& target, Handle* handle, QString* temporaryPath);
// One write call; *written may be less than size (the caller loops).
Status writeSome(Handle handle, const char* data, qint64 size, qint64* written);
// Forces the file's data to the disk (fsync, FlushFileBuffers).
Status syncFile(Handle handle);
Status closeFile(Handle handle);
Status readAll(const QString& path, QByteArray* out);
// A second name for an existing file: no data is copied, so it needs no space for data.
Status hardLink(const QString& existing, const QString& newName);
// Replaces `to` with `from` in one step (rename(2); MoveFileExW with write-through).
Status replaceFile(const QString& from, const QString& to);
// Makes the folder's entries (a rename) durable; a no-op where the OS has no such call.
Status syncFolder(const QString& folder);
void removeQuietly(const QString& path);

} // namespace tokenpass::fs::os
