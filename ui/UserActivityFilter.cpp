#include "UserActivityFilter.h"

#include <QEvent>

namespace tokenpass::ui {

bool UserActivityFilter::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::ContextMenu:
        if (!m_sinceLast.isValid() || m_sinceLast.elapsed() >= kThrottleMs) {
            m_sinceLast.start();
            Q_EMIT active();
        }
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace tokenpass::ui
