#pragma once

#include "platform/SessionWatcher.h"

#include <QDBusConnection>
#include <QString>

class QDBusMessage;

namespace tokenpass::platform {

// Linux: listens on the system bus for login1's Manager.PrepareForSleep(true) and our session's
// Session.Lock, and on the session bus for ActiveChanged(true) from org.freedesktop.ScreenSaver
// and org.gnome.ScreenSaver.
//
// Matches ignore the sender: desktops differ in who owns these names, and a forged signal can
// only lock the wallet, which is always safe. The buses are parameters so a test can point both
// at a private dbus-daemon and emit the signals with dbus-send.
class DbusSessionWatcher final : public SessionWatcher
{
    Q_OBJECT
public:
    DbusSessionWatcher(QDBusConnection systemBus, QDBusConnection sessionBus, QObject* parent = nullptr);
    ~DbusSessionWatcher() override;

    bool isWatching() const override { return m_watching; }
    // The login1 session object whose Lock signal counts; empty: any session's.
    QString sessionPath() const { return m_sessionPath; }

private Q_SLOTS:
    void onPrepareForSleep(bool starting);
    void onSessionLock(const QDBusMessage& message);
    void onScreenSaverActiveChanged(bool active);

private:
    static QString findSessionPath(QDBusConnection& systemBus);

    QDBusConnection m_system;
    QDBusConnection m_session;
    QString m_sessionPath;
    bool m_watching = false;
};

} // namespace tokenpass::platform
