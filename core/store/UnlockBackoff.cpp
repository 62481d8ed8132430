#include "store/UnlockBackoff.h"

#include "store/Database.h"
#include "store/Settings.h"
#include "store/SqlQuery.h"

#include <algorithm>

namespace tokenpass::store {

UnlockBackoff::UnlockBackoff(std::shared_ptr<Database> database, const Clock& clock)
    : m_database(std::move(database)), m_clock(clock)
{}

qint64 UnlockBackoff::delayAfter(qint64 failures)
{
    if (failures <= kFreeFailures)
        return 0;
    const qint64 doublings = failures - kFreeFailures - 1;
    // 1 s << 9 already exceeds 5 minutes, so the shift never overflows.
    if (doublings >= 9)
        return kMaxDelayMs;
    return std::min(kMaxDelayMs, kBaseDelayMs << doublings);
}

qint64 UnlockBackoff::failureCount() const
{
    return std::max<qint64>(0, Settings(m_database).integer(Settings::Key::UnlockFailureCount));
}

qint64 UnlockBackoff::msUntilAllowed() const
{
    const qint64 nextAllowed = Settings(m_database).integer(Settings::Key::UnlockNextAllowedMs);
    const qint64 wait = nextAllowed - m_clock.nowMs();
    return std::clamp<qint64>(wait, 0, kMaxDelayMs);
}

Result<qint64> UnlockBackoff::recordFailure()
{
    // Count and deadline change together: BEGIN IMMEDIATE holds the write lock across the
    // read-increment-write, so two threads failing at once both count.
    SqlConnection db = m_database->connection();
    const bool own = SqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE"));
    Settings settings(m_database);
    const qint64 failures = failureCount() + 1;
    const qint64 delay = delayAfter(failures);
    auto counted = settings.setInteger(Settings::Key::UnlockFailureCount, failures);
    auto stamped =
        counted ? settings.setInteger(Settings::Key::UnlockNextAllowedMs, m_clock.nowMs() + delay) : counted;
    if (own) {
        if (!stamped || !SqlQuery(db).exec(QStringLiteral("COMMIT"))) {
            SqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            return Result<qint64>::fail(
                stamped ? QStringLiteral("Cannot record the failed unlock in %1").arg(m_database->filePath())
                        : stamped.error());
        }
    } else if (!stamped) {
        return Result<qint64>::fail(stamped.error());
    }
    return Result<qint64>::ok(delay);
}

Result<bool> UnlockBackoff::recordSuccess()
{
    Settings settings(m_database);
    auto count = settings.reset(Settings::Key::UnlockFailureCount);
    auto next = settings.reset(Settings::Key::UnlockNextAllowedMs);
    if (!count)
        return count;
    return next;
}

} // namespace tokenpass::store
