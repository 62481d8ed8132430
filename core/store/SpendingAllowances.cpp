#include "store/SpendingAllowances.h"

#include "store/Database.h"
#include "store/SqlQuery.h"
#include "store/SqlWrite.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QVariant>

#include <algorithm>

namespace tokenpass::store {

// Everything behind the one mutex. Reservations share it, so one may outlive its owner.
struct SpendingAllowances::State
{
    struct Amount
    {
        QString host;
        std::uint64_t satoshis = 0;
        qint64 ms = 0;
    };

    std::shared_ptr<Database> database;
    const Clock& clock;
    mutable QMutex mutex;
    quint64 nextId = 1;
    QHash<quint64, Amount> held; // reservation id -> amount being signed
    QList<Amount> unsaved;       // spends whose write failed (a full disk): still counted

    State(std::shared_ptr<Database> db, const Clock& c) : database(std::move(db)), clock(c) {}

    // The caller holds the mutex in what follows.
    std::uint64_t allowanceOf(const QString& host) const
    {
        SqlQuery q(database->connection());
        q.prepare(QStringLiteral("SELECT satoshis_per_day FROM spending_allowances WHERE host = ?"));
        q.addBindValue(host);
        if (!q.exec() || !q.next())
            return 0;
        return std::uint64_t(std::max<qint64>(q.value(0).toLongLong(), 0));
    }

    std::uint64_t spentOf(const QString& host, qint64 now) const
    {
        const qint64 since = now - kWindowMs;
        std::uint64_t spent = 0;
        SqlQuery q(database->connection());
        q.prepare(QStringLiteral(
            "SELECT COALESCE(SUM(satoshis), 0) FROM allowance_spends WHERE host = ? AND spent_ms > ?"));
        q.addBindValue(host);
        q.addBindValue(since);
        if (q.exec() && q.next())
            spent += std::uint64_t(std::max<qint64>(q.value(0).toLongLong(), 0));
        for (const Amount& a : unsaved) {
            if (a.host == host && a.ms > since)
                spent += a.satoshis;
        }
        for (const Amount& a : held) {
            if (a.host == host)
                spent += a.satoshis;
        }
        return spent;
    }

    std::uint64_t remainingOf(const QString& host, qint64 now) const
    {
        const std::uint64_t allowance = allowanceOf(host);
        const std::uint64_t spent = spentOf(host, now);
        return spent >= allowance ? 0 : allowance - spent;
    }

    Result<bool> exec(const QString& sql, const QVariantList& values, const QString& failure)
    {
        SqlQuery q(database->connection());
        q.prepare(sql);
        for (const QVariant& v : values)
            q.addBindValue(v);
        if (!q.exec())
            return writeFailed<bool>(failure, q.lastError(), database->filePath());
        return Result<bool>::ok(true);
    }
};

SpendingAllowances::Reservation::Reservation(std::shared_ptr<State> state, quint64 id, QString host,
                                             std::uint64_t satoshis)
    : m_state(std::move(state)), m_id(id), m_host(std::move(host)), m_satoshis(satoshis)
{}

SpendingAllowances::Reservation::~Reservation()
{
    release();
}

void SpendingAllowances::Reservation::release()
{
    QMutexLocker lock(&m_state->mutex);
    if (m_done)
        return;
    m_done = true;
    m_state->held.remove(m_id);
}

std::uint64_t SpendingAllowances::Reservation::spend(const QString& txid)
{
    State& s = *m_state;
    QMutexLocker lock(&s.mutex);
    const qint64 now = s.clock.nowMs();
    if (!m_done) {
        m_done = true;
        // Recorded before the hold goes, under the same lock: the total never dips meanwhile.
        const auto written =
            s.exec(QStringLiteral(
                       "INSERT INTO allowance_spends (host, satoshis, txid, spent_ms) VALUES (?, ?, ?, ?)"),
                   {m_host, qint64(m_satoshis), txid, now},
                   QStringLiteral("Cannot record the allowance spend in %1").arg(s.database->filePath()));
        if (!written) {
            qWarning("tokenpass: an allowance spend waits in memory: %s", qPrintable(written.error()));
            s.unsaved.append({m_host, m_satoshis, now});
        }
        s.held.remove(m_id);
        // Spends older than the window count for nothing any more.
        (void)s.exec(QStringLiteral("DELETE FROM allowance_spends WHERE spent_ms <= ?"), {now - kWindowMs},
                     QString());
        s.unsaved.removeIf([now](const State::Amount& a) { return a.ms <= now - kWindowMs; });
    }
    return s.remainingOf(m_host, now);
}

SpendingAllowances::SpendingAllowances(std::shared_ptr<Database> database, const Clock& clock)
    : m_state(std::make_shared<State>(std::move(database), clock))
{}

SpendingAllowances::~SpendingAllowances() = default;

std::uint64_t SpendingAllowances::allowance(const QString& host) const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->allowanceOf(host);
}

