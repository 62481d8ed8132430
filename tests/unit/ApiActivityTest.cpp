#include "access/ApiActivity.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <gtest/gtest.h>

using tokenpass::access::ApiActivity;

TEST(ApiActivity, SignalsFromTheServerThreadArriveOnTheReceiversThread)
{
    ApiActivity activity;
    QObject receiver; // on this (the "GUI") thread
    Qt::HANDLE usedOn = nullptr;
    Qt::HANDLE signedOn = nullptr;
    QString host;
    QString what;
    QObject::connect(&activity, &ApiActivity::used, &receiver, [&] { usedOn = QThread::currentThreadId(); });
    QObject::connect(&activity, &ApiActivity::signatureMade, &receiver,
                     [&](const QString& h, const QString& w) {
                         signedOn = QThread::currentThreadId();
                         host = h;
                         what = w;
                     });

    QThread* server = QThread::create([&] {
        activity.noteRequest();
        activity.noteSignature(QStringLiteral("shop.example"), QStringLiteral("message, 5 bytes"));
    });
    server->start();
    ASSERT_TRUE(server->wait(5000));
    delete server;
    ASSERT_TRUE(QTest::qWaitFor([&] { return signedOn != nullptr && usedOn != nullptr; }, 3000));
    EXPECT_EQ(usedOn, QThread::currentThreadId());
    EXPECT_EQ(signedOn, QThread::currentThreadId());
    EXPECT_EQ(host, QStringLiteral("shop.example"));
    EXPECT_EQ(what, QStringLiteral("message, 5 bytes"));
}

TEST(ApiActivity, UsedIsThrottled)
{
    ApiActivity activity;
    QSignalSpy used(&activity, &ApiActivity::used);
    for (int i = 0; i < 100; ++i)
        activity.noteRequest();
    EXPECT_EQ(used.count(), 1);
    QTest::qWait(int(ApiActivity::kUsedThrottleMs) + 50);
    activity.noteRequest();
    EXPECT_EQ(used.count(), 2);
}
