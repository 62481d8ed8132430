#pragma once

#include <QCoreApplication>
#include <QString>

namespace tokenpass::ui {

// "5 minutes ago", "in 3 days": how the sites window shows times (issue 19); the exact time goes
// in a tooltip (exactTime). Past and future both read naturally; beyond a month, the date.
class RelativeTime
{
    Q_DECLARE_TR_FUNCTIONS(RelativeTime)
public:
    static QString describe(qint64 ms, qint64 nowMs);
    static QString exactTime(qint64 ms);
};

} // namespace tokenpass::ui
