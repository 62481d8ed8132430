#include "platform/SessionWatcher.h"

namespace tokenpass::platform {

namespace {
// macOS and Windows: not implemented yet (NSWorkspace / WTSRegisterSessionNotification would
// go here). The idle lock still applies there.
class SilentSessionWatcher final : public SessionWatcher
{
public:
    using SessionWatcher::SessionWatcher;
    bool isWatching() const override { return false; }
};
} // namespace

std::unique_ptr<SessionWatcher> SessionWatcher::create(QObject* parent)
{
    return std::make_unique<SilentSessionWatcher>(parent);
}

} // namespace tokenpass::platform
