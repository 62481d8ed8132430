#include "store/AuditRetention.h"

#include "store/Database.h"
#include "store/Settings.h"
#include "store/SqlQuery.h"
#include "store/SqlWrite.h"

#include <QVariant>

#include <limits>

namespace tokenpass::store {

namespace {
QString failureText(const Database& database)
{
    return QStringLiteral("Cannot prune the audit log in %1").arg(database.filePath());
}

void bindAll(SqlQuery& q, const QVariantList& binds)
{
    for (const QVariant& value : binds)
        q.addBindValue(value);
}
} // namespace

AuditRetentionLimits AuditRetentionLimits::fromSettings(const Settings& settings)
{
    AuditRetentionLimits limits;
    limits.maxAgeMs = settings.integer(Settings::Key::AuditMaxAgeDays) * AuditRetention::kDayMs;
    limits.maxRowsPerSite = settings.integer(Settings::Key::AuditMaxRowsPerSite);
    limits.maxRowsTotal = settings.integer(Settings::Key::AuditMaxRowsTotal);
    return limits;
}

AuditRetention::AuditRetention(std::shared_ptr<Database> database, const Clock& clock)
    : m_database(std::move(database)), m_clock(clock)
{}

Result<AuditPruneReport> AuditRetention::prune()
{
    return prune(AuditRetentionLimits::fromSettings(Settings(m_database)));
}

Result<AuditPruneReport> AuditRetention::prune(const AuditRetentionLimits& limits)
{
    using R = Result<AuditPruneReport>;
    AuditPruneReport report;
    if (limits.maxAgeMs > 0) {
        const auto folded =
            foldOldest(QStringLiteral("time_ms < ?"), {m_clock.nowMs() - limits.maxAgeMs}, -1);
        if (!folded)
            return R::failFrom(folded);
        report.byAge = *folded;
    }
    if (limits.maxRowsPerSite > 0) {
        const auto folded = foldSitesOverCap(limits.maxRowsPerSite);
        if (!folded)
            return R::failFrom(folded);
        report.bySiteCap = *folded;
    }
    if (limits.maxRowsTotal > 0) {
        const auto folded = foldBeyondTotal(limits.maxRowsTotal);
        if (!folded)
            return R::failFrom(folded);
        report.byTotalCap = *folded;
    }
    if (report.folded() > 0)
        giveBackFreePages();
    return R::ok(report);
}

Result<qint64> AuditRetention::foldSitesOverCap(qint64 maxRowsPerSite)
{
    QList<std::pair<QString, qint64>> over;
    {
        SqlQuery q(m_database->connection());
        q.prepare(QStringLiteral("SELECT host, count(*) FROM audit_log GROUP BY host HAVING count(*) > ?"));
        q.addBindValue(maxRowsPerSite);
        if (!q.exec())
            return writeFailed<qint64>(failureText(*m_database), q.lastError(), m_database->filePath());
        while (q.next())
            over.append({q.value(0).toString(), q.value(1).toLongLong() - maxRowsPerSite});
    }
    qint64 total = 0;
    for (const auto& [host, excess] : std::as_const(over)) {
        const auto folded = foldOldest(QStringLiteral("host = ?"), {host}, excess);
        if (!folded)
            return folded;
        total += *folded;
    }
    return Result<qint64>::ok(total);
}

Result<qint64> AuditRetention::foldBeyondTotal(qint64 maxRowsTotal)
{
    SqlQuery q(m_database->connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM audit_log")) || !q.next())
        return writeFailed<qint64>(failureText(*m_database), q.lastError(), m_database->filePath());
    const qint64 excess = q.value(0).toLongLong() - maxRowsTotal;
    q.finish();
    return excess > 0 ? foldOldest(QStringLiteral("1"), {}, excess) : Result<qint64>::ok(0);
}

Result<qint64> AuditRetention::foldOldest(const QString& where, const QVariantList& binds, qint64 limit)
{
    qint64 total = 0;
    qint64 remaining = limit < 0 ? std::numeric_limits<qint64>::max() : limit;
    while (remaining > 0) {
        const qint64 rows = std::min<qint64>(remaining, kChunkRows);
        const auto folded = foldChunk(where, binds, rows);
        if (!folded)
            return folded;
        total += *folded;
        remaining -= *folded;
        if (*folded < rows)
            break; // nothing more matches
    }
    return Result<qint64>::ok(total);
}

Result<qint64> AuditRetention::foldChunk(const QString& where, const QVariantList& binds, qint64 rows)
{
    // The chunk is the `rows` oldest matching rows; both statements pick the same ones, in the
    // same transaction. Counting and deleting together keeps "folded + remaining == written".
    const QString chunk = QStringLiteral("SELECT id FROM audit_log WHERE %1 ORDER BY time_ms, id LIMIT %2")
                              .arg(where)
                              .arg(rows);
    SqlConnection db = m_database->connection();
    WriteTransaction transaction(db);
    if (!transaction.owned()) // folding and deleting must be one change, or totals drift
        return writeFailed<qint64>(failureText(*m_database), db.lastError(), m_database->filePath());
    SqlQuery fold(db);
    fold.prepare(QStringLiteral(R"SQL(
INSERT INTO audit_daily (host, day_start_ms, operation, result, entries)
SELECT host, time_ms - time_ms % %1, operation, result, count(*) FROM audit_log
WHERE id IN (%2) GROUP BY 1, 2, 3, 4
ON CONFLICT (host, day_start_ms, operation, result) DO UPDATE SET entries = entries + excluded.entries
)SQL")
                     .arg(kDayMs)
                     .arg(chunk));
    bindAll(fold, binds);
    if (!fold.exec())
        return writeFailed<qint64>(failureText(*m_database), fold.lastError(), m_database->filePath());
    SqlQuery remove(db);
    remove.prepare(QStringLiteral("DELETE FROM audit_log WHERE id IN (%1)").arg(chunk));
    bindAll(remove, binds);
    if (!remove.exec())
        return writeFailed<qint64>(failureText(*m_database), remove.lastError(), m_database->filePath());
    const qint64 removed = remove.numRowsAffected();
    const auto committed = transaction.commit(failureText(*m_database));
    if (!committed)
        return Result<qint64>::failFrom(committed);
    return Result<qint64>::ok(removed);
}

void AuditRetention::giveBackFreePages()
{
    // Best effort: the prune itself is done. Each step of "PRAGMA incremental_vacuum" frees one
    // page, and Qt steps a statement without result columns only once, so it is run once per free
    // page, kVacuumStepsPerTransaction to a transaction (short holds of the write lock). The file
    // shrinks at the checkpoint (WAL mode); PASSIVE never waits for the API's readers or writers,
    // and a later checkpoint finishes what it could not.
    SqlConnection db = m_database->connection();
    const auto freePages = [&db] {
        SqlQuery q(db);
        return q.exec(QStringLiteral("PRAGMA freelist_count")) && q.next() ? q.value(0).toLongLong() : 0;
    };
    for (qint64 left = freePages(); left > 0;) {
        WriteTransaction transaction(db);
        if (!transaction.owned())
            break;
        SqlQuery step(db);
        step.prepare(QStringLiteral("PRAGMA incremental_vacuum"));
        const qint64 steps = std::min<qint64>(left, kVacuumStepsPerTransaction);
        for (qint64 i = 0; i < steps; ++i) {
            if (!step.exec())
                return; // rolled back with the transaction; the pages stay free for reuse
        }
        step.finish();
        if (!transaction.commit(QString()))
            return;
        const qint64 now = freePages();
        if (now >= left)
            break; // no progress
        left = now;
    }
    SqlQuery checkpoint(db);
    if (checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"))) {
        while (checkpoint.next()) {
        }
    }
}

} // namespace tokenpass::store
