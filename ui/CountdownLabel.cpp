#include "CountdownLabel.h"

namespace tokenpass::ui {

CountdownLabel::CountdownLabel(Format format, QWidget* parent) : QLabel(parent), m_format(std::move(format))
{
    m_ticker.setInterval(250);
    connect(&m_ticker, &QTimer::timeout, this, &CountdownLabel::tick);
}

void CountdownLabel::start(qint64 ms)
{
    m_durationMs = qMax<qint64>(0, ms);
    m_elapsed.start();
    m_ticker.start();
    tick();
}

void CountdownLabel::stop()
{
    m_ticker.stop();
    clear();
}

int CountdownLabel::secondsLeft() const
{
    if (!m_elapsed.isValid())
        return 0;
    const qint64 left = m_durationMs - m_elapsed.elapsed();
    return left <= 0 ? 0 : int((left + 999) / 1000);
}

void CountdownLabel::tick()
{
    if (m_elapsed.elapsed() >= m_durationMs) {
        m_ticker.stop();
        clear();
        Q_EMIT expired();
        return;
    }
    setText(m_format(secondsLeft()));
}

} // namespace tokenpass::ui
