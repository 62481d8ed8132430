#pragma once

#include <QObject>

namespace tokenpass::app {

// SIGINT and SIGTERM end the app through the normal quit path (lock, flush, remove the lock file).
// A signal handler may only call async-signal-safe functions, so it writes one byte to a socket
// pair; a QSocketNotifier on the other end calls QCoreApplication::quit() in the event loop.
// Install it once, after the application object exists.
class QuitSignals : public QObject
{
    Q_OBJECT
public:
    explicit QuitSignals(QObject* parent = nullptr);
    ~QuitSignals() override;

    // False when the socket pair or the handlers could not be set up (the default actions stay).
    bool isInstalled() const { return m_installed; }

private:
    void onSignalByte();

    bool m_installed = false;
};

} // namespace tokenpass::app
