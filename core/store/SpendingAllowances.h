#pragma once

#include "Clock.h"
#include "Result.h"

#include <QString>

#include <cstdint>
#include <memory>

namespace tokenpass::store {

class Database;

// The optional per-site spending allowance (issue 17, TX.md §0): satoshis a site may spend per
// rolling 24 hours without the person being asked. No allowance (0, the default) means every
// transaction is asked, as before. Only spends whose signature was actually returned count.
//
// Concurrency: reserve() checks and holds an amount under one mutex, so two requests at the
// same time cannot both fit under the same remainder. A held amount counts as spent until it is
// spent (recorded) or released; a Reservation that goes away unspent releases itself, so a
// signing that fails gives the amount back. One object decides (the Gatekeeper's); others over
// the same database (the sites window) read and set the allowance.
class SpendingAllowances
{
    struct State;

public:
    static constexpr qint64 kWindowMs = 24LL * 60 * 60 * 1000;
    static constexpr std::uint64_t kMaxSatoshis = 2100000000000000ULL; // MAX_MONEY

    // An amount held against a site's allowance while its transaction is signed.
    class Reservation
    {
    public:
        ~Reservation(); // releases the amount unless spend() recorded it
        Reservation(const Reservation&) = delete;
        Reservation& operator=(const Reservation&) = delete;

        QString host() const { return m_host; }
        std::uint64_t satoshis() const { return m_satoshis; }
        // The signature was returned: the amount is spent (recorded with the txid). Answers what
        // is left of the allowance in the current window. A second call does nothing.
        std::uint64_t spend(const QString& txid);
        void release();

    private:
        friend class SpendingAllowances;
        Reservation(std::shared_ptr<State> state, quint64 id, QString host, std::uint64_t satoshis);
        std::shared_ptr<State> m_state;
        quint64 m_id;
        QString m_host;
        std::uint64_t m_satoshis;
        bool m_done = false;
    };

    explicit SpendingAllowances(std::shared_ptr<Database> database, const Clock& clock = Clock::system());
    ~SpendingAllowances();

    // Satoshis per 24 h; 0 when the site has none (always ask).
    std::uint64_t allowance(const QString& host) const;
    // 0 removes the allowance. Above MAX_MONEY is refused.
    Result<bool> setAllowance(const QString& host, std::uint64_t satoshisPerDay);
    // Spent in the last 24 h (recorded spends, plus amounts this object holds now).
    std::uint64_t spentInWindow(const QString& host) const;
    // allowance − spent, never below 0.
    std::uint64_t remaining(const QString& host) const;
    // Revoke: the allowance and the site's recorded spends go.
    Result<bool> forget(const QString& host);
    Result<bool> forgetAll();

    // Holds `satoshis` when the site has an allowance and they fit under what is left; null
    // otherwise. Atomic with respect to every other reserve() on this object.
    std::shared_ptr<Reservation> reserve(const QString& host, std::uint64_t satoshis);

private:
    std::shared_ptr<State> m_state;
};

} // namespace tokenpass::store
