#include "RateLimiter.h"

namespace tokenpass::server {

int RateLimiter::hit(const QString& key)
{
    const qint64 now = m_clock.nowMs();
    Window& w = m_windows[key];
    if (w.count == 0 || now - w.startMs >= kWindowMs) {
        w.startMs = now;
        w.count = 0;
    }
    ++w.count;
    if (w.count <= kLimit)
        return 0;
    const qint64 remainingMs = w.startMs + kWindowMs - now;
    return int(qMax<qint64>(1, (remainingMs + 999) / 1000));
}

} // namespace tokenpass::server