Result<bool> SpendingAllowances::setAllowance(const QString& host, std::uint64_t satoshisPerDay)
{
    if (host.isEmpty())
        return Result<bool>::fail(QStringLiteral("No site was named"));
    if (satoshisPerDay > kMaxSatoshis)
        return Result<bool>::fail(QStringLiteral("An allowance cannot exceed 21,000,000 BSV"));
    QMutexLocker lock(&m_state->mutex);
    const QString failure =
        QStringLiteral("Cannot save the spending allowance in %1").arg(m_state->database->filePath());
    if (satoshisPerDay == 0)
        return m_state->exec(QStringLiteral("DELETE FROM spending_allowances WHERE host = ?"), {host},
                             failure);
    return m_state->exec(QStringLiteral("INSERT OR REPLACE INTO spending_allowances (host, satoshis_per_day, "
                                        "set_ms) VALUES (?, ?, ?)"),
                         {host, qint64(satoshisPerDay), m_state->clock.nowMs()}, failure);
}

std::uint64_t SpendingAllowances::spentInWindow(const QString& host) const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->spentOf(host, m_state->clock.nowMs());
}

std::uint64_t SpendingAllowances::remaining(const QString& host) const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->remainingOf(host, m_state->clock.nowMs());
}

Result<bool> SpendingAllowances::forget(const QString& host)
{
    QMutexLocker lock(&m_state->mutex);
    const QString failure =
        QStringLiteral("Cannot remove the spending allowance in %1").arg(m_state->database->filePath());
    WriteTransaction transaction(m_state->database->connection());
    auto done =
        m_state->exec(QStringLiteral("DELETE FROM spending_allowances WHERE host = ?"), {host}, failure);
    if (done)
        done = m_state->exec(QStringLiteral("DELETE FROM allowance_spends WHERE host = ?"), {host}, failure);
    if (done)
        done = transaction.commit(failure);
    m_state->unsaved.removeIf([&host](const State::Amount& a) { return a.host == host; });
    return done;
}

Result<bool> SpendingAllowances::forgetAll()
{
    QMutexLocker lock(&m_state->mutex);
    const QString failure =
        QStringLiteral("Cannot remove the spending allowances in %1").arg(m_state->database->filePath());
    WriteTransaction transaction(m_state->database->connection());
    auto done = m_state->exec(QStringLiteral("DELETE FROM spending_allowances"), {}, failure);
    if (done)
        done = m_state->exec(QStringLiteral("DELETE FROM allowance_spends"), {}, failure);
    if (done)
        done = transaction.commit(failure);
    m_state->unsaved.clear();
    return done;
}

std::shared_ptr<SpendingAllowances::Reservation> SpendingAllowances::reserve(const QString& host,
                                                                             std::uint64_t satoshis)
{
    QMutexLocker lock(&m_state->mutex);
    if (m_state->allowanceOf(host) == 0)
        return nullptr; // no allowance: always ask
    if (satoshis > m_state->remainingOf(host, m_state->clock.nowMs()))
        return nullptr;
    const quint64 id = m_state->nextId++;
    m_state->held.insert(id, {host, satoshis, m_state->clock.nowMs()});
    return std::shared_ptr<Reservation>(new Reservation(m_state, id, host, satoshis));
}

} // namespace tokenpass::store
