#include "RelativeTime.h"

#include <QDateTime>
#include <QLocale>

namespace tokenpass::ui {

QString RelativeTime::describe(qint64 ms, qint64 nowMs)
{
    const qint64 diff = nowMs - ms;
    const bool future = diff < 0;
    const qint64 seconds = (future ? -diff : diff) / 1000;
    const int minutes = int(seconds / 60);
    const int hours = int(seconds / 3600);
    const int days = int(seconds / 86400);
    if (seconds < 60)
        return future ? tr("in less than a minute") : tr("just now");
    if (minutes < 60)
        return future ? tr("in %n minute(s)", nullptr, minutes) : tr("%n minute(s) ago", nullptr, minutes);
    if (hours < 24)
        return future ? tr("in %n hour(s)", nullptr, hours) : tr("%n hour(s) ago", nullptr, hours);
    if (days < 31)
        return future ? tr("in %n day(s)", nullptr, days) : tr("%n day(s) ago", nullptr, days);
    const QString date = QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).date(), QLocale::ShortFormat);
    return future ? tr("on %1").arg(date) : tr("on %1", "in the past").arg(date);
}

QString RelativeTime::exactTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::LongFormat);
}

} // namespace tokenpass::ui
