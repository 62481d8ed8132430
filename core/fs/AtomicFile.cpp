#include "fs/AtomicFile.h"

#include "fs/DiskFullNotices.h"
#include "fs/FaultInjection.h"
#include "fs/FileOps.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>

#include <optional>

namespace tokenpass::fs {

namespace {

using os::Status;

// What a planted fault makes a step report; nullopt lets the real call run.
std::optional<Status> injected(Fault fault)
{
    if (fault == Fault::NoSpace)
        return Status::failure(QStringLiteral("No space left on device (injected)"), true);
    if (fault == Fault::IoError)
        return Status::failure(QStringLiteral("Input/output error (injected)"));
    return std::nullopt;
}

// One step of a write: a fault a test planted, or the real call.
template <typename Call> Status step(FileStep which, Call&& call)
{
    if (auto planted = injected(FaultInjection::before(which)))
        return *planted;
    return call();
}

Status writeAll(os::Handle handle, QByteArrayView content)
{
    const char* data = content.data();
    qint64 left = content.size();
    while (left > 0) {
        const Fault fault = FaultInjection::before(FileStep::Write);
        if (auto planted = injected(fault))
            return *planted;
        // A short write is one the OS may do at any time: the loop must finish it.
        const qint64 chunk = fault == Fault::ShortWrite ? qMax<qint64>(1, left / 2) : left;
        qint64 written = 0;
        const Status s = os::writeSome(handle, data, chunk, &written);
        if (!s.ok)
            return s;
        data += written;
        left -= written;
    }
    return Status::success();
}

QString folderOf(const QString& path)
{
    return QFileInfo(path).absolutePath();
}

// The one message for every failed write: a full disk gets the words people understand.
Result<bool> failed(const QString& path, const Status& s)
{
    if (s.diskFull) {
        DiskFullNotices::instance().report(folderOf(path));
        return Result<bool>::fail(diskFullMessage(folderOf(path)), Failure::DiskFull);
    }
    return Result<bool>::fail(QStringLiteral("TokenPass could not save %1: %2. Nothing was changed.")
                                  .arg(QDir::toNativeSeparators(path), s.why),
                              Failure::StorageError);
}

QString uniqueSibling(const QString& path, const char* kind)
{
    return QStringLiteral("%1.%2-%3")
        .arg(path, QLatin1String(kind))
        .arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
}

// <copy> := a new name for <path>'s file, replacing an older <copy> atomically.
Status linkAs(const QString& path, const QString& copy)
{
    const QString linkName = uniqueSibling(copy, "link");
    Status s = step(FileStep::Link, [&] { return os::hardLink(path, linkName); });
    if (!s.ok)
        return s;
    s = step(FileStep::Replace, [&] { return os::replaceFile(linkName, copy); });
    // Also after success: renaming onto another name of the same file does nothing (POSIX), and
    // leaves linkName behind.
    os::removeQuietly(linkName);
    return s;
}

// Steps 1–3: a temporary file holding exactly `content`, on disk and verified.
Status writeVerifiedTemporary(const QString& path, QByteArrayView content, const Verifier& verify,
                              QString* temporary)
{
    os::Handle handle = 0;
    Status s = step(FileStep::CreateTemporary, [&] { return os::createTemporary(path, &handle, temporary); });
    if (!s.ok)
        return s;
    s = writeAll(handle, content);
    if (s.ok)
        s = step(FileStep::Sync, [&] { return os::syncFile(handle); });
    const Status closed = step(FileStep::Close, [&] { return os::closeFile(handle); });
    if (s.ok)
        s = closed;
    QByteArray back;
    if (s.ok)
        s = step(FileStep::ReadBack, [&] { return os::readAll(*temporary, &back); });
    if (s.ok && back != content)
        s = Status::failure(QStringLiteral("the file did not read back as written"));
    if (s.ok && verify && !verify(back))
        s = Status::failure(QStringLiteral("the file did not read back as a valid one"));
    if (!s.ok)
        os::removeQuietly(*temporary);
    return s;
}

} // namespace

QString previousVersionPath(const QString& path)
{
    return path + QStringLiteral(".bak");
}

QString diskFullMessage(const QString& folder)
{
    return QStringLiteral("The disk is full: TokenPass could not save the change. Nothing was changed. "
                          "Free some space on the disk that holds %1 and try again.")
        .arg(QDir::toNativeSeparators(folder));
}

Result<bool> writeFileAtomically(const QString& path, QByteArrayView content, const WriteOptions& options)
{
    QString temporary;
    Status s = writeVerifiedTemporary(path, content, options.verify, &temporary);
    if (!s.ok)
        return failed(path, s);

    // Step 4: the version being replaced becomes <path>.bak, if it is one worth keeping.
    bool renameOldToBak = false;
    if (options.keepPrevious && QFileInfo::exists(path)) {
        QByteArray old;
        s = step(FileStep::ReadBack, [&] { return os::readAll(path, &old); });
        if (s.ok && (!options.previousIsGood || options.previousIsGood(old))) {
            s = linkAs(path, previousVersionPath(path));
            renameOldToBak = !s.ok && s.unsupported;
        } // a damaged old file is not kept: the existing .bak stays as it is
        if (!s.ok && !renameOldToBak) {
            os::removeQuietly(temporary);
            return failed(path, s);
        }
    }
    if (renameOldToBak) {
        // No hard links here: move the old file aside. Until the next rename only .bak exists,
        // which unlocking handles (Wallet::unlock recovers from .bak).
        s = step(FileStep::Replace, [&] { return os::replaceFile(path, previousVersionPath(path)); });
        if (!s.ok) {
            os::removeQuietly(temporary);
            return failed(path, s);
        }
    }

    // Step 5.
    s = step(FileStep::Replace, [&] { return os::replaceFile(temporary, path); });
    if (!s.ok) {
        if (renameOldToBak) // put the old file back where it was
            (void)os::replaceFile(previousVersionPath(path), path);
        os::removeQuietly(temporary);
        return failed(path, s);
    }
    // The new file is in place, synced and verified; only the folder entry's durability is left.
    // Like SQLite (unixSync), a failing folder sync is logged, not reported: the change has been
    // made and is visible, and "nothing was changed" would be false.
    s = step(FileStep::SyncFolder, [&] { return os::syncFolder(folderOf(path)); });
    if (!s.ok)
        qWarning("Could not sync the folder of %s: %s", qPrintable(path), qPrintable(s.why));
    return Result<bool>::ok(true);
}

Result<bool> keepCopy(const QString& path, const QString& copyPath)
{
    const Status s = linkAs(path, copyPath);
    if (s.ok) {
        (void)step(FileStep::SyncFolder, [&] { return os::syncFolder(folderOf(copyPath)); });
        return Result<bool>::ok(true);
    }
    if (!s.unsupported)
        return failed(copyPath, s);
    const auto bytes = readWholeFile(path);
    if (!bytes)
        return Result<bool>::failFrom(bytes);
    return writeFileAtomically(copyPath, *bytes);
}

bool isLeftoverTemporary(QStringView name)
{
    // "<name>.tmp-XXXXXX" (mkstemp), "<name>.tmp-XXXXXXXX" (Windows), "<name>.link-XXXXXXXX":
    // what the wildcards *.tmp-??????, *.tmp-???????? and *.link-???????? matched, letter case
    // ignored as QDir did. Compared by hand because every QDir name filter compiles a regular
    // expression, and this runs at every start (PCRE2 and its JIT pages, issue 19).
    const auto endsWith = [name](QLatin1StringView marker, qsizetype randomChars) {
        const qsizetype at = name.size() - randomChars - marker.size();
        return at >= 0 && name.sliced(at, marker.size()).compare(marker, Qt::CaseInsensitive) == 0;
    };
    return endsWith(QLatin1StringView(".tmp-"), 6) || endsWith(QLatin1StringView(".tmp-"), 8) ||
           endsWith(QLatin1StringView(".link-"), 8);
}

void removeLeftoverTemporaries(const QString& folder)
{
    const QDir dir(folder);
    for (const QString& name : dir.entryList(QDir::Files | QDir::Hidden | QDir::System)) {
        if (isLeftoverTemporary(name))
            os::removeQuietly(dir.filePath(name));
    }
}

Result<QByteArray> readWholeFile(const QString& path)
{
    QByteArray bytes;
    const Status s = os::readAll(path, &bytes);
    if (!s.ok)
        return Result<QByteArray>::fail(
            QStringLiteral("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), s.why),
            Failure::StorageError);
    return Result<QByteArray>::ok(std::move(bytes));
}

} // namespace tokenpass::fs
