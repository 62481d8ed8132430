// POST /api/sign/transaction with a spending allowance (issue 17), over real HTTP on port 0:
// headless, a covered transaction is signed without the password; beyond what is left, the
// password is needed again; unverified (EF) amounts are never covered; GUI mode skips the dialog
// and raises the notice. Amounts are proven by BEEF parents, or by the outpoint memory.

#include "ServerHarness.h"
#include "crypto/Hash.h"
#include "crypto/Keys.h"
#include "crypto/Random.h"
#include "store/SpendingAllowances.h"
#include "store/SqlQuery.h"
#include "tx/Beef.h"
#include "tx/Parser.h"
#include "tx/Sighash.h"

#include <QElapsedTimer>
#include <QJsonArray>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

const QString kHost = QStringLiteral("shop.example");
const QByteArray kPassword = "correct horse battery";

QByteArray p2pkh(const QByteArray& pkh)
{
    return QByteArray::fromHex("76a914") + pkh + QByteArray::fromHex("88ac");
}

} // namespace

class AllowanceRoutes : public ServerHarness
{
protected:
    void SetUp() override
    {
        ServerHarness::SetUp();
        registerWallet(kPassword);
        grant(kHost, {QStringLiteral("transfer")});
        m_token = authorize(kHost, {QStringLiteral("transfer")});
        ASSERT_FALSE(m_token.isEmpty());
        const auto key = m_wallet->hostKey(kHost);
        ASSERT_TRUE(key);
        m_siteKey = crypto::PublicKey::fromHex(key->publicKey).value();
        m_sitePkh = crypto::hash160(m_siteKey->compressed());
        m_foreignPkh = crypto::hash160(crypto::PrivateKey::generate().publicKey().compressed());
    }

    void setAllowance(std::uint64_t satoshis)
    {
        ASSERT_TRUE(store::SpendingAllowances(m_db, m_clock).setAllowance(kHost, satoshis));
    }

    // Spends `amount` from the site's address: pays `pay` to someone else, change back.
    tx::Transaction spend(const tx::Outpoint& from, std::uint64_t amount, std::uint64_t pay,
                          std::uint64_t change, tx::SourceOrigin origin = tx::SourceOrigin::Ef) const
    {
        tx::Transaction t;
        tx::TxInput in;
        in.prevout = from;
        in.source = tx::SourceOutput{amount, p2pkh(m_sitePkh), origin};
        t.inputs.append(in);
        t.outputs.append({pay, p2pkh(m_foreignPkh)});
        if (change > 0)
            t.outputs.append({change, p2pkh(m_sitePkh)});
        return t;
    }
    static tx::Outpoint freshOutpoint() { return tx::Outpoint{crypto::randomBytes(32), 1}; }

    // BEEF V1: a parent paying `amount` to the site, and the subject spending it. The amount is
    // proven by hashing the parent.
    QString beefSpending(std::uint64_t amount, std::uint64_t pay, std::uint64_t change) const
    {
        tx::Transaction parent;
        tx::TxInput funding;
        funding.prevout = freshOutpoint();
        funding.unlockingScript = QByteArray::fromHex("51");
        parent.inputs.append(funding);
        parent.outputs.append({amount, p2pkh(m_sitePkh)});
        const tx::Transaction subject = spend(tx::Outpoint{parent.hash(), 0}, amount, pay, change);
        tx::Beef beef;
        beef.entries.append(tx::BeefEntry{tx::BeefEntry::Kind::RawTx, parent, parent.hash(), 0});
        beef.entries.append(tx::BeefEntry{tx::BeefEntry::Kind::RawTx, subject, subject.hash(), 0});
        return QString::fromLatin1(beef.serialize().toHex());
    }

    HttpResult signHex(const QString& hex, QJsonObject extra = {})
    {
        extra.insert(QStringLiteral("tx"), hex);
        return post(QStringLiteral("/api/sign/transaction"),
                    QJsonDocument(extra).toJson(QJsonDocument::Compact),
                    {{"Authorization", bearer(m_token)}});
    }
    HttpResult signEf(const tx::Transaction& t, QJsonObject extra = {})
    {
        return signHex(QString::fromLatin1(t.toEf().toHex()), std::move(extra));
    }
    static QJsonObject withPassword()
    {
        return QJsonObject{{QStringLiteral("password"), QString::fromLatin1(kPassword)}};
    }

