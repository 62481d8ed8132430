#pragma once

#include <QString>
#include <QStringList>

namespace tokenpass::platform {

// What the OS should start at login. The same description feeds all three implementations (XDG
// desktop entry, LaunchAgent / SMAppService, Run key), so they cannot drift apart.
struct AutostartEntry
{
    QString appId; // reverse-DNS id: the .desktop and .plist file names, the LaunchAgent label
    QString name;  // shown by the OS's startup-apps lists; the Run-key value name on Windows
    QString comment;
    QString iconName;
    QString executable;    // absolute path of what to launch
    QStringList arguments; // "--minimized": at login the app goes straight to the tray

    // This running program. Inside an AppImage the executable is $APPIMAGE (the .AppImage file
    // the person downloaded), not the per-run mount under /tmp/.mount_*, which is gone next login.
    static AutostartEntry forThisApplication();
};

// The application id used for every installed file (desktop entry, metainfo, autostart entry).
QString applicationId();

// TOKENPASS_AUTOSTART_PATH_MOCK, when set, names a folder that replaces the OS location for every
// autostart write (the .desktop file, the LaunchAgent plist, a Run.ini instead of the registry),
// so tests never touch the real one. Empty when unset.
QString autostartMockFolder();

} // namespace tokenpass::platform
