// API.md §9.1: the @sigma-auth/better-auth-plugin local signer, end to end over real HTTP.

#include "ServerHarness.h"
#include "crypto/Bsm.h"
#include "crypto/Encoding.h"
#include "crypto/Keys.h"
#include "wallet/BitcoinAuth.h"

#include <QJsonArray>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {
const QByteArray kOrigin = "https://example.com";
}

class SigmaFlow : public ServerHarness
{
};

TEST_F(SigmaFlow, ProbeAuthenticateSignVerify)
{
    registerWallet();
    grant(QStringLiteral("example.com"),
          {QStringLiteral("sign"), QStringLiteral("encrypt"), QStringLiteral("decrypt")});

    // Probe: only res.ok matters to the client.
    const HttpResult status = get(QStringLiteral("/api/status"), {{"Origin", kOrigin}});
    ASSERT_EQ(status.status, 200);
    EXPECT_EQ(status.body, QByteArray(R"({"seed":true,"unlocked":true,"keys":[],"states":[]})"));
    EXPECT_EQ(status.header("Access-Control-Allow-Origin"), kOrigin);

    // Authenticate without a password: the grant answers.
    const HttpResult auth =
        post(QStringLiteral("/api/auth"),
             R"({"host":"example.com","scopes":["sign","encrypt","decrypt"],"expiry":"1h"})",
             {{"Origin", kOrigin}});
    ASSERT_EQ(auth.status, 200) << auth.body.constData();
    const QJsonObject authJson = auth.json();
    const QString token = authJson.value(QStringLiteral("accessToken")).toString();
    ASSERT_EQ(token.size(), 36);
    EXPECT_TRUE(auth.body.startsWith(R"({"success":true,"accessToken":")"));
    EXPECT_EQ(authJson.value(QStringLiteral("host")).toString(), QStringLiteral("example.com"));
    EXPECT_EQ(authJson.value(QStringLiteral("expireTime")).toInteger(), m_clock.nowMs() + 3600000);
    EXPECT_FALSE(authJson.value(QStringLiteral("bapId")).toString().isEmpty());

    // sign(path, body, "brc77"): a bitcoin-auth token from the per-host key.
    const HttpResult signedToken =
        post(QStringLiteral("/api/sign"),
             R"({"path":"/api/auth/sign-in/sigma","body":"{\"a\":1}","signatureType":"brc77"})",
             {{"Origin", kOrigin}, {"Authorization", bearer(token)}});
    ASSERT_EQ(signedToken.status, 200) << signedToken.body.constData();
    const QString authToken = signedToken.json().value(QStringLiteral("token")).toString();
    wallet::BitcoinAuth::Request covered;
    covered.requestPath = QStringLiteral("/api/auth/sign-in/sigma");
    covered.body = R"({"a":1})";
    const auto verified = wallet::BitcoinAuth::verifyStrict(authToken, covered, m_clock.nowMs());
    ASSERT_TRUE(verified) << qPrintable(verified.error());

    // Message mode: BSM by the host key, verified against the returned address.
    const HttpResult message = post(QStringLiteral("/api/sign"), R"({"message":"Hello World"})",
                                    {{"Origin", kOrigin}, {"Authorization", bearer(token)}});
    ASSERT_EQ(message.status, 200) << message.body.constData();
    const QJsonObject m = message.json();
    const QString address = m.value(QStringLiteral("address")).toString();
    EXPECT_TRUE(crypto::Bsm::verify("Hello World", m.value(QStringLiteral("sig")).toString(), address));
    EXPECT_TRUE(message.body.startsWith(R"({"address":")"));
    EXPECT_TRUE(message.body.endsWith(",\"ts\":" + QByteArray::number(m_clock.nowMs()) + "}"));
    // The same key signed the auth token.
    EXPECT_EQ(crypto::PublicKey::fromHex(verified->pubkey)->address(), address);

    // signAIP
    const HttpResult aip = post(QStringLiteral("/api/sign-aip"), R"({"data":["6a","deadbeef"]})",
                                {{"Origin", kOrigin}, {"Authorization", bearer(token)}});
    ASSERT_EQ(aip.status, 200) << aip.body.constData();
    const QJsonArray ops = aip.json().value(QStringLiteral("signedOps")).toArray();
    ASSERT_EQ(ops.size(), 3);
    EXPECT_EQ(ops[0].toString(), QStringLiteral("BITCOIN_ECDSA"));
    EXPECT_EQ(ops[1].toString(), address);
    EXPECT_TRUE(crypto::Bsm::verify(QByteArray::fromHex("6adeadbeef"), ops[2].toString(), address));

    // encrypt / decrypt with a friendBapId are inverses (§5.6).
    const HttpResult enc =
        post(QStringLiteral("/api/encrypt"), R"({"data":"secret note","friendBapId":"bob"})",
             {{"Origin", kOrigin}, {"Authorization", bearer(token)}});
    ASSERT_EQ(enc.status, 200) << enc.body.constData();
    const QString ciphertext = enc.json().value(QStringLiteral("ciphertext")).toString();
    const HttpResult dec =
        post(QStringLiteral("/api/decrypt"),
             QByteArray(R"({"ciphertext":")") + ciphertext.toLatin1() + R"(","friendBapId":"bob"})",
             {{"Origin", kOrigin}, {"Authorization", bearer(token)}});
    ASSERT_EQ(dec.status, 200) << dec.body.constData();
    EXPECT_EQ(dec.body, QByteArray(R"({"data":"secret note","success":true})"));

    const HttpResult friendKey = post(QStringLiteral("/api/friend-pubkey"), R"({"friendBapId":"bob"})",
                                      {{"Origin", kOrigin}, {"Authorization", bearer(token)}});
    ASSERT_EQ(friendKey.status, 200);
    EXPECT_EQ(friendKey.json().value(QStringLiteral("publicKey")).toString().size(), 66);

    // The host now appears in status for a native caller, with the same address.
    const HttpResult full = get(QStringLiteral("/api/status"));
    EXPECT_TRUE(full.body.contains(R"({"host":"example.com","address":")" + address.toLatin1()));
}

TEST_F(SigmaFlow, LockedProbeThenAuthIsCodeOne)
{
    registerWallet();
    ASSERT_EQ(post(QStringLiteral("/api/logout"), QByteArray()).status, 200);
    const HttpResult auth = post(QStringLiteral("/api/auth"), R"({"host":"example.com","scopes":["sign"]})",
                                 {{"Origin", kOrigin}});
    EXPECT_EQ(auth.status, 401);
    EXPECT_EQ(
        auth.body,
        QByteArray(R"({"error":"Wallet is locked. Password required to unlock.","code":1,"success":false})"));
}

TEST_F(SigmaFlow, PasswordAuthThenSignWithPlainAuthorizationHeader)
{
    // API.md §9.2: login, auth with password, sign with "Authorization: <token>" (no Bearer).
    registerWallet();
    const HttpResult auth = post(
        QStringLiteral("/api/auth"),
        R"({"password":"correct horse battery","host":"tool.local","expire":"forever","scopes":"sign, encrypt"})");
    ASSERT_EQ(auth.status, 200) << auth.body.constData();
    EXPECT_EQ(auth.json().value(QStringLiteral("expireTime")).toInteger(), 0);
    const QString token = auth.json().value(QStringLiteral("accessToken")).toString();
    const HttpResult sig = post(QStringLiteral("/api/sign"), R"({"message":"deadbeef","encoding":"hex"})",
                                {{"Authorization", token.toUtf8()}});
    ASSERT_EQ(sig.status, 200) << sig.body.constData();
    EXPECT_TRUE(crypto::Bsm::verify(QByteArray::fromHex("deadbeef"),
                                    sig.json().value(QStringLiteral("sig")).toString(),
                                    sig.json().value(QStringLiteral("address")).toString()));
    EXPECT_TRUE(sig.body.contains(R"("message":"deadbeef")"));

    const HttpResult wrong =
        post(QStringLiteral("/api/auth"), R"({"password":"wrong password!","host":"tool.local"})");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.body, QByteArray(R"({"error":"Invalid password","success":false})"));
}