    // The one signature in the answer verifies against the site's key.
    void expectSigned(const HttpResult& r)
    {
        ASSERT_EQ(r.status, 200) << r.body.constData();
        const QJsonObject o = r.json();
        const auto parsed = tx::parseHex(o.value(QStringLiteral("ef")).toString(), tx::InputFormat::Ef);
        ASSERT_TRUE(parsed);
        const QJsonArray signedInputs = o.value(QStringLiteral("signedInputs")).toArray();
        ASSERT_EQ(signedInputs.size(), 1);
        const QByteArray sig = QByteArray::fromHex(
            signedInputs.at(0).toObject().value(QStringLiteral("signature")).toString().toLatin1());
        ASSERT_GT(sig.size(), 8);
        const tx::SighashCache cache(parsed->tx);
        EXPECT_TRUE(m_siteKey->verifyDer(cache.digest(0, 0x41), sig.left(sig.size() - 1)));
    }
    static void expectPasswordRequired(const HttpResult& r)
    {
        EXPECT_EQ(r.status, 400) << r.body.constData();
        EXPECT_EQ(r.body, QByteArray(R"({"success":false,"error":"TokenPass runs headless: send the wallet )"
                                     R"(password in \"password\" to approve this transaction."})"));
    }

    QStringList auditRows(const QString& result)
    {
        QElapsedTimer timer;
        timer.start();
        QStringList rows;
        do {
            spin(20);
            rows.clear();
            store::SqlQuery q(m_db->connection());
            q.prepare(
                QStringLiteral("SELECT detail FROM audit_log WHERE operation = 'transaction' AND result = ? "
                               "ORDER BY id"));
            q.addBindValue(result);
            q.exec();
            while (q.next())
                rows << q.value(0).toString();
        } while (rows.isEmpty() && timer.elapsed() < 3000);
        return rows;
    }

    QString m_token;
    std::optional<crypto::PublicKey> m_siteKey;
    QByteArray m_sitePkh;
    QByteArray m_foreignPkh;
};

TEST_F(AllowanceRoutes, HeadlessACoveredTransactionIsSignedWithoutThePassword)
{
    m_broker->setHeadless(true);
    expectPasswordRequired(signHex(beefSpending(8000, 5000, 2000))); // allowance 0: as before
    setAllowance(10000);
    const HttpResult r = signHex(beefSpending(8000, 5000, 2000)); // you spend 6000
    expectSigned(r);
    const QStringList rows = auditRows(QStringLiteral("allowed"));
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows[0], QStringLiteral("txid %1, you spend 6000 sat, fee 1000 sat, within the spending "
                                      "allowance, 4000 sat left today")
                           .arg(r.json().value(QStringLiteral("txid")).toString()));
    EXPECT_EQ(store::SpendingAllowances(m_db, m_clock).spentInWindow(kHost), 6000u);
}

TEST_F(AllowanceRoutes, HeadlessBeyondWhatIsLeftThePasswordIsNeededAgain)
{
    m_broker->setHeadless(true);
    setAllowance(10000);
    expectSigned(signHex(beefSpending(8000, 5000, 2000)));           // 6000 of 10000
    expectPasswordRequired(signHex(beefSpending(6000, 4500, 1000))); // 5000 > 4000 left
    expectSigned(signHex(beefSpending(6000, 4500, 1000), withPassword()));
    // The password-approved one does not count against the allowance; what is left still fits.
    expectSigned(signHex(beefSpending(5000, 3000, 1000)));       // exactly 4000
    expectPasswordRequired(signHex(beefSpending(1000, 1, 998))); // 2 > 0 left
    // (The 24-hour roll is SpendingAllowancesTest's: here the site's token would expire too.)
}

TEST_F(AllowanceRoutes, UnverifiedAmountsAreNeverCoveredButRememberedOnesAre)
{
    m_broker->setHeadless(true);
    setAllowance(1000000);
    const tx::Outpoint coin = freshOutpoint();
    // EF: the amount is the caller's claim, so the allowance does not apply, however small.
    expectPasswordRequired(signEf(spend(coin, 5000, 4000, 500)));
    expectSigned(signEf(spend(coin, 5000, 4000, 500), withPassword()));
    // The same coin with the same amount is now known (the outpoint memory): covered.
    expectSigned(signEf(spend(coin, 5000, 3000, 1500)));
    EXPECT_EQ(store::SpendingAllowances(m_db, m_clock).spentInWindow(kHost), 3500u);
    // A non-ALL signature type leaves the change uncommitted: never covered.
    QJsonObject single{{QStringLiteral("sighash"), QJsonObject{{QStringLiteral("0"), 0x43}}}};
    expectPasswordRequired(signHex(beefSpending(8000, 5000, 2000), single));
}

TEST_F(AllowanceRoutes, GuiModeACoveredTransactionSkipsTheDialogAndNotifies)
{
    int shown = 0;
    QObject::connect(m_broker.get(), &access::ApprovalBroker::approvalRequested, m_broker.get(),
                     [&shown](const access::ApprovalRequest&) { ++shown; });
    struct Notice
    {
        QString host;
        qint64 spent = 0, left = 0;
    };
    QList<Notice> notices;
    QObject::connect(m_gatekeeper.get(), &access::Gatekeeper::allowanceSpent, m_broker.get(),
                     [&notices](const QString& host, qint64 spent, qint64 left) {
                         notices.append({host, spent, left});
                     });
    setAllowance(7000);
    expectSigned(signHex(beefSpending(8000, 5000, 2000)));
    EXPECT_EQ(shown, 0);
    QElapsedTimer timer;
    timer.start();
    while (notices.isEmpty() && timer.elapsed() < 3000)
        spin(20);
    ASSERT_EQ(notices.size(), 1);
    EXPECT_EQ(notices.at(0).host, kHost);
    EXPECT_EQ(notices.at(0).spent, 6000);
    EXPECT_EQ(notices.at(0).left, 1000);
    // A password in the body is still refused in GUI mode, allowance or not.
    const HttpResult withPw = signHex(beefSpending(100, 50, 40), withPassword());
    EXPECT_EQ(withPw.status, 400);
    EXPECT_EQ(shown, 0);
}
