#include "platform/DbusSessionWatcher.h"

namespace tokenpass::platform {

std::unique_ptr<SessionWatcher> SessionWatcher::create(QObject* parent)
{
    return std::make_unique<DbusSessionWatcher>(QDBusConnection::systemBus(), QDBusConnection::sessionBus(),
                                                parent);
}

} // namespace tokenpass::platform
