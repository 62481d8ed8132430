#pragma once

#include <QElapsedTimer>
#include <QLabel>
#include <QTimer>

#include <functional>

namespace tokenpass::ui {

// A label that counts down whole seconds and says when time is up. Used for the approval
// timeouts (a dialog left alone means deny) and the unlock back-off, so the person always sees
// how long they have, or how long they must wait.
class CountdownLabel : public QLabel
{
    Q_OBJECT
public:
    // `format` turns the seconds left into the text, e.g. "Denies itself in 42 s".
    using Format = std::function<QString(int secondsLeft)>;

    explicit CountdownLabel(Format format, QWidget* parent = nullptr);

    void start(qint64 ms);
    void stop();
    bool isRunning() const { return m_ticker.isActive(); }
    int secondsLeft() const;

Q_SIGNALS:
    void expired();

private:
    void tick();

    Format m_format;
    qint64 m_durationMs = 0;
    QElapsedTimer m_elapsed; // monotonic: a clock change does not stretch a timeout
    QTimer m_ticker;
};

} // namespace tokenpass::ui
