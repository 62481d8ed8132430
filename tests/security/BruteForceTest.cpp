// Password guessing (API.md decision 8): the per-endpoint limit and the failed-unlock back-off,
// which lives on disk and so survives quitting and restarting TokenPass.

#include "SecurityFixture.h"

#include "store/UnlockBackoff.h"

using namespace tokenpass::test;
using tokenpass::store::UnlockBackoff;

class BruteForce : public SecurityFixture
{
protected:
    HttpResult login(const QByteArray& password)
    {
        return post(QStringLiteral("/api/login"), "{\"password\":\"" + password + "\"}");
    }

    // 429 with a Retry-After that matches the body and is at least `atLeast` seconds.
    void expectTooMany(const HttpResult& r, const QString& error, int atLeast)
    {
        EXPECT_EQ(r.status, 429) << r.body.constData();
        EXPECT_EQ(r.json().value(QStringLiteral("error")).toString(), error);
        bool ok = false;
        const int retryAfter = r.header("Retry-After").toInt(&ok);
        EXPECT_TRUE(ok) << "Retry-After: " << r.header("Retry-After").constData();
        EXPECT_GE(retryAfter, atLeast);
        EXPECT_EQ(r.json().value(QStringLiteral("retryAfter")).toInt(), retryAfter);
        EXPECT_FALSE(r.body.contains("success\":true"));
        expectHardenedJson(r, "429");
    }
};

TEST_F(BruteForce, WrongLoginsBackOffAndTheBackOffSurvivesARestart)
{
    const QString tooMany = QStringLiteral("Too many login attempts. Please try again later.");
    registerWallet();
    ASSERT_EQ(post(QStringLiteral("/api/logout"), "{}").status, 200);

    // The free failures answer "Invalid password" and cost nothing.
    for (int i = 0; i < UnlockBackoff::kFreeFailures + 1; ++i) {
        const HttpResult r = login("guess-" + QByteArray::number(i));
        EXPECT_EQ(r.status, 401) << i;
        EXPECT_EQ(r.body, QByteArray(R"({"error":"Invalid password"})"));
    }
    // Now even the right password is refused without being tried.
    expectTooMany(login(kPassword), tooMany, 1);
    EXPECT_FALSE(walletUnlocked());

    // Quit and start again on the same folder: the per-endpoint counter is gone, the back-off not.
    restartProcessState();
    expectTooMany(login(kPassword), tooMany, 1);
    EXPECT_FALSE(walletUnlocked());
    // Nor can another password endpoint be used to keep guessing.
    expectTooMany(post(QStringLiteral("/api/auth"), R"({"host":"a.example","password":"guess"})"),
                  QStringLiteral("Too many authentication attempts. Please try again later."), 1);

    // Once the wait is over, the right password works and clears the back-off.
    m_clock.advance(UnlockBackoff::delayAfter(UnlockBackoff::kFreeFailures + 1));
    const HttpResult ok = login(kPassword);
    EXPECT_EQ(ok.status, 200) << ok.body.constData();
    EXPECT_TRUE(walletUnlocked());
}

TEST_F(BruteForce, BackOffGrowsWithEachFailure)
{
    registerWallet();
    ASSERT_EQ(post(QStringLiteral("/api/logout"), "{}").status, 200);
    qint64 waited = 0;
    for (int failures = 1; failures <= UnlockBackoff::kFreeFailures + 4; ++failures) {
        m_clock.advance(61000); // past the per-endpoint window, so only the back-off speaks
        ASSERT_EQ(login("wrong-" + QByteArray::number(failures)).status, 401) << failures;
        const qint64 delay = UnlockBackoff::delayAfter(failures);
        if (delay == 0)
            continue;
        EXPECT_GT(delay, waited);
        waited = delay;
        const HttpResult blocked = login(kPassword);
        expectTooMany(blocked, QStringLiteral("Too many login attempts. Please try again later."),
                      int(delay / 1000));
        m_clock.advance(delay);
    }
    EXPECT_GE(waited, 8000); // 1 s, 2 s, 4 s, 8 s
    EXPECT_FALSE(walletUnlocked());
}

TEST_F(BruteForce, PerEndpointLimitIgnoresForwardedFor)
{
    registerWallet();
    ASSERT_EQ(post(QStringLiteral("/api/logout"), "{}").status, 200);
    int limited = 0;
    for (int i = 0; i < 8; ++i) {
        // A new "client address" each time must not reset the limit (decision 8).
        const HttpResult r = post(QStringLiteral("/api/export"), R"({"password":""})",
                                  {{"X-Forwarded-For", "10.0.0." + QByteArray::number(i)},
                                   {"X-Real-IP", "10.0.1." + QByteArray::number(i)}});
        if (r.status == 429) {
            ++limited;
            EXPECT_EQ(r.header("Retry-After"), QByteArray("60"));
        }
    }
    EXPECT_EQ(limited, 3); // five allowed per 60 s
}
