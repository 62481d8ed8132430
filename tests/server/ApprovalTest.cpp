// Consent over HTTP (API.md decision 5, DESIGN.md "Consent and approval model").

#include "ServerHarness.h"

#include <QEventLoop>
#include <QTcpSocket>
#include <QTimer>

using namespace tokenpass;
using namespace tokenpass::test;

using access::ApprovalBroker;
using access::ApprovalRequest;

class Approval : public ServerHarness
{
protected:
    void SetUp() override
    {
        ServerHarness::SetUp();
        registerWallet();
        // A stand-in for the UI: remembers what it was asked.
        QObject::connect(m_broker.get(), &ApprovalBroker::approvalRequested, m_broker.get(),
                         [this](const ApprovalRequest& request) { m_asked.append(request); });
    }
    QList<ApprovalRequest> m_asked;
};

TEST_F(Approval, HeldThenWaitingThenGrantServesTheNextCall)
{
    const QByteArray body = R"({"host":"example.com","scopes":["sign","encrypt","decrypt"],"expiry":"1h"})";
    const HttpResult first = post(QStringLiteral("/api/auth"), body);
    EXPECT_EQ(first.status, 401);
    EXPECT_EQ(first.body,
              QByteArray(R"({"error":"Waiting for approval in TokenPass","code":1,"success":false})"));
    ASSERT_EQ(m_asked.size(), 1);
    EXPECT_EQ(m_asked[0].host, QStringLiteral("example.com"));
    EXPECT_EQ(m_asked[0].kind, access::ApprovalKind::Connect);

    // A retry while the dialog is open joins it: still one dialog.
    EXPECT_EQ(post(QStringLiteral("/api/auth"), body).status, 401);
    EXPECT_EQ(m_asked.size(), 1);

    m_broker->approve(m_asked[0].id);
    spin(50);
    const HttpResult next = post(QStringLiteral("/api/auth"), body);
    EXPECT_EQ(next.status, 200) << next.body.constData();
    EXPECT_EQ(m_broker->pending().size(), 0);
}

TEST_F(Approval, ApprovedWithinTheHoldAnswersTheSameRequest)
{
    QObject::connect(
        m_broker.get(), &ApprovalBroker::approvalRequested, m_broker.get(),
        [this](const ApprovalRequest& request) { m_broker->approve(request.id); }, Qt::QueuedConnection);
    const HttpResult r = post(QStringLiteral("/api/auth"), R"({"host":"example.com","scopes":["sign"]})");
    EXPECT_EQ(r.status, 200) << r.body.constData();
}

TEST_F(Approval, DeniedIs403CodeSeven)
{
    QObject::connect(
        m_broker.get(), &ApprovalBroker::approvalRequested, m_broker.get(),
        [this](const ApprovalRequest& request) { m_broker->deny(request.id); }, Qt::QueuedConnection);
    const HttpResult r = post(QStringLiteral("/api/auth"), R"({"host":"example.com","scopes":["sign"]})");
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Request denied by user","code":7,"success":false})"));
}

TEST_F(Approval, HeadlessDeniesWithoutGrant)
{
    m_broker->setHeadless(true);
    const HttpResult r = post(QStringLiteral("/api/auth"), R"({"host":"example.com","scopes":["sign"]})");
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Request denied by user","code":7,"success":false})"));
    grant(QStringLiteral("example.com"), {QStringLiteral("sign")});
    EXPECT_EQ(post(QStringLiteral("/api/auth"), R"({"host":"example.com","scopes":["sign"]})").status, 200);
}

TEST_F(Approval, LockRejectsPending)
{
    const HttpResult first = post(QStringLiteral("/api/auth"), R"({"host":"example.com","scopes":["sign"]})");
    EXPECT_EQ(first.status, 401);
    ASSERT_EQ(m_broker->pending().size(), 1);
    ASSERT_EQ(post(QStringLiteral("/api/logout"), QByteArray()).status, 200);
    spin(100);
    EXPECT_EQ(m_broker->pending().size(), 0);
}

TEST_F(Approval, AScopeEscalationIsAskedNotNarrowed)
{
    // Issue 14: the token used to be narrowed to the old grant without asking anyone.
    grant(QStringLiteral("example.com"), {QStringLiteral("sign")});
    const QByteArray body = R"({"host":"example.com","scopes":["sign","encrypt"]})";
    const HttpResult first = post(QStringLiteral("/api/auth"), body);
    EXPECT_EQ(first.status, 401);
    EXPECT_EQ(first.body,
              QByteArray(R"({"error":"Waiting for approval in TokenPass","code":1,"success":false})"));
    ASSERT_EQ(m_asked.size(), 1);
    EXPECT_EQ(m_asked[0].details.value(QStringLiteral("newScopes")).toStringList(),
              QStringList{QStringLiteral("encrypt")});
    m_broker->approve(m_asked[0].id);
    spin(50);
    const HttpResult next = post(QStringLiteral("/api/auth"), body);
    ASSERT_EQ(next.status, 200) << next.body.constData();
    const QString token = next.json().value(QStringLiteral("accessToken")).toString();
    EXPECT_EQ(post(QStringLiteral("/api/encrypt"), R"({"message":"hi"})", {{"Authorization", bearer(token)}})
                  .status,
              200);
}

