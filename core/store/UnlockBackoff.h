#pragma once

#include "Clock.h"
#include "Result.h"

#include <memory>

namespace tokenpass::store {

class Database;

// Failed-unlock back-off (API.md decision 8). The first kFreeFailures wrong passwords cost
// nothing; after that each failure makes the next attempt wait, starting at 1 s and doubling up
// to 5 minutes. The state lives in the settings table, so quitting and restarting does not reset
// it. A success clears it.
//
// Callers ask msUntilAllowed() first and refuse the attempt (without trying the password) while
// it is > 0; only attempts that were actually tried are recorded.
class UnlockBackoff
{
public:
    static constexpr int kFreeFailures = 3;
    static constexpr qint64 kBaseDelayMs = 1'000;
    static constexpr qint64 kMaxDelayMs = 300'000;

    UnlockBackoff(std::shared_ptr<Database> database, const Clock& clock = Clock::system());

    // The wait imposed after the given number of consecutive failures: 0 for the first three,
    // then 1 s, 2 s, 4 s, ... capped at kMaxDelayMs.
    static qint64 delayAfter(qint64 failures);

    // 0 when an unlock may be tried now. Never more than kMaxDelayMs, even if the clock was set
    // back after the failure was recorded.
    qint64 msUntilAllowed() const;
    qint64 failureCount() const;

    // Returns the wait now imposed on the next attempt.
    Result<qint64> recordFailure();
    Result<bool> recordSuccess();

private:
    std::shared_ptr<Database> m_database;
    const Clock& m_clock;
};

} // namespace tokenpass::store
