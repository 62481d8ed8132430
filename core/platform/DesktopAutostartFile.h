#pragma once

#include "Result.h"
#include "platform/AutostartEntry.h"

#include <QByteArray>
#include <QString>

namespace tokenpass::platform {

// The XDG autostart entry, $XDG_CONFIG_HOME/autostart/<app-id>.desktop (XDG Autostart spec).
// Plain Qt, so it builds and is tested on every OS, though only Linux uses it.
class DesktopAutostartFile
{
public:
    explicit DesktopAutostartFile(QString path);

    // $TOKENPASS_AUTOSTART_PATH_MOCK/<id>.desktop, else $XDG_CONFIG_HOME/autostart/<id>.desktop
    // (~/.config when XDG_CONFIG_HOME is unset or relative, as the XDG base-dir spec says).
    static QString defaultPath(const QString& appId);

    static QByteArray content(const AutostartEntry& entry);
    // Whether a desktop entry starts anything: Hidden=true (the spec's "deleted") and
    // X-GNOME-Autostart-enabled=false (GNOME Tweaks' switch) both mean off.
    static bool contentEnablesAutostart(const QByteArray& content);
    // One Exec= argument, quoted as the Desktop Entry spec requires when it has to be.
    static QString quoteExecArgument(const QString& argument);

    QString path() const { return m_path; }
    bool isEnabled() const;
    Result<bool> write(const AutostartEntry& entry) const;
    Result<bool> remove() const;

private:
    QString m_path;
};

} // namespace tokenpass::platform
