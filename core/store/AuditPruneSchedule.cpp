#include "store/AuditPruneSchedule.h"

#include "store/AuditRetention.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtDebug>

namespace tokenpass::store {

AuditPruneSchedule::AuditPruneSchedule(std::shared_ptr<Database> database, const Clock& clock,
                                       QObject* parent)
    : QObject(parent), m_database(std::move(database)), m_clock(clock)
{
    m_worker.setMaxThreadCount(1);
    m_worker.setExpiryTimeout(-1); // one thread, one SQLite connection, for the schedule's life
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &AuditPruneSchedule::pruneInBackground);
}

AuditPruneSchedule::~AuditPruneSchedule()
{
    m_poll.stop();
    m_worker.waitForDone();
}

void AuditPruneSchedule::start(int firstAfterMs)
{
    if (firstAfterMs > 0)
        QTimer::singleShot(firstAfterMs, this, &AuditPruneSchedule::pruneInBackground);
    else
        pruneInBackground();
    m_poll.start();
}

bool AuditPruneSchedule::pruneIfDue()
{
    const qint64 now = m_clock.nowMs();
    const qint64 last = m_lastPruneMs.load();
    // A clock set back by more than a day counts as due too, rather than waiting for it to catch up.
    if (last != 0 && now - last < kIntervalMs && now >= last)
        return false;
    const auto report = AuditRetention(m_database, m_clock).prune();
    if (!report) {
        qWarning("tokenpass: audit log retention: %s", qPrintable(report.error()));
        return false;
    }
    m_lastPruneMs = std::max<qint64>(now, 1);
    return true;
}

void AuditPruneSchedule::waitForBackground()
{
    m_worker.waitForDone();
}

void AuditPruneSchedule::pruneInBackground()
{
    if (m_worker.activeThreadCount() > 0)
        return; // the previous prune is still running
    (void)QtConcurrent::run(&m_worker, [this] { (void)pruneIfDue(); });
}

} // namespace tokenpass::store
