#pragma once

#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QString>

namespace tokenpass::access {

// What the API did, for the GUI: "someone used the API" (the idle lock counts it as activity)
// and "a site got a signature" (the tray says so). The server calls the note*() functions on its
// own thread; receivers on the GUI thread get the signals queued (Qt's auto connection), so no
// receiver ever runs on the server thread.
class ApiActivity : public QObject
{
    Q_OBJECT
public:
    // used() is emitted at most this often, so a busy client does not flood the GUI thread.
    static constexpr qint64 kUsedThrottleMs = 1000;

    explicit ApiActivity(QObject* parent = nullptr);

    // Thread-safe.
    void noteRequest();
    // Thread-safe. `what` is a short description ("message, 12 bytes"), never the payload.
    void noteSignature(const QString& host, const QString& what);

Q_SIGNALS:
    void used();
    void signatureMade(const QString& host, const QString& what);

private:
    QMutex m_mutex;
    QElapsedTimer m_sinceUsed; // invalid until the first request
};

} // namespace tokenpass::access
