#include "platform/AutostartEntry.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace tokenpass::platform {

QString applicationId()
{
    return QStringLiteral("app.tokenpass.TokenPass");
}

QString autostartMockFolder()
{
    return qEnvironmentVariable("TOKENPASS_AUTOSTART_PATH_MOCK");
}

AutostartEntry AutostartEntry::forThisApplication()
{
    AutostartEntry entry;
    entry.appId = applicationId();
    entry.name = QStringLiteral("TokenPass");
    entry.comment = QStringLiteral("Your own identity provider, in the tray");
    entry.iconName = QStringLiteral("tokenpass");
    const QString appImage = qEnvironmentVariable("APPIMAGE");
    entry.executable = !appImage.isEmpty() ? QFileInfo(appImage).absoluteFilePath()
                                           : QCoreApplication::applicationFilePath();
    entry.arguments = {QStringLiteral("--minimized")};
    return entry;
}

} // namespace tokenpass::platform
