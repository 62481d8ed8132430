// The Linux screen-lock watcher for real: a private dbus-daemon (never the person's own bus),
// the watcher listening on it, and the signals sent by dbus-send as another process would.

#include "platform/SessionWatcher.h"

#include <gtest/gtest.h>

#ifdef Q_OS_LINUX

#include "platform/DbusSessionWatcher.h"

#include <QDBusConnection>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using tokenpass::platform::DbusSessionWatcher;

namespace {

class PrivateBus
{
public:
    PrivateBus()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("dbus-daemon")).isEmpty())
            return;
        m_daemon.start(
            QStringLiteral("dbus-daemon"),
            {QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--print-address=1")});
        if (!m_daemon.waitForStarted(5000))
            return;
        QByteArray out;
        for (int i = 0; i < 50 && !out.contains('\n'); ++i) {
            m_daemon.waitForReadyRead(100);
            out += m_daemon.readAllStandardOutput();
        }
        m_address = QString::fromUtf8(out.trimmed());
    }
    ~PrivateBus()
    {
        QDBusConnection::disconnectFromBus(QStringLiteral("watcher-test"));
        m_daemon.kill();
        m_daemon.waitForFinished(3000);
    }
    bool ok() const { return !m_address.isEmpty(); }
    QDBusConnection connection() const
    {
        return QDBusConnection::connectToBus(m_address, QStringLiteral("watcher-test"));
    }
    // Sends a signal from a separate process, as logind or the screen saver would.
    bool emitSignal(const QString& path, const QString& member, const QString& argument = QString()) const
    {
        QStringList args{QStringLiteral("--bus=") + m_address, QStringLiteral("--type=signal"), path, member};
        if (!argument.isEmpty())
            args.append(argument); // login1's Session.Lock has none
        return QProcess::execute(QStringLiteral("dbus-send"), args) == 0;
    }

private:
    QProcess m_daemon;
    QString m_address;
};

bool haveDbusTools()
{
    return !QStandardPaths::findExecutable(QStringLiteral("dbus-daemon")).isEmpty() &&
           !QStandardPaths::findExecutable(QStringLiteral("dbus-send")).isEmpty();
}

} // namespace

TEST(DbusSessionWatcher, ReportsSuspendScreenSaverAndSessionLock)
{
    if (!haveDbusTools())
        GTEST_SKIP() << "dbus-daemon or dbus-send is not installed";
    PrivateBus bus;
    ASSERT_TRUE(bus.ok());
    QDBusConnection connection = bus.connection();
    ASSERT_TRUE(connection.isConnected());
    // No logind on the private bus: the session is unknown, so any session's Lock counts.
    DbusSessionWatcher watcher(connection, connection);
    EXPECT_TRUE(watcher.isWatching());
    EXPECT_TRUE(watcher.sessionPath().isEmpty());
    QSignalSpy locked(&watcher, &DbusSessionWatcher::screenLocked);
    QSignalSpy sleeping(&watcher, &DbusSessionWatcher::suspending);

    // Waking up and the screen saver going away are not reasons to lock.
    ASSERT_TRUE(bus.emitSignal(QStringLiteral("/org/freedesktop/login1"),
                               QStringLiteral("org.freedesktop.login1.Manager.PrepareForSleep"),
                               QStringLiteral("boolean:false")));
    ASSERT_TRUE(bus.emitSignal(QStringLiteral("/org/gnome/ScreenSaver"),
                               QStringLiteral("org.gnome.ScreenSaver.ActiveChanged"),
                               QStringLiteral("boolean:false")));
    QTest::qWait(200);
    EXPECT_EQ(sleeping.count(), 0);
    EXPECT_EQ(locked.count(), 0);

    ASSERT_TRUE(bus.emitSignal(QStringLiteral("/org/freedesktop/login1"),
                               QStringLiteral("org.freedesktop.login1.Manager.PrepareForSleep"),
                               QStringLiteral("boolean:true")));
    EXPECT_TRUE(QTest::qWaitFor([&] { return sleeping.count() == 1; }, 3000));

    ASSERT_TRUE(bus.emitSignal(QStringLiteral("/org/gnome/ScreenSaver"),
                               QStringLiteral("org.gnome.ScreenSaver.ActiveChanged"),
                               QStringLiteral("boolean:true")));
    EXPECT_TRUE(QTest::qWaitFor([&] { return locked.count() == 1; }, 3000));
    ASSERT_TRUE(bus.emitSignal(QStringLiteral("/org/freedesktop/ScreenSaver"),
                               QStringLiteral("org.freedesktop.ScreenSaver.ActiveChanged"),
                               QStringLiteral("boolean:true")));
    EXPECT_TRUE(QTest::qWaitFor([&] { return locked.count() == 2; }, 3000));
}

TEST(DbusSessionWatcher, SessionLockCountsAndStopsWhenDestroyed)
{
    if (!haveDbusTools())
        GTEST_SKIP() << "dbus-daemon or dbus-send is not installed";
    PrivateBus bus;
    ASSERT_TRUE(bus.ok());
    QDBusConnection connection = bus.connection();
    int locks = 0;
    {
        DbusSessionWatcher watcher(connection, connection);
        QObject::connect(&watcher, &DbusSessionWatcher::screenLocked, [&] { ++locks; });
        ASSERT_TRUE(bus.emitSignal(QStringLiteral("/org/freedesktop/login1/session/_31"),
                                   QStringLiteral("org.freedesktop.login1.Session.Lock")));
        EXPECT_TRUE(QTest::qWaitFor([&] { return locks == 1; }, 3000));
    }
    // A destroyed watcher has taken its matches off the shared connection.
    ASSERT_TRUE(bus.emitSignal(QStringLiteral("/org/gnome/ScreenSaver"),
                               QStringLiteral("org.gnome.ScreenSaver.ActiveChanged"),
                               QStringLiteral("boolean:true")));
    QTest::qWait(200);
    EXPECT_EQ(locks, 1);
}

#else

TEST(SessionWatcher, OtherSystemsHaveAWatcherThatWatchesNothingYet)
{
    auto watcher = tokenpass::platform::SessionWatcher::create();
    ASSERT_NE(watcher, nullptr);
    EXPECT_FALSE(watcher->isWatching());
}

#endif // Q_OS_LINUX
