#pragma once

#include <QtGlobal>

namespace tokenpass {

// Wall-clock time in milliseconds since the Unix epoch, behind an interface so tests can move
// time (token expiry, back-off, approval timeouts) without sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;

    static const Clock& system();
};

} // namespace tokenpass
