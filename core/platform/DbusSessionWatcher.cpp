#include "platform/DbusSessionWatcher.h"

#include <QCoreApplication>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusReply>

namespace tokenpass::platform {

namespace {
const QString kLogin1Service = QStringLiteral("org.freedesktop.login1");
const QString kLogin1Path = QStringLiteral("/org/freedesktop/login1");
const QString kManagerInterface = QStringLiteral("org.freedesktop.login1.Manager");
const QString kSessionInterface = QStringLiteral("org.freedesktop.login1.Session");
const QString kScreenSaverInterfaces[] = {QStringLiteral("org.freedesktop.ScreenSaver"),
                                          QStringLiteral("org.gnome.ScreenSaver")};
} // namespace

DbusSessionWatcher::DbusSessionWatcher(QDBusConnection systemBus, QDBusConnection sessionBus, QObject* parent)
    : SessionWatcher(parent), m_system(std::move(systemBus)), m_session(std::move(sessionBus))
{
    if (m_system.isConnected()) {
        m_sessionPath = findSessionPath(m_system);
        // Empty service and path: any sender, any object (see the header).
        m_watching |=
            m_system.connect(QString(), QString(), kManagerInterface, QStringLiteral("PrepareForSleep"), this,
                             SLOT(onPrepareForSleep(bool)));
        m_watching |= m_system.connect(QString(), QString(), kSessionInterface, QStringLiteral("Lock"), this,
                                       SLOT(onSessionLock(QDBusMessage)));
    }
    if (m_session.isConnected()) {
        for (const QString& interface : kScreenSaverInterfaces)
            m_watching |= m_session.connect(QString(), QString(), interface, QStringLiteral("ActiveChanged"),
                                            this, SLOT(onScreenSaverActiveChanged(bool)));
    }
}

DbusSessionWatcher::~DbusSessionWatcher()
{
    // The connections are shared objects that outlive us; take our matches off them.
    if (m_system.isConnected()) {
        m_system.disconnect(QString(), QString(), kManagerInterface, QStringLiteral("PrepareForSleep"), this,
                            SLOT(onPrepareForSleep(bool)));
        m_system.disconnect(QString(), QString(), kSessionInterface, QStringLiteral("Lock"), this,
                            SLOT(onSessionLock(QDBusMessage)));
    }
    if (m_session.isConnected()) {
        for (const QString& interface : kScreenSaverInterfaces)
            m_session.disconnect(QString(), QString(), interface, QStringLiteral("ActiveChanged"), this,
                                 SLOT(onScreenSaverActiveChanged(bool)));
    }
}

QString DbusSessionWatcher::findSessionPath(QDBusConnection& systemBus)
{
    // Our own session, so another user's lock screen does not count. No logind: any session.
    QDBusMessage call = QDBusMessage::createMethodCall(kLogin1Service, kLogin1Path, kManagerInterface,
                                                       QStringLiteral("GetSessionByPID"));
    call << quint32(QCoreApplication::applicationPid());
    const QDBusReply<QDBusObjectPath> reply = systemBus.call(call, QDBus::Block, 2000);
    return reply.isValid() ? reply.value().path() : QString();
}

void DbusSessionWatcher::onPrepareForSleep(bool starting)
{
    if (starting)
        Q_EMIT suspending();
}

void DbusSessionWatcher::onSessionLock(const QDBusMessage& message)
{
    if (m_sessionPath.isEmpty() || message.path() == m_sessionPath)
        Q_EMIT screenLocked();
}

void DbusSessionWatcher::onScreenSaverActiveChanged(bool active)
{
    if (active)
        Q_EMIT screenLocked();
}

} // namespace tokenpass::platform
