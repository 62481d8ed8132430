#include "fs/FileOps.h"

#include <QFile>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tokenpass::fs::os {

namespace {

Status fromErrno(int error)
{
    return Status::failure(QString::fromLocal8Bit(std::strerror(error)), error == ENOSPC || error == EDQUOT);
}

QByteArray native(const QString& path)
{
    return QFile::encodeName(path);
}

} // namespace

Status createTemporary(const QString& target, Handle* handle, QString* temporaryPath)
{
    QByteArray name = native(target) + ".tmp-XXXXXX";
    const int fd = ::mkostemp(name.data(), O_CLOEXEC); // mode 0600 by POSIX
    if (fd < 0)
        return fromErrno(errno);
    if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0) { // whatever the umask did
        const int error = errno;
        ::close(fd);
        ::unlink(name.constData());
        return fromErrno(error);
    }
    *handle = fd;
    *temporaryPath = QFile::decodeName(name);
    return Status::success();
}

Status writeSome(Handle handle, const char* data, qint64 size, qint64* written)
{
    for (;;) {
        const ssize_t n = ::write(int(handle), data, size_t(size));
        if (n >= 0) {
            *written = n;
            // write(2) returning 0 for a non-empty buffer means no progress is possible.
            return n == 0 && size > 0 ? Status::failure(QStringLiteral("No progress writing"), true)
                                      : Status::success();
        }
        if (errno != EINTR)
            return fromErrno(errno);
    }
}

Status syncFile(Handle handle)
{
    // fdatasync is not enough: the size is metadata, and a torn size is a torn file.
    while (::fsync(int(handle)) != 0) {
        if (errno != EINTR)
            return fromErrno(errno);
    }
    return Status::success();
}

Status closeFile(Handle handle)
{
    // close(2) can report a deferred write error (NFS); EINTR leaves the descriptor closed on Linux.
    if (::close(int(handle)) != 0 && errno != EINTR)
        return fromErrno(errno);
    return Status::success();
}

Status readAll(const QString& path, QByteArray* out)
{
    const int fd = ::open(native(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fromErrno(errno);
    QByteArray bytes;
    char buffer[16384];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0) {
            bytes.append(buffer, n);
            continue;
        }
        if (n == 0)
            break;
        if (errno == EINTR)
            continue;
        const int error = errno;
        ::close(fd);
        return fromErrno(error);
    }
    ::close(fd);
    *out = std::move(bytes);
    return Status::success();
}

Status hardLink(const QString& existing, const QString& newName)
{
    if (::link(native(existing).constData(), native(newName).constData()) == 0)
        return Status::success();
    const int error = errno;
    Status s = fromErrno(error);
    s.unsupported = error == EPERM || error == EOPNOTSUPP || error == EXDEV || error == EMLINK;
    return s;
}

Status replaceFile(const QString& from, const QString& to)
{
    if (::rename(native(from).constData(), native(to).constData()) == 0)
        return Status::success();
    return fromErrno(errno);
}

Status syncFolder(const QString& folder)
{
    const int fd = ::open(native(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return fromErrno(errno);
    Status s;
    while (::fsync(fd) != 0) {
        if (errno == EINTR)
            continue;
        // Some file systems cannot sync a folder; that is not a failed write.
        if (errno != EINVAL && errno != EROFS)
            s = fromErrno(errno);
        break;
    }
    ::close(fd);
    return s;
}

void removeQuietly(const QString& path)
{
    (void)::unlink(native(path).constData());
}

} // namespace tokenpass::fs::os
