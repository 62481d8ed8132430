#pragma once

#include "Clock.h"
#include "Result.h"

#include <QString>
#include <QVariantList>

#include <memory>

namespace tokenpass::store {

class Database;
class Settings;

// How long and how much audit log is kept as rows (issue 13: ~87 bytes per signature, which an
// agent signing once a second turns into gigabytes a year). A limit <= 0 is no limit.
struct AuditRetentionLimits
{
    qint64 maxAgeMs = 0;
    qint64 maxRowsPerSite = 0;
    qint64 maxRowsTotal = 0;

    static AuditRetentionLimits fromSettings(const Settings& settings);
};

// What one prune folded, by the rule that took the rows (age first, then each site's cap, then
// the total cap).
struct AuditPruneReport
{
    qint64 byAge = 0;
    qint64 bySiteCap = 0;
    qint64 byTotalCap = 0;

    qint64 folded() const { return byAge + bySiteCap + byTotalCap; }
};

// Keeps the audit log within its limits. Rows beyond them are not lost but folded into per-site
// daily counts (table audit_daily, read by AuditLog::counts), so "412 signatures in March"
// survives; only the details of single entries go. Then the freed pages go back to the file
// system (incremental vacuum), so the file shrinks.
//
// The work is done in transactions of at most kChunkRows rows, so the API's writes wait for the
// write lock for a short while only, however large the backlog.
class AuditRetention
{
public:
    static constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;
    static constexpr int kChunkRows = 20000;
    static constexpr int kVacuumStepsPerTransaction = 4096; // pages (4 KiB each) per transaction

    AuditRetention(std::shared_ptr<Database> database, const Clock& clock = Clock::system());

    // With the limits in Settings.
    Result<AuditPruneReport> prune();
    Result<AuditPruneReport> prune(const AuditRetentionLimits& limits);

private:
    // Folds the `limit` oldest rows matching `where` (all of them for limit < 0); returns how many.
    Result<qint64> foldOldest(const QString& where, const QVariantList& binds, qint64 limit);
    Result<qint64> foldChunk(const QString& where, const QVariantList& binds, qint64 rows);
    Result<qint64> foldSitesOverCap(qint64 maxRowsPerSite);
    Result<qint64> foldBeyondTotal(qint64 maxRowsTotal);
    void giveBackFreePages();

    std::shared_ptr<Database> m_database;
    const Clock& m_clock;
};

} // namespace tokenpass::store
