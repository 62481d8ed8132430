#pragma once

#include "Result.h"
#include "platform/AutostartEntry.h"

#include <QByteArray>
#include <QString>

namespace tokenpass::platform {

// A per-user LaunchAgent, ~/Library/LaunchAgents/<app-id>.plist: the macOS fallback when
// SMAppService (macOS 13+) is unavailable or refuses (an unsigned build, for example).
// Plain Qt, so the plist is generated and tested on every OS.
class LaunchAgentFile
{
public:
    explicit LaunchAgentFile(QString path);

    // $TOKENPASS_AUTOSTART_PATH_MOCK/<id>.plist, else ~/Library/LaunchAgents/<id>.plist.
    static QString defaultPath(const QString& appId);

    static QByteArray content(const AutostartEntry& entry);
    // RunAtLoad true, and not Disabled: launchd would start it at login.
    static bool contentEnablesAutostart(const QByteArray& content);

    QString path() const { return m_path; }
    bool isEnabled() const;
    Result<bool> write(const AutostartEntry& entry) const;
    Result<bool> remove() const;

private:
    QString m_path;
};

} // namespace tokenpass::platform
