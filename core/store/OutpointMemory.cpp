#include "store/OutpointMemory.h"

#include "store/Database.h"
#include "store/SqlQuery.h"
#include "store/SqlWrite.h"

#include <QHash>
#include <QMutex>
#include <QVariant>

#include <utility>

namespace tokenpass::store {

namespace {
QByteArray keyOf(QByteArrayView txid, std::uint32_t vout)
{
    return txid.toByteArray() + QByteArray::number(vout);
}
} // namespace

// Entries a failed write could not store yet (key -> entry, with the time it was signed).
struct OutpointMemory::Pending
{
    mutable QMutex mutex;
    QHash<QByteArray, std::pair<Entry, qint64>> entries;
};

OutpointMemory::OutpointMemory(std::shared_ptr<Database> database, const Clock& clock)
    : m_database(std::move(database)), m_clock(clock), m_pending(std::make_unique<Pending>())
{}

OutpointMemory::~OutpointMemory() = default;

std::optional<std::uint64_t> OutpointMemory::amount(QByteArrayView txid, std::uint32_t vout) const
{
    const qint64 cutoff = m_clock.nowMs() - kKeepMs;
    {
        QMutexLocker lock(&m_pending->mutex);
        const auto it = m_pending->entries.constFind(keyOf(txid, vout));
        if (it != m_pending->entries.constEnd() && it->second >= cutoff)
            return it->first.satoshis; // newer than anything stored
    }
    SqlQuery q(m_database->connection());
    q.prepare(QStringLiteral(
        "SELECT satoshis FROM signed_outpoints WHERE txid = ? AND vout = ? AND signed_ms >= ?"));
    q.addBindValue(txid.toByteArray());
    q.addBindValue(qint64(vout));
    q.addBindValue(cutoff);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return std::uint64_t(q.value(0).toLongLong());
}

Result<bool> OutpointMemory::remember(const QList<Entry>& entries)
{
    const qint64 now = m_clock.nowMs();
    QList<std::pair<Entry, qint64>> batch;
    {
        QMutexLocker lock(&m_pending->mutex);
        for (const Entry& e : entries)
            m_pending->entries.insert(keyOf(e.txid, e.vout), {e, now});
        batch = m_pending->entries.values();
    }
    const QString failure =
        QStringLiteral("Cannot remember the signed outpoints in %1").arg(m_database->filePath());
    Result<bool> written = Result<bool>::ok(true);
    {
        WriteTransaction transaction(m_database->connection());
        SqlQuery q(m_database->connection());
        q.prepare(QStringLiteral(
            "INSERT OR REPLACE INTO signed_outpoints (txid, vout, satoshis, signed_ms) VALUES (?, ?, ?, ?)"));
        for (const auto& [e, signedMs] : std::as_const(batch)) {
            q.addBindValue(e.txid);
            q.addBindValue(qint64(e.vout));
            q.addBindValue(qint64(e.satoshis));
            q.addBindValue(signedMs);
            if (!q.exec()) {
                written = writeFailed<bool>(failure, q.lastError(), m_database->filePath());
                break;
            }
        }
        if (written) {
            SqlQuery prune(m_database->connection());
            prune.prepare(QStringLiteral("DELETE FROM signed_outpoints WHERE signed_ms < ?"));
            prune.addBindValue(now - kKeepMs);
            if (!prune.exec())
                written = writeFailed<bool>(failure, prune.lastError(), m_database->filePath());
        }
        if (written)
            written = transaction.commit(failure);
    }
    QMutexLocker lock(&m_pending->mutex);
    if (!written) {
        // Kept for the next write, answered meanwhile from memory; the oldest go beyond the cap.
        while (m_pending->entries.size() > kMaxPending) {
            auto oldest = m_pending->entries.begin();
            for (auto it = m_pending->entries.begin(); it != m_pending->entries.end(); ++it) {
                if (it->second < oldest->second)
                    oldest = it;
            }
            m_pending->entries.erase(oldest);
        }
        return written;
    }
    for (const auto& [e, signedMs] : std::as_const(batch)) {
        const auto it = m_pending->entries.find(keyOf(e.txid, e.vout));
        if (it != m_pending->entries.end() && it->second == signedMs)
            m_pending->entries.erase(it); // unless signed again meanwhile
    }
    return Result<bool>::ok(true);
}

int OutpointMemory::pendingCount() const
{
    QMutexLocker lock(&m_pending->mutex);
    return int(m_pending->entries.size());
}

} // namespace tokenpass::store
