#include "platform/Autostart.h"

#include "platform/DesktopAutostartFile.h"

namespace tokenpass::platform {

Autostart::Autostart(AutostartEntry entry) : m_entry(std::move(entry)) {}

bool Autostart::isEnabled() const
{
    return DesktopAutostartFile(location()).isEnabled();
}

Result<bool> Autostart::setEnabled(bool enabled)
{
    // Off removes our file rather than writing Hidden=true: we only ever install a per-user
    // entry, so there is no system-wide one (/etc/xdg/autostart) to mask.
    const DesktopAutostartFile file(location());
    return enabled ? file.write(m_entry) : file.remove();
}

QString Autostart::location() const
{
    return DesktopAutostartFile::defaultPath(m_entry.appId);
}

} // namespace tokenpass::platform
