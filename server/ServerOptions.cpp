#include "ServerOptions.h"

namespace tokenpass::server {

QStringList ServerOptions::whitelistFromEnvironment()
{
    QStringList out;
    const QString raw = qEnvironmentVariable("TOKENPASS_ORIGIN_WHITELIST");
    for (const QString& entry : raw.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        QString origin = entry.trimmed();
        while (origin.endsWith(QLatin1Char('/')))
            origin.chop(1); // "http://localhost:3000/" names the same origin
        if (!origin.isEmpty())
            out.append(origin);
    }
    return out;
}

} // namespace tokenpass::server
