#pragma once

#include "Clock.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace tokenpass::wallet {

// DESIGN.md "Lock model": lock after N minutes with neither API use nor UI input. Whoever sees
// activity calls touch(); a timer checks every checkIntervalMs and emits idle() once per idle
// stretch. Time comes from the Clock, so tests move it with a ManualClock and call check().
// Lives on one thread (the GUI thread in the app).
class IdleLock : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultCheckIntervalMs = 15000;

    explicit IdleLock(const Clock& clock = Clock::system(), qint64 checkIntervalMs = kDefaultCheckIntervalMs,
                      QObject* parent = nullptr);

    using MinutesSource = std::function<qint64()>;

    // 0 (or less) switches the idle lock off.
    void setIdleMinutes(qint64 minutes);
    // Read at every check, so a changed setting applies without a restart.
    void setIdleMinutesSource(MinutesSource source) { m_source = std::move(source); }
    qint64 idleMinutes() const { return m_source ? m_source() : m_minutes; }
    qint64 idleForMs() const { return m_clock.nowMs() - m_lastActivityMs; }
    qint64 checkIntervalMs() const { return m_timer.interval(); }
    // Whether the timer runs. The app runs it only while the wallet is unlocked: a locked app
    // has nothing to lock, and an idle app in the tray should not wake up at all.
    void setWatching(bool watching);
    bool isWatching() const { return m_timer.isActive(); }

public Q_SLOTS:
    void touch();
    // Emits idle() if the limit has passed since the last activity.
    void check();

Q_SIGNALS:
    void idle();

private:
    const Clock& m_clock;
    QTimer m_timer;
    MinutesSource m_source;
    qint64 m_minutes = 0;
    qint64 m_lastActivityMs = 0;
    bool m_fired = false; // idle() went out for this stretch; the next touch() re-arms
};

} // namespace tokenpass::wallet
