// register / login / logout / export / session-key / profile / icon (API.md §2.1–§2.6, §2.14, §2.21).

#include "ServerHarness.h"
#include "crypto/Brc78.h"
#include "crypto/Encoding.h"
#include "crypto/Identicon.h"
#include "crypto/Keys.h"

using namespace tokenpass;
using namespace tokenpass::test;

class WalletEndpoints : public ServerHarness
{
protected:
    QByteArray sessionEncrypted(const QByteArray& json)
    {
        const HttpResult key = get(QStringLiteral("/api/session-key"));
        EXPECT_EQ(key.status, 200);
        const auto pub = crypto::PublicKey::fromHex(key.json().value(QStringLiteral("publicKey")).toString());
        EXPECT_TRUE(pub);
        const auto ciphertext = crypto::Brc78::encrypt(json, crypto::PrivateKey::generate(), *pub);
        EXPECT_TRUE(ciphertext);
        return "{\"ciphertext\":\"" + crypto::toHex(*ciphertext).toLatin1() + "\"}";
    }
};

TEST_F(WalletEndpoints, RegisterLoginLogout)
{
    const HttpResult shortPw = post(QStringLiteral("/api/register"), R"({"password":"short"})");
    EXPECT_EQ(shortPw.status, 400);
    EXPECT_EQ(shortPw.body,
              QByteArray(R"({"error":"Password must be at least 8 characters","success":false})"));

    const HttpResult reg =
        post(QStringLiteral("/api/register"),
             R"({"password":"correct horse battery","displayName":"Alice","paymail":"alice@example.com"})");
    ASSERT_EQ(reg.status, 200) << reg.body.constData();
    EXPECT_EQ(reg.body, QByteArray(R"({"success":true})"));

    const HttpResult again = post(QStringLiteral("/api/register"), R"({"password":"another password"})");
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(again.body, QByteArray(R"({"error":"Wallet already exists","success":false})"));

    const HttpResult profile = get(QStringLiteral("/api/profile"));
    EXPECT_TRUE(profile.body.startsWith(
        R"({"host":"global","displayName":"Alice","paymail":"alice@example.com","bapID":")"))
        << profile.body.constData();

    EXPECT_EQ(post(QStringLiteral("/api/logout"), QByteArray()).body, QByteArray(R"({"success":true})"));
    EXPECT_EQ(get(QStringLiteral("/api/status")).body,
              QByteArray(R"({"seed":true,"unlocked":false,"keys":[],"states":[]})"));

    const HttpResult wrong = post(QStringLiteral("/api/login"), R"({"password":"not the password"})");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.body, QByteArray(R"({"error":"Invalid password"})"));

    const HttpResult right = post(QStringLiteral("/api/login"), R"({"password":"correct horse battery"})");
    EXPECT_EQ(right.status, 200);
    EXPECT_EQ(right.body, QByteArray(R"({"success":true})"));
    EXPECT_TRUE(get(QStringLiteral("/api/status")).json().value(QStringLiteral("unlocked")).toBool());
}

TEST_F(WalletEndpoints, SessionEncryptedLogin)
{
    registerWallet();
    ASSERT_EQ(post(QStringLiteral("/api/logout"), QByteArray()).status, 200);
    const HttpResult r =
        post(QStringLiteral("/api/login"), sessionEncrypted(R"({"password":"correct horse battery"})"));
    EXPECT_EQ(r.status, 200) << r.body.constData();
    EXPECT_EQ(r.body, QByteArray(R"({"success":true})"));

    const HttpResult garbage = post(QStringLiteral("/api/login"), R"({"ciphertext":"4242100301"})");
    EXPECT_EQ(garbage.status, 400);
    EXPECT_EQ(garbage.body, QByteArray(R"({"error":"Failed to decrypt request body"})"));
}

TEST_F(WalletEndpoints, ExportReturnsSeedAndMnemonic)
{
    registerWallet();
    const HttpResult r =
        post(QStringLiteral("/api/export"), sessionEncrypted(R"({"password":"correct horse battery"})"));
    ASSERT_EQ(r.status, 200) << r.body.constData();
    EXPECT_EQ(r.json().value(QStringLiteral("seed")).toString().size(), 128);
    EXPECT_EQ(r.json().value(QStringLiteral("mnemonic")).toString().split(QLatin1Char(' ')).size(), 12);
    const HttpResult wrong = post(QStringLiteral("/api/export"), R"({"password":"nope nope nope"})");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.body, QByteArray(R"({"error":"Invalid password","success":false})"));
    const HttpResult browser = post(QStringLiteral("/api/export"), R"({"password":"correct horse battery"})",
                                    {{"Origin", "https://evil.example"}});
    EXPECT_EQ(browser.status, 403);
}

TEST_F(WalletEndpoints, IconIsAnonWhileLockedAndTheLocalhostKeyOtherwise)
{
    const HttpResult anon = get(QStringLiteral("/api/auth/icon"));
    EXPECT_EQ(anon.status, 200);
    EXPECT_EQ(anon.header("Content-Type"), QByteArray("image/svg+xml"));
    EXPECT_EQ(anon.body, crypto::Identicon::svg(u"Anon"));
    registerWallet();
    const auto key = m_wallet->hostKey(QStringLiteral("localhost"));
    ASSERT_TRUE(key);
    EXPECT_EQ(get(QStringLiteral("/api/auth/icon")).body, crypto::Identicon::svg(key->publicKey));
}

TEST_F(WalletEndpoints, ProfilePostNeedsWriteProfile)
{
    registerWallet();
    grant(QStringLiteral("example.com"), {QStringLiteral("write_profile")});
    const QString token = authorize(QStringLiteral("example.com"), {QStringLiteral("write_profile")});
    const HttpResult r = post(QStringLiteral("/api/profile"), R"({"displayName":"Bob","evil":"dropped"})",
                              {{"Authorization", bearer(token)}});
    EXPECT_EQ(r.status, 200) << r.body.constData();
    const HttpResult profile = get(QStringLiteral("/api/profile"));
    EXPECT_TRUE(profile.body.startsWith(R"({"host":"global","displayName":"Bob")"))
        << profile.body.constData();
    EXPECT_FALSE(profile.body.contains("evil"));
}
