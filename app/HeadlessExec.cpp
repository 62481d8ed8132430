#include "HeadlessExec.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <vector>

#if defined(Q_OS_UNIX)
#include <climits>
#include <unistd.h>
#endif
#if defined(Q_OS_MACOS)
#include <mach-o/dyld.h>
#endif

namespace tokenpass::app {

namespace {

// The running executable, resolved before QCoreApplication exists (applicationDirPath needs it).
QString ownExecutablePath()
{
#if defined(Q_OS_LINUX)
    return QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath();
#elif defined(Q_OS_MACOS)
    char path[PATH_MAX];
    uint32_t size = sizeof(path);
    if (_NSGetExecutablePath(path, &size) != 0)
        return {};
    return QFileInfo(QString::fromLocal8Bit(path)).canonicalFilePath();
#else
    return {};
#endif
}

} // namespace

bool canExecHeadlessServer()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_MACOS)
    return true;
#else
    return false;
#endif
}

QString headlessServerPath()
{
    const QString self = ownExecutablePath();
    if (self.isEmpty())
        return {};
    return QFileInfo(self).dir().filePath(QStringLiteral("tokenpassd"));
}

QString execHeadlessServer(char** argv)
{
#if defined(Q_OS_UNIX)
    const QString path = headlessServerPath();
    if (path.isEmpty())
        return QStringLiteral("cannot tell where this executable is");
    const QByteArray nativePath = QFile::encodeName(path);
    if (::access(nativePath.constData(), X_OK) != 0)
        return QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
    // argv[0] names tokenpassd, the rest is passed as it came (the options are the same).
    std::vector<char*> arguments{const_cast<char*>(nativePath.constData())};
    for (char** arg = argv + 1; *arg != nullptr; ++arg)
        arguments.push_back(*arg);
    arguments.push_back(nullptr);
    ::execv(nativePath.constData(), arguments.data());
    return QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
#else
    Q_UNUSED(argv);
    return QStringLiteral("not supported on this system");
#endif
}

} // namespace tokenpass::app