TEST_F(Approval, HeadlessDeniesAScopeEscalation)
{
    m_broker->setHeadless(true);
    grant(QStringLiteral("example.com"), {QStringLiteral("sign")});
    const HttpResult r =
        post(QStringLiteral("/api/auth"), R"({"host":"example.com","scopes":["sign","encrypt"]})");
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Request denied by user","code":7,"success":false})"));
    EXPECT_TRUE(m_asked.isEmpty());
}

TEST_F(Approval, AskEveryTimeSigningIsApprovedPerRequest)
{
    grant(QStringLiteral("example.com"), {QStringLiteral("sign")}, access::SigningPolicy::AskEveryTime);
    const QString token = authorize(QStringLiteral("example.com"), {QStringLiteral("sign")});
    const HttpResult held =
        post(QStringLiteral("/api/sign"), R"({"message":"pay 1 BSV"})", {{"Authorization", bearer(token)}});
    EXPECT_EQ(held.status, 401);
    ASSERT_EQ(m_asked.size(), 1);
    EXPECT_EQ(m_asked[0].kind, access::ApprovalKind::Sign);
    EXPECT_EQ(m_asked[0].summary, QStringLiteral("pay 1 BSV"));
    m_broker->approve(m_asked[0].id);
    spin(50);
    // The identical retry uses the approval once; a different message asks again.
    EXPECT_EQ(
        post(QStringLiteral("/api/sign"), R"({"message":"pay 1 BSV"})", {{"Authorization", bearer(token)}})
            .status,
        200);
    EXPECT_EQ(
        post(QStringLiteral("/api/sign"), R"({"message":"pay 1 BSV"})", {{"Authorization", bearer(token)}})
            .status,
        401);
}

TEST_F(Approval, ClientDisconnectWhilePendingDoesNotCrash)
{
    const QByteArray body = R"({"host":"example.com","scopes":["sign"]})";
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
        ASSERT_TRUE(socket.waitForConnected(3000));
        socket.write("POST /api/auth HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port) +
                     "\r\nContent-Type: application/json\r\nContent-Length: " +
                     QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket.waitForBytesWritten(1000);
        spin(100);
        ASSERT_EQ(m_asked.size(), 1);
        socket.abort();
    }
    spin(50);
    m_broker->approve(m_asked[0].id); // the answer goes nowhere, harmlessly
    spin(500);                        // and the hold timer fires for a gone client
    const HttpResult status = get(QStringLiteral("/api/status"));
    EXPECT_EQ(status.status, 200);
    EXPECT_EQ(post(QStringLiteral("/api/auth"), body).status, 200); // the grant stands
}

TEST(ApprovalBrokerUnit, OnePendingPerHostAndKindAndTimeout)
{
    ApprovalBroker broker;
    QList<quint64> shown;
    QList<QPair<quint64, access::ApprovalOutcome>> finished;
    QObject::connect(&broker, &ApprovalBroker::approvalRequested, &broker,
                     [&](const ApprovalRequest& r) { shown.append(r.id); });
    QObject::connect(&broker, &ApprovalBroker::approvalFinished, &broker,
                     [&](quint64 id, access::ApprovalOutcome o) {
                         finished.append({id, o});
                     });
    broker.setTimeout(access::ApprovalKind::Sign, 50);
    ApprovalRequest a;
    a.host = QStringLiteral("h");
    a.kind = access::ApprovalKind::Sign;
    a.digest = "one";
    ApprovalRequest b = a;
    b.digest = "two";
    const quint64 idA = broker.submit(a);
    const quint64 idB = broker.submit(b);
    EXPECT_EQ(shown, QList<quint64>{idA});
    EXPECT_EQ(broker.queuedCount(), 1);
    broker.deny(idA);
    EXPECT_EQ(shown, (QList<quint64>{idA, idB}));
    QEventLoop loop;
    QTimer::singleShot(200, &loop, &QEventLoop::quit);
    loop.exec();
    ASSERT_EQ(finished.size(), 2);
    EXPECT_EQ(finished[0].second, access::ApprovalOutcome::Denied);
    EXPECT_EQ(finished[1].first, idB);
    EXPECT_EQ(finished[1].second, access::ApprovalOutcome::TimedOut);
}

TEST_F(Approval, StoppingTheServerWithARequestOnHoldIsClean)
{
    auto options = defaultOptions();
    options.approvalHoldMs = 60000;
    restart(options);
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    ASSERT_TRUE(socket.waitForConnected(3000));
    const QByteArray body = R"({"host":"example.com","scopes":["sign"]})";
    socket.write("POST /api/auth HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port) +
                 "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket.waitForBytesWritten(1000);
    spin(100);
    ASSERT_EQ(m_asked.size(), 1);
    m_server->stop();
    m_broker->approve(m_asked[0].id); // nobody is waiting any more
    spin(50);
    EXPECT_FALSE(m_server->running());
}
