// SMAppService (macOS 13+) registers the app bundle itself as a login item, shown under System
// Settings > General > Login Items. Older systems, unsigned builds (SMAppService refuses those)
// and the test mock use a per-user LaunchAgent plist instead.
#include "platform/Autostart.h"

#include "platform/LaunchAgentFile.h"

#import <Foundation/Foundation.h>
#import <ServiceManagement/ServiceManagement.h>

namespace tokenpass::platform {

namespace {

bool useServiceManagement()
{
    if (!autostartMockFolder().isEmpty())
        return false;
    if (@available(macOS 13.0, *))
        return true;
    return false;
}

} // namespace

Autostart::Autostart(AutostartEntry entry) : m_entry(std::move(entry)) {}

bool Autostart::isEnabled() const
{
    if (useServiceManagement()) {
        if (@available(macOS 13.0, *)) {
            const SMAppServiceStatus status = [SMAppService mainAppService].status;
            if (status == SMAppServiceStatusEnabled || status == SMAppServiceStatusRequiresApproval)
                return true;
        }
    }
    return LaunchAgentFile(LaunchAgentFile::defaultPath(m_entry.appId)).isEnabled();
}

Result<bool> Autostart::setEnabled(bool enabled)
{
    const LaunchAgentFile agent(LaunchAgentFile::defaultPath(m_entry.appId));
    if (useServiceManagement()) {
        if (@available(macOS 13.0, *)) {
            NSError* error = nil;
            SMAppService* service = [SMAppService mainAppService];
            const BOOL done =
                enabled ? [service registerAndReturnError:&error] : [service unregisterAndReturnError:&error];
            if (done) {
                // Never leave both mechanisms on: the app would start twice.
                (void)agent.remove();
                return Result<bool>::ok(true);
            }
            if (!enabled && service.status == SMAppServiceStatusNotRegistered)
                return agent.remove();
            // Registration refused (unsigned or moved bundle): fall through to the plist.
        }
    }
    return enabled ? agent.write(m_entry) : agent.remove();
}

QString Autostart::location() const
{
    if (useServiceManagement() && !LaunchAgentFile(LaunchAgentFile::defaultPath(m_entry.appId)).isEnabled())
        return QStringLiteral("System Settings > General > Login Items");
    return LaunchAgentFile::defaultPath(m_entry.appId);
}

} // namespace tokenpass::platform
