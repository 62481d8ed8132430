#pragma once

#include "Clock.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <memory>

namespace tokenpass::store {

class Database;

// Runs AuditRetention at start and then once a day, with the limits in Settings at that time.
// The day is measured on the Clock, not by a one-day timer: a timer is polled every kPollMs, so a
// laptop that slept through the due time prunes soon after it wakes. A prune runs on a thread of
// its own (its own SQLite connection), so neither the tray nor the API waits for it; a failed one
// (a full disk) is tried again at the next poll.
class AuditPruneSchedule : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kIntervalMs = 24LL * 60 * 60 * 1000;
    static constexpr int kPollMs = 15 * 60 * 1000;

    AuditPruneSchedule(std::shared_ptr<Database> database, const Clock& clock = Clock::system(),
                       QObject* parent = nullptr);
    ~AuditPruneSchedule() override; // waits for a running prune

    // A prune in the background, now or `firstAfterMs` from now, then one whenever the day has passed.
    void start(int firstAfterMs = 0);
    // Prunes on the calling thread when no prune succeeded yet or the last one is kIntervalMs old.
    // Returns whether it pruned successfully.
    bool pruneIfDue();
    // Tests: waits for a background prune.
    void waitForBackground();
    // Epoch ms of the last successful prune, 0 before the first.
    qint64 lastPruneMs() const { return m_lastPruneMs.load(); }

private:
    void pruneInBackground();

    std::shared_ptr<Database> m_database;
    const Clock& m_clock;
    QTimer m_poll;
    QThreadPool m_worker; // one thread: prunes never overlap
    std::atomic<qint64> m_lastPruneMs{0};
};

} // namespace tokenpass::store
