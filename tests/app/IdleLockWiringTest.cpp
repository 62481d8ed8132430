// The idle lock as the app wires it: API use keeps the wallet unlocked, silence locks it after
// the minutes in Settings (DESIGN.md "Lock model"). Headless, so only API use counts here; UI
// input is tested with the UserActivityFilter in tests/ui.

#include "Application.h"
#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "store/Database.h"
#include "store/Settings.h"
#include "wallet/IdleLock.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <gtest/gtest.h>

using namespace tokenpass;

namespace {

constexpr qint64 kMinute = 60000;

QJsonObject call(quint16 port, const QByteArray& method, const QString& path, const QByteArray& body = {})
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply* reply = nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
    delete reply;
    return json;
}

bool unlocked(quint16 port)
{
    return call(port, "GET", QStringLiteral("/api/status")).value(QStringLiteral("unlocked")).toBool();
}

// Lets queued signals (the server thread's "used") arrive, and the API activity throttle pass.
void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

TEST(IdleLockWiring, ApiUseKeepsTheWalletUnlockedAndSilenceLocksIt)
{
    test::TestDataDir dir;
    test::ManualClock clock;
    {
        auto db = store::Database::open(dir.path());
        ASSERT_TRUE(db);
        ASSERT_TRUE(store::Settings(*db).setInteger(store::Settings::Key::IdleLockMinutes, 10));
    }
    app::Application application(dir.path(), 0, true);
    application.setClock(clock);
    ASSERT_TRUE(application.start());
    const quint16 port = application.listeningPort();
    ASSERT_NE(port, 0);
    ASSERT_NE(application.idleLock(), nullptr);
    EXPECT_EQ(application.idleLock()->idleMinutes(), 10);
    EXPECT_FALSE(application.idleLock()->isWatching()) << "no wallet yet: nothing to lock, no timer";

    ASSERT_TRUE(call(port, "POST", QStringLiteral("/api/register"), R"({"password":"correct horse battery"})")
                    .value(QStringLiteral("success"))
                    .toBool());
    ASSERT_TRUE(unlocked(port));
    EXPECT_TRUE(application.idleLock()->isWatching());

    clock.advance(9 * kMinute);
    application.idleLock()->check();
    spin(1100);
    EXPECT_TRUE(unlocked(port)); // an API call, 9 minutes in: the stretch starts again
    spin(100);

    clock.advance(9 * kMinute);
    application.idleLock()->check();
    EXPECT_TRUE(unlocked(port)) << "9 minutes after the last call is not 10";

    spin(1100);
    clock.advance(10 * kMinute);
    application.idleLock()->check();
    spin(100);
    EXPECT_FALSE(unlocked(port));
    EXPECT_FALSE(application.idleLock()->isWatching()) << "locked: the timer stops (0 idle wake-ups)";
}
