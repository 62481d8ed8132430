#include "fs/DataDir.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace tokenpass::fs {

QString resolveDataDir(const QString& commandLineDir)
{
    if (!commandLineDir.isEmpty())
        return QDir(commandLineDir).absolutePath();
    const QString fromEnv = qEnvironmentVariable("TOKENPASS_HOME");
    if (!fromEnv.isEmpty())
        return QDir(fromEnv).absolutePath();
    return QDir(QDir::homePath()).filePath(QStringLiteral(".tokenpass"));
}

Result<QString> ensurePrivateDir(const QString& path)
{
    const QString absolute = QDir(path).absolutePath();
    QFileInfo info(absolute);
    if (info.exists() && !info.isDir())
        return Result<QString>::fail(QStringLiteral("%1 exists but is not a folder").arg(absolute));
    if (!info.exists() && !QDir().mkpath(absolute))
        return Result<QString>::fail(QStringLiteral("Cannot create the data folder %1").arg(absolute));
    const auto ownerOnly = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
    if (!QFile::setPermissions(absolute, ownerOnly))
        return Result<QString>::fail(QStringLiteral("Cannot restrict the permissions of %1").arg(absolute));
    return Result<QString>::ok(absolute);
}

bool makeFilePrivate(const QString& path)
{
    return QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
}

} // namespace tokenpass::fs
