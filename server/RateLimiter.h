#pragma once

#include "Clock.h"

#include <QHash>
#include <QString>

namespace tokenpass::server {

// v0.0.8's limiter (API.md §1.4, decision 8): a fixed 60 s window of 5 attempts per key, every
// attempt counting, successful or not. Keys are per endpoint only ("login", "register", ...):
// every caller is local, and X-Forwarded-For / X-Real-IP are ignored so nobody can pick a fresh
// bucket by sending a header. Used on the server thread only.
class RateLimiter
{
public:
    static constexpr int kLimit = 5;
    static constexpr qint64 kWindowMs = 60000;

    explicit RateLimiter(const Clock& clock) : m_clock(clock) {}

    // Counts one attempt. 0 if it is allowed, else the seconds until the window ends (>= 1).
    int hit(const QString& key);
    void reset() { m_windows.clear(); }

private:
    struct Window
    {
        qint64 startMs = 0;
        int count = 0;
    };
    const Clock& m_clock;
    QHash<QString, Window> m_windows;
};

} // namespace tokenpass::server
