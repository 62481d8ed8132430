// The transaction dialog against the real thing (issue 17): a server on port 0 in GUI mode, the
// real ApprovalController and TxApprovalDialog, and an HTTP client. The test plays the person:
// it waits for the dialog, reads what it shows, and clicks Approve or Reject.

#include "ApprovalController.h"
#include "TxApprovalDialog.h"

#include "crypto/Hash.h"
#include "crypto/Keys.h"
#include "crypto/Random.h"
#include "server/ServerHarness.h"
#include "tx/Parser.h"
#include "tx/Sighash.h"

#include <QApplication>
#include <QJsonArray>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

const QString kHost = QStringLiteral("shop.example");

QByteArray p2pkh(const QByteArray& pkh)
{
    return QByteArray::fromHex("76a914") + pkh + QByteArray::fromHex("88ac");
}

class TxApprovalEndToEnd : public ServerHarness
{
protected:
    server::ServerOptions startOptions() const override
    {
        server::ServerOptions options = defaultOptions();
        options.approvalHoldMs = 10000; // the client waits for the person's click
        return options;
    }
    void SetUp() override
    {
        ServerHarness::SetUp();
        registerWallet();
        grant(kHost, {QStringLiteral("transfer")});
        m_token = authorize(kHost, {QStringLiteral("transfer")});
        m_controller = std::make_unique<ui::ApprovalController>(m_broker.get());
        m_siteKey = crypto::PublicKey::fromHex(m_wallet->hostKey(kHost).value().publicKey).value();
    }
    void TearDown() override
    {
        delete m_poll.data();
        m_controller.reset();
        ServerHarness::TearDown();
    }

    // Acts on the transaction dialog as soon as it shows, while the HTTP call waits.
    void whenShown(std::function<void(ui::TxApprovalDialog*)> act)
    {
        m_poll = new QTimer;
        m_poll->setInterval(10);
        QTimer* poll = m_poll;
        QObject::connect(poll, &QTimer::timeout, poll, [poll, act] {
            for (QWidget* w : QApplication::topLevelWidgets()) {
                if (auto* d = qobject_cast<ui::TxApprovalDialog*>(w); d && d->isVisible()) {
                    poll->stop();
                    poll->deleteLater();
                    act(d);
                    return;
                }
            }
        });
        poll->start();
    }
    static void click(QWidget* dialog, const char* name)
    {
        auto* b = dialog->findChild<QPushButton*>(QString::fromLatin1(name));
        ASSERT_NE(b, nullptr);
        (void)QTest::qWaitFor([b] { return b->isEnabled(); }, 5000);
        QTest::mouseClick(b, Qt::LeftButton);
    }

    HttpResult send(const tx::Transaction& t)
    {
        QJsonObject body{{QStringLiteral("tx"), QString::fromLatin1(t.toEf().toHex())},
                         {QStringLiteral("description"), QStringLiteral("Coffee")}};
        return request("POST", QStringLiteral("/api/sign/transaction"),
                       QJsonDocument(body).toJson(QJsonDocument::Compact),
                       {{"Authorization", bearer(m_token)}}, 20000);
    }
    tx::Transaction spend() const
    {
        tx::Transaction t;
        tx::TxInput in;
        in.prevout.txid = crypto::randomBytes(32);
        in.source =
            tx::SourceOutput{90'000, p2pkh(crypto::hash160(m_siteKey->compressed())), tx::SourceOrigin::Ef};
        t.inputs.append(in);
        t.outputs.append({60'000, p2pkh(QByteArray(20, '\x07'))});
        t.outputs.append({29'700, p2pkh(crypto::hash160(m_siteKey->compressed()))});
        return t;
    }

    QString m_token;
    std::unique_ptr<ui::ApprovalController> m_controller;
    std::optional<crypto::PublicKey> m_siteKey;
    QPointer<QTimer> m_poll;
};

} // namespace

TEST_F(TxApprovalEndToEnd, ThePersonSeesTheSpendApprovesAndGetsAValidSignature)
{
    QString shownSpend;
    whenShown([&shownSpend](ui::TxApprovalDialog* d) {
        if (auto* spend = d->findChild<QLabel*>(QStringLiteral("txSpend")))
            shownSpend = spend->text();
        click(d, "txApprove");
    });
    const HttpResult r = send(spend());
    ASSERT_EQ(r.status, 200) << r.body.constData();
    EXPECT_EQ(shownSpend, QStringLiteral("0.00060300 BSV")); // 90,000 in, 29,700 back as change
    const auto signedTx = tx::parseHex(r.json().value(QStringLiteral("ef")).toString(), tx::InputFormat::Ef);
    ASSERT_TRUE(signedTx);
    const QJsonObject s = r.json().value(QStringLiteral("signedInputs")).toArray().at(0).toObject();
    const QByteArray sig = QByteArray::fromHex(s.value(QStringLiteral("signature")).toString().toLatin1());
    const tx::SighashCache cache(signedTx->tx);
    EXPECT_TRUE(m_siteKey->verifyDer(cache.digest(0, 0x41), sig.left(sig.size() - 1)));
}

TEST_F(TxApprovalEndToEnd, RejectIs403CodeSeven)
{
    whenShown([](ui::TxApprovalDialog* d) { click(d, "txReject"); });
    const HttpResult r = send(spend());
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Request denied by user","code":7,"success":false})"));
}
