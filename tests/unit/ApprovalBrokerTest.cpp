// The queue of questions (core/access/ApprovalBroker): one shown per (host, kind), identical
// requests join, timeouts and "nobody to ask" deny, rejectAll() cancels everything. No HTTP, no
// widgets: a lambda listening to approvalRequested stands in for the UI.

#include "access/ApprovalBroker.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <gtest/gtest.h>

using namespace tokenpass;
using access::ApprovalAnswer;
using access::ApprovalBroker;
using access::ApprovalKind;
using access::ApprovalOutcome;
using access::ApprovalRequest;

namespace {

ApprovalRequest question(const char* host, ApprovalKind kind, const QByteArray& digest)
{
    ApprovalRequest r;
    r.host = QString::fromLatin1(host);
    r.kind = kind;
    r.digest = digest;
    r.summary = QString::fromUtf8(digest);
    return r;
}

class ApprovalBrokerTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        QObject::connect(&m_broker, &ApprovalBroker::approvalRequested, &m_broker,
                         [this](const ApprovalRequest& r) { m_shown.append(r); });
        QObject::connect(&m_broker, &ApprovalBroker::approvalFinished, &m_broker,
                         [this](quint64 id, ApprovalOutcome o) { m_outcomes.insert(id, o); });
    }

    std::optional<ApprovalOutcome> outcome(quint64 id) const
    {
        const auto it = m_outcomes.find(id);
        return it == m_outcomes.end() ? std::nullopt : std::optional(it.value());
    }
    QList<quint64> shownIds() const
    {
        QList<quint64> ids;
        for (const auto& r : m_shown)
            ids.append(r.id);
        return ids;
    }

    ApprovalBroker m_broker;
    QList<ApprovalRequest> m_shown;
    QHash<quint64, ApprovalOutcome> m_outcomes;
};

} // namespace

TEST_F(ApprovalBrokerTest, OneShownPerHostAndKindTheNextWaitsForTheDecision)
{
    const quint64 a = m_broker.submit(question("h", ApprovalKind::Sign, "one"));
    const quint64 b = m_broker.submit(question("h", ApprovalKind::Sign, "two"));
    EXPECT_EQ(shownIds(), QList<quint64>{a});
    EXPECT_EQ(m_broker.queuedCount(), 1);
    EXPECT_EQ(m_broker.pending().size(), 1);

    // Another kind, or another host, is its own line.
    const quint64 c = m_broker.submit(question("h", ApprovalKind::Encrypt, "one"));
    const quint64 d = m_broker.submit(question("other", ApprovalKind::Sign, "one"));
    EXPECT_EQ(shownIds(), (QList<quint64>{a, c, d}));

    m_broker.deny(a);
    EXPECT_EQ(outcome(a), ApprovalOutcome::Denied);
    EXPECT_EQ(shownIds(), (QList<quint64>{a, c, d, b}));
    EXPECT_EQ(m_broker.queuedCount(), 0);
    m_broker.approve(b);
    EXPECT_EQ(outcome(b), ApprovalOutcome::Approved);
}

TEST_F(ApprovalBrokerTest, AnIdenticalRequestJoinsAndIsAnsweredWithIt)
{
    QSignalSpy refocused(&m_broker, &ApprovalBroker::approvalRefocused);
    const quint64 first = m_broker.submit(question("h", ApprovalKind::Sign, "same"));
    const quint64 retry = m_broker.submit(question("h", ApprovalKind::Sign, "same"));
    EXPECT_NE(first, retry);
    EXPECT_EQ(m_shown.size(), 1);
    EXPECT_EQ(m_broker.queuedCount(), 0);
    ASSERT_EQ(refocused.count(), 1);
    EXPECT_EQ(refocused.first().at(0).toULongLong(), first);

    m_broker.approve(first);
    EXPECT_EQ(outcome(first), ApprovalOutcome::Approved);
    EXPECT_EQ(outcome(retry), ApprovalOutcome::Approved);
}

TEST_F(ApprovalBrokerTest, AnEmptyDigestNeverJoins)
{
    const quint64 a = m_broker.submit(question("h", ApprovalKind::Sign, QByteArray()));
    const quint64 b = m_broker.submit(question("h", ApprovalKind::Sign, QByteArray()));
    EXPECT_EQ(shownIds(), QList<quint64>{a});
    m_broker.deny(a);
    EXPECT_FALSE(outcome(b).has_value());
    EXPECT_EQ(shownIds(), (QList<quint64>{a, b}));
}

TEST_F(ApprovalBrokerTest, TimeoutDeniesAndShowsTheNext)
{
    m_broker.setTimeout(ApprovalKind::Sign, 30);
    m_broker.setTimeout(ApprovalKind::Connect, 60000);
    EXPECT_EQ(m_broker.timeout(ApprovalKind::Encrypt), 30); // one timeout for every signing kind
    const quint64 a = m_broker.submit(question("h", ApprovalKind::Sign, "one"));
    const quint64 b = m_broker.submit(question("h", ApprovalKind::Sign, "two"));
    const quint64 c = m_broker.submit(question("h", ApprovalKind::Connect, "connect"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return outcome(b).has_value(); }, 3000));
    EXPECT_EQ(outcome(a), ApprovalOutcome::TimedOut);
    EXPECT_EQ(outcome(b), ApprovalOutcome::TimedOut);
    EXPECT_FALSE(outcome(c).has_value()); // the consent has its own, longer timeout
}

