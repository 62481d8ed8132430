#include "Application.h"
#include "common/TestDataDir.h"

#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <gtest/gtest.h>

using namespace tokenpass;

namespace {
QByteArray get(quint16 port, const QString& path, int* status)
{
    QNetworkAccessManager nam;
    QNetworkReply* reply =
        nam.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path))));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}
} // namespace

TEST(Application, HeadlessServesTheApiAndImportsAPreviousInstallOnce)
{
    test::TestDataDir dir;
    const QByteArray stateDb =
        R"({"host":"global","displayName":"Ann","paymail":"ann@example.com","_id":"qrstuvwxyzabcdef"})"
        "\n";
    {
        QFile f(dir.filePath(QStringLiteral("state.db")));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(stateDb);
    }
    {
        app::Application application(dir.path(), 0, true);
        ASSERT_TRUE(application.start());
        ASSERT_NE(application.listeningPort(), 0);
        int status = 0;
        EXPECT_EQ(get(application.listeningPort(), QStringLiteral("/api/status"), &status),
                  QByteArray(R"({"seed":false,"unlocked":false,"keys":[],"states":[]})")); // API.md §2.1
        EXPECT_EQ(status, 200);
        EXPECT_EQ(get(application.listeningPort(), QStringLiteral("/api/profile"), &status),
                  QByteArray(R"({"host":"global","displayName":"Ann","paymail":"ann@example.com"})"));
    }
    // The old file is read, never written.
    QFile f(dir.filePath(QStringLiteral("state.db")));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), stateDb);
}

TEST(Application, RefusesADataFolderItCannotOpen)
{
    test::TestDataDir dir;
    {
        QFile f(dir.filePath(QStringLiteral("tokenpass.sqlite")));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
    }
    app::Application application(dir.path(), 0, true);
    EXPECT_FALSE(application.start());
}
