#include "access/ApiActivity.h"

#include <QMutexLocker>

namespace tokenpass::access {

ApiActivity::ApiActivity(QObject* parent) : QObject(parent) {}

void ApiActivity::noteRequest()
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_sinceUsed.isValid() && m_sinceUsed.elapsed() < kUsedThrottleMs)
            return;
        m_sinceUsed.start();
    }
    Q_EMIT used();
}

void ApiActivity::noteSignature(const QString& host, const QString& what)
{
    Q_EMIT signatureMade(host, what);
}

} // namespace tokenpass::access