TEST_F(ApprovalBrokerTest, RejectAllCancelsShownQueuedAndJoinedAndShowsNothingAfter)
{
    const quint64 a = m_broker.submit(question("h", ApprovalKind::Sign, "one"));
    const quint64 joined = m_broker.submit(question("h", ApprovalKind::Sign, "one"));
    const quint64 queued = m_broker.submit(question("h", ApprovalKind::Sign, "two"));
    const quint64 consent = m_broker.submit(question("h", ApprovalKind::Connect, "c"));
    m_broker.rejectAll();
    for (const quint64 id : {a, joined, queued, consent})
        EXPECT_EQ(outcome(id), ApprovalOutcome::Cancelled) << id;
    EXPECT_EQ(m_shown.size(), 2); // the queued one was never shown
    EXPECT_TRUE(m_broker.pending().isEmpty());
    EXPECT_EQ(m_broker.queuedCount(), 0);
    // A late answer to a cancelled question changes nothing.
    m_broker.approve(a);
    EXPECT_EQ(outcome(a), ApprovalOutcome::Cancelled);
}

TEST_F(ApprovalBrokerTest, AnAnswerCountsOnce)
{
    QSignalSpy finished(&m_broker, &ApprovalBroker::approvalFinished);
    const quint64 a = m_broker.submit(question("h", ApprovalKind::Sign, "one"));
    m_broker.deny(a);
    m_broker.approve(a);
    m_broker.approve(12345); // never asked
    EXPECT_EQ(finished.count(), 1);
    EXPECT_EQ(outcome(a), ApprovalOutcome::Denied);
}

TEST(ApprovalBrokerAlone, NobodyListeningOrHeadlessDeniesAtOnce)
{
    ApprovalBroker broker;
    QSignalSpy finished(&broker, &ApprovalBroker::approvalFinished);
    EXPECT_FALSE(broker.canAsk());
    const quint64 a = broker.submit(question("h", ApprovalKind::Connect, "c"));
    ASSERT_EQ(finished.count(), 1);
    EXPECT_EQ(finished.at(0).at(0).toULongLong(), a);
    EXPECT_EQ(finished.at(0).at(1).value<ApprovalOutcome>(), ApprovalOutcome::Denied);

    int shown = 0;
    QObject::connect(&broker, &ApprovalBroker::approvalRequested, &broker,
                     [&](const ApprovalRequest&) { ++shown; });
    EXPECT_TRUE(broker.canAsk());
    broker.setHeadless(true);
    EXPECT_FALSE(broker.canAsk());
    broker.submit(question("h", ApprovalKind::Connect, "c"));
    EXPECT_EQ(shown, 0);
    ASSERT_EQ(finished.count(), 2);
    EXPECT_EQ(finished.at(1).at(1).value<ApprovalOutcome>(), ApprovalOutcome::Denied);
}

TEST_F(ApprovalBrokerTest, AStandingAnswerApprovesWithoutShowingAlsoWhenAQueuedOneComesUp)
{
    bool covered = false;
    m_broker.setStandingCheck(
        [&](const ApprovalRequest& r) { return covered && r.host == QLatin1String("h"); });
    const quint64 a = m_broker.submit(question("h", ApprovalKind::Sign, "one"));
    const quint64 b = m_broker.submit(question("h", ApprovalKind::Sign, "two"));
    EXPECT_EQ(shownIds(), QList<quint64>{a});
    covered = true; // e.g. "allow for 15 minutes" was ticked on the first
    m_broker.approve(a);
    EXPECT_EQ(outcome(b), ApprovalOutcome::Approved);
    EXPECT_EQ(shownIds(), QList<quint64>{a}); // never shown
}

TEST_F(ApprovalBrokerTest, TheAnswerGoesToTheHandlerAndAFailureToRecordItDenies)
{
    QList<ApprovalAnswer> answers;
    bool recorded = true;
    m_broker.setAnswerHandler([&](const ApprovalRequest& r, const ApprovalAnswer& answer) {
        EXPECT_EQ(r.host, QStringLiteral("h"));
        answers.append(answer);
        return recorded;
    });
    const quint64 a = m_broker.submit(question("h", ApprovalKind::Sign, "one"));
    m_broker.approve(a, {std::nullopt, true});
    ASSERT_EQ(answers.size(), 1);
    EXPECT_TRUE(answers[0].allowForAWhile);
    EXPECT_EQ(outcome(a), ApprovalOutcome::Approved);

    recorded = false; // e.g. the grant could not be written
    const quint64 b = m_broker.submit(question("h", ApprovalKind::Connect, "c"));
    m_broker.approve(b);
    EXPECT_EQ(outcome(b), ApprovalOutcome::Denied);
    // A denial has nothing to record.
    const quint64 c = m_broker.submit(question("h", ApprovalKind::Decrypt, "d"));
    m_broker.deny(c);
    EXPECT_EQ(answers.size(), 2);
}

TEST_F(ApprovalBrokerTest, SubmitFromAnotherThreadArrivesOnTheBrokersThread)
{
    QThread* seenOn = nullptr;
    QObject::connect(&m_broker, &ApprovalBroker::approvalRequested, &m_broker,
                     [&](const ApprovalRequest&) { seenOn = QThread::currentThread(); });
    quint64 id = 0;
    std::unique_ptr<QThread> worker(
        QThread::create([&] { id = m_broker.submit(question("h", ApprovalKind::Sign, "x")); }));
    worker->start();
    ASSERT_TRUE(worker->wait(3000));
    EXPECT_NE(id, 0u);
    EXPECT_TRUE(m_shown.isEmpty()); // queued: nothing happens on the worker
    ASSERT_TRUE(QTest::qWaitFor([&] { return !m_shown.isEmpty(); }, 3000));
    EXPECT_EQ(m_shown.first().id, id);
    EXPECT_EQ(seenOn, QThread::currentThread());
}
