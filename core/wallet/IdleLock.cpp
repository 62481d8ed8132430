#include "wallet/IdleLock.h"

#include <algorithm>

namespace tokenpass::wallet {

IdleLock::IdleLock(const Clock& clock, qint64 checkIntervalMs, QObject* parent)
    : QObject(parent), m_clock(clock), m_lastActivityMs(clock.nowMs())
{
    m_timer.setInterval(int(std::clamp<qint64>(checkIntervalMs, 1, 24 * 3600 * 1000)));
    connect(&m_timer, &QTimer::timeout, this, &IdleLock::check);
    m_timer.start();
}

void IdleLock::setIdleMinutes(qint64 minutes)
{
    m_minutes = std::max<qint64>(0, minutes);
}

void IdleLock::setWatching(bool watching)
{
    if (watching && !m_timer.isActive())
        m_timer.start();
    else if (!watching)
        m_timer.stop();
}

void IdleLock::touch()
{
    m_lastActivityMs = m_clock.nowMs();
    m_fired = false;
}

void IdleLock::check()
{
    const qint64 minutes = idleMinutes();
    if (minutes <= 0 || m_fired)
        return;
    if (idleForMs() >= minutes * 60000) {
        m_fired = true;
        Q_EMIT idle();
    }
}

} // namespace tokenpass::wallet
