#pragma once

#include <QElapsedTimer>
#include <QObject>

namespace tokenpass::ui {

// Watches the whole application for the person's input (keys, clicks, wheel, touch) so the idle
// lock counts UI use as activity (DESIGN.md "Lock model"). Install it on qApp. It only observes:
// every event goes on to its receiver.
class UserActivityFilter : public QObject
{
    Q_OBJECT
public:
    // active() is emitted at most this often; the idle lock counts minutes.
    static constexpr qint64 kThrottleMs = 1000;

    using QObject::QObject;

Q_SIGNALS:
    void active();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QElapsedTimer m_sinceLast; // invalid until the first input
};

} // namespace tokenpass::ui
