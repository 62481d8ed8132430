#pragma once

#include "Result.h"
#include "platform/AutostartEntry.h"

#include <QString>

namespace tokenpass::platform {

// Start at login, one implementation file per OS (Autostart_linux.cpp, Autostart_mac.mm,
// Autostart_win.cpp): the XDG autostart entry, SMAppService with a LaunchAgent fallback, the
// HKCU Run key. TOKENPASS_AUTOSTART_PATH_MOCK redirects every write (see AutostartEntry.h).
class Autostart
{
public:
    explicit Autostart(AutostartEntry entry = AutostartEntry::forThisApplication());

    bool isEnabled() const;
    Result<bool> setEnabled(bool enabled);

    // Where the entry lives (a file path or a registry key), for the Settings dialog and logs.
    QString location() const;

private:
    AutostartEntry m_entry;
};

} // namespace tokenpass::platform
