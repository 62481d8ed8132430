#include "fs/FileOps.h"

#include <QDir>
#include <QRandomGenerator>

#include <windows.h>

// The Windows side of the safe write (not built or run by Linux CI): the same steps as POSIX,
// with write-through renames. Files are private by the folder's ACL (the data folder is the
// user's profile), so no mode is set here.
namespace tokenpass::fs::os {

namespace {

Status fromLastError()
{
    const DWORD error = GetLastError();
    wchar_t* text = nullptr;
    FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM |
                       FORMAT_MESSAGE_IGNORE_INSERTS,
                   nullptr, error, 0, reinterpret_cast<wchar_t*>(&text), 0, nullptr);
    QString why = text ? QString::fromWCharArray(text).trimmed() : QStringLiteral("error %1").arg(error);
    LocalFree(text);
    Status s = Status::failure(why, error == ERROR_DISK_FULL || error == ERROR_HANDLE_DISK_FULL);
    s.unsupported =
        error == ERROR_NOT_SUPPORTED || error == ERROR_INVALID_FUNCTION || error == ERROR_NOT_SAME_DEVICE;
    return s;
}

std::wstring native(const QString& path)
{
    return QDir::toNativeSeparators(path).toStdWString();
}

} // namespace

Status createTemporary(const QString& target, Handle* handle, QString* temporaryPath)
{
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString name = target + QStringLiteral(".tmp-%1").arg(QRandomGenerator::system()->generate(), 8,
                                                                    16, QLatin1Char('0'));
        HANDLE h = CreateFileW(native(name).c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, CREATE_NEW,
                               FILE_ATTRIBUTE_NORMAL, nullptr);
        if (h != INVALID_HANDLE_VALUE) {
            *handle = reinterpret_cast<Handle>(h);
            *temporaryPath = name;
            return Status::success();
        }
        if (GetLastError() != ERROR_FILE_EXISTS)
            return fromLastError();
    }
    return Status::failure(QStringLiteral("No free temporary name beside %1").arg(target));
}

Status writeSome(Handle handle, const char* data, qint64 size, qint64* written)
{
    DWORD n = 0;
    const DWORD chunk = DWORD(qMin<qint64>(size, 1 << 30));
    if (!WriteFile(reinterpret_cast<HANDLE>(handle), data, chunk, &n, nullptr))
        return fromLastError();
    *written = n;
    return n == 0 && size > 0 ? Status::failure(QStringLiteral("No progress writing"), true)
                              : Status::success();
}

Status syncFile(Handle handle)
{
    return FlushFileBuffers(reinterpret_cast<HANDLE>(handle)) ? Status::success() : fromLastError();
}

Status closeFile(Handle handle)
{
    return CloseHandle(reinterpret_cast<HANDLE>(handle)) ? Status::success() : fromLastError();
}

Status readAll(const QString& path, QByteArray* out)
{
    HANDLE h = CreateFileW(native(path).c_str(), GENERIC_READ, FILE_SHARE_READ, nullptr, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        return fromLastError();
    QByteArray bytes;
    char buffer[16384];
    for (;;) {
        DWORD n = 0;
        if (!ReadFile(h, buffer, sizeof buffer, &n, nullptr)) {
            Status s = fromLastError();
            CloseHandle(h);
            return s;
        }
        if (n == 0)
            break;
        bytes.append(buffer, qsizetype(n));
    }
    CloseHandle(h);
    *out = std::move(bytes);
    return Status::success();
}

Status hardLink(const QString& existing, const QString& newName)
{
    return CreateHardLinkW(native(newName).c_str(), native(existing).c_str(), nullptr) ? Status::success()
                                                                                       : fromLastError();
}

Status replaceFile(const QString& from, const QString& to)
{
    return MoveFileExW(native(from).c_str(), native(to).c_str(),
                       MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)
               ? Status::success()
               : fromLastError();
}

Status syncFolder(const QString&)
{
    return Status::success(); // MOVEFILE_WRITE_THROUGH already waited for the rename
}

void removeQuietly(const QString& path)
{
    DeleteFileW(native(path).c_str());
}

} // namespace tokenpass::fs::os
