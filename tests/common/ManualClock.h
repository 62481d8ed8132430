#pragma once

#include "Clock.h"

#include <atomic>

namespace tokenpass::test {

// A clock that only moves when the test says so.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 1767225600000) : m_now(startMs) {} // 2026-01-01T00:00:00Z
    qint64 nowMs() const override { return m_now.load(); }
    void advance(qint64 ms) { m_now += ms; }
    void set(qint64 ms) { m_now = ms; }

private:
    std::atomic<qint64> m_now;
};

} // namespace tokenpass::test
