#include "store/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace tokenpass::store {

namespace {
#ifdef Q_OS_UNIX
// QSaveFile renames but does not sync the folder entry; do it so the rename itself is durable.
void syncFolder(const QString& folder)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}
#else
void syncFolder(const QString&) {}
#endif
} // namespace

Result<bool> writeFileAtomically(const QString& path, QByteArrayView content)
{
    // QSaveFile writes to a temporary file beside the target, fsyncs it on commit() and renames
    // it over the target; a failed or abandoned write leaves the target untouched.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Result<bool>::fail(QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    if (file.write(content.data(), content.size()) != content.size()) {
        const QString why = file.errorString();
        file.cancelWriting();
        return Result<bool>::fail(QStringLiteral("Cannot write %1: %2").arg(path, why));
    }
    if (!file.commit())
        return Result<bool>::fail(QStringLiteral("Cannot save %1: %2").arg(path, file.errorString()));
    syncFolder(QFileInfo(path).absolutePath());
    return Result<bool>::ok(true);
}

Result<QByteArray> readWholeFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<QByteArray>::fail(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    return Result<QByteArray>::ok(file.readAll());
}

} // namespace tokenpass::store
