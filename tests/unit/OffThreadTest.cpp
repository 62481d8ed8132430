// core/OffThread.h: the job runs on the pool, the answer on the context's thread, and nothing
// arrives for a context that is gone.

#include "OffThread.h"
#include "crypto/SecureBytes.h"

#include <QCoreApplication>
#include <QSemaphore>
#include <QTest>
#include <QThread>

#include <gtest/gtest.h>

#include <atomic>
#include <optional>

using tokenpass::runOffThread;

TEST(OffThreadTest, RunsTheJobOnThePoolAndTheAnswerOnTheContextsThread)
{
    QThreadPool pool;
    QObject context;
    QThread* jobThread = nullptr;
    QThread* doneThread = nullptr;
    std::optional<int> answer;
    runOffThread(
        &pool, &context,
        [&jobThread] {
            jobThread = QThread::currentThread();
            return 42;
        },
        [&](int& result) {
            doneThread = QThread::currentThread();
            answer = result;
        });
    ASSERT_TRUE(QTest::qWaitFor([&] { return answer.has_value(); }, 5000));
    EXPECT_EQ(*answer, 42);
    EXPECT_NE(jobThread, QThread::currentThread());
    EXPECT_EQ(doneThread, QThread::currentThread());
}

TEST(OffThreadTest, MoveOnlyResultsTravel)
{
    QObject context;
    std::optional<QByteArray> seen;
    runOffThread(
        &context, [] { return tokenpass::crypto::SecureBytes(QByteArrayLiteral("secret")); },
        [&](tokenpass::crypto::SecureBytes& secret) { seen = secret.view().toByteArray(); });
    ASSERT_TRUE(QTest::qWaitFor([&] { return seen.has_value(); }, 5000));
    EXPECT_EQ(*seen, QByteArrayLiteral("secret"));
}

TEST(OffThreadTest, NothingArrivesForAContextThatIsGone)
{
    QThreadPool pool;
    QSemaphore release;
    std::atomic<bool> ran{false};
    bool delivered = false;
    auto* context = new QObject;
    runOffThread(
        &pool, context,
        [&] {
            release.acquire(); // still running when the context goes
            ran = true;
            return 1;
        },
        [&](int&) { delivered = true; });
    delete context;
    release.release();
    pool.waitForDone();
    QTest::qWait(50);
    QCoreApplication::processEvents();
    EXPECT_TRUE(ran);
    EXPECT_FALSE(delivered);
}
