// /api/backups, switch, create and import (API.md §2.18, decisions 3, 4, 6), and the host mode of
// /api/encrypt checked against the §12 vectors of a wallet created from the known mnemonic.

#include "ServerHarness.h"
#include "crypto/Brc78.h"
#include "crypto/Ecies.h"
#include "crypto/Encoding.h"
#include "crypto/Keys.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

const QByteArray kMnemonic =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
const QByteArray kPassword = "correct horse battery";
const QByteArray kBapId = "3WumfJKFTvnNjn6xHiVGPwYPNfLh";
const QByteArray kIdentities =
    R"([{"idKey":"3WumfJKFTvnNjn6xHiVGPwYPNfLh","name":"Primary Identity","rootAddress":"1ErQg5LWoBevMJPCp8DpucauA4JVKwkDBJ","counter":0}])";
// API.md §12: the sample backup.bep (600,000 iterations, no mnemonic).
const QByteArray kSampleBep =
    "BzFJKc4I/krSOCwD4ge9cNxbx8upfeqOYT5O/s835TeRwVp3U8QTWQD4MqhU3Zs8FmoBzCPrKizuVAO3ED3LCQr/nnLWR6cV/o/"
    "pTX+l/cLpdXsaRqRyelQcddeyzs2M1aHJ+/c5fic8UsnXAD91pVwn75BjONns4kwTGgNrxY5j+slJ4/"
    "+uTB6hcasxlnR8PE3NiMrYOuuvpS9TTUQV6wCFlzeiimbdVZ+eFwI+HC8OP3zNhvSpgIOXzctz3fLJSNBFcdxpsryz/"
    "KxrRcnYgKo+EGNKJcLrnuYt2EscenLFkFMguGGqeAwKE8QUzmN1ANKeOoopG2faqNMH4s1Atb+"
    "0RPdiRv8epp2pSuhZjQhKvqS9dKwPcZ5Wsls3OgB++gH/"
    "fN9EKGvXdicOJoin4nPeynIq75uExtRRT2b9cbGQfDaJw+Yc90XzNU5KNcfyYb5MY3UWhDnsq3uxPhT52E/"
    "e5YKRqpDdimfuknZ9418iznh8hYflgIzCRb5lx6tSCeupYlR58z4+Rw+"
    "OkJiCefe9QkdD48XHW7TCoxvl7J9vvnSK1PbtvABDHVcQR5f+Nn3jyZ/"
    "Nz5OMyobaPwRDAEyAbQpQsdXEiPbPKIrtIGNcJca7IFFJkwFW0DrkHfRs0q/kWlQXfS1Hq3PSP7LmlT/"
    "Rup8k6YzYRbd13K8w85dgFH+18xxO8We7XPECc9CGZykXJbgPwtfaZkNR1qYHZSbH+NffeRwsnBaJwSfEujd/"
    "vidc2ltG6qmMoITLqViZQ+vyZ15KjCKs+P95YMJSGll6kXVDnNG/p+pM/"
    "o7tRVm7Joz2BP91Xl8Hs2L4sXyAZIVOpKwdV2IQkcn2lIIxNz3rmzJkwy0k8oTtC5U=";

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray q(const QString& s)
{
    return QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact).mid(1).chopped(1); // a JSON string
}

} // namespace

class Backups : public ServerHarness
{
protected:
    QString dataFile(const QString& name) const { return QDir(m_dir.path()).absoluteFilePath(name); }
    QByteArray sessionEncrypted(const QByteArray& json)
    {
        const HttpResult key = get(QStringLiteral("/api/session-key"));
        const auto pub = crypto::PublicKey::fromHex(key.json().value(QStringLiteral("publicKey")).toString());
        EXPECT_TRUE(pub);
        const auto ciphertext = crypto::Brc78::encrypt(json, crypto::PrivateKey::generate(), *pub);
        EXPECT_TRUE(ciphertext);
        return "{\"ciphertext\":\"" + crypto::toHex(*ciphertext).toLatin1() + "\"}";
    }
};

TEST_F(Backups, ListAddSwitchDelete)
{
    registerWallet();
    const QString def = dataFile(QStringLiteral("backup.bep"));
    const QString other = dataFile(QStringLiteral("other.bep"));

    HttpResult r = get(QStringLiteral("/api/backups"));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"backups":[{"path":)" + q(def) +
                          R"(,"label":"Default","exists":true,"isCurrent":true}],"currentPath":)" + q(def) +
                          R"(,"isUnlocked":true})");

    r = post(QStringLiteral("/api/backups"), R"({"label":"No path"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Path is required"})"));

    r = post(QStringLiteral("/api/backups"), R"({"path":)" + q(other) + R"(,"label":"Other"})");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"success":true,"backup":{"path":)" + q(other) +
                          R"(,"label":"Other","exists":false,"isCurrent":false}})");

    r = post(QStringLiteral("/api/backups/switch"),
             R"({"path":)" + q(dataFile(QStringLiteral("nope.bep"))) + "}");
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Backup not in known list - add it first"})"));

    r = post(QStringLiteral("/api/backups/switch"), R"({"path":)" + q(other) + "}");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"success":true,"currentPath":)" + q(other) + R"(,"exists":false})");
    // Switching locks; the new current file does not exist yet.
    EXPECT_EQ(get(QStringLiteral("/api/status")).body,
              QByteArray(R"({"seed":false,"unlocked":false,"keys":[],"states":[]})"));

    r = request("DELETE", QStringLiteral("/api/backups"), R"({"path":)" + q(other) + "}");
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Cannot remove the currently active backup"})"));

    ASSERT_EQ(post(QStringLiteral("/api/backups/switch"), R"({"path":)" + q(def) + "}").status, 200);
    EXPECT_EQ(get(QStringLiteral("/api/status")).body,
              QByteArray(R"({"seed":true,"unlocked":false,"keys":[],"states":[]})"));
    r = request("DELETE", QStringLiteral("/api/backups"), R"({"path":)" + q(other) + "}");
    EXPECT_EQ(r.body, QByteArray(R"({"success":true})"));
    r = request("DELETE", QStringLiteral("/api/backups"), R"({"path":)" + q(other) + "}");
    EXPECT_EQ(r.body, QByteArray(R"({"success":false})"));

    // A *.bep in the data folder that is not in the list is "discovered".
    ASSERT_TRUE(QFile::copy(def, dataFile(QStringLiteral("found.bep"))));
    r = get(QStringLiteral("/api/backups"));
    EXPECT_TRUE(r.body.contains(R"({"path":)" + q(dataFile(QStringLiteral("found.bep"))) +
                                R"(,"label":"found","exists":true,"isCurrent":false,"isDiscovered":true})"))
        << r.body.constData();
}

TEST_F(Backups, BrowserOriginsAreRefusedUnlessWhitelisted)
{
    const HttpResult refused = get(QStringLiteral("/api/backups"), {{"Origin", "https://evil.example"}});
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(refused.header("Access-Control-Allow-Origin"), QByteArray());
    EXPECT_EQ(post(QStringLiteral("/api/backups/create"), "{}", {{"Origin", "https://evil.example"}}).status,
              403);
    EXPECT_EQ(post(QStringLiteral("/api/backups/import"), "{}", {{"Origin", "https://evil.example"}}).status,
              403);

    server::ServerOptions options = defaultOptions();
    options.originWhitelist = {QStringLiteral("https://wallet.example")};
    restart(options);
    const HttpResult allowed = get(QStringLiteral("/api/backups"), {{"Origin", "https://wallet.example"}});
    EXPECT_EQ(allowed.status, 200);
    EXPECT_EQ(allowed.header("Access-Control-Allow-Origin"), QByteArray("https://wallet.example"));
}

TEST_F(Backups, CreateFromTheKnownMnemonicGivesTheVectorIdentityAndHostKey)
{
    registerWallet();
    const QString second = dataFile(QStringLiteral("second.bep"));

    HttpResult r = post(QStringLiteral("/api/backups/create"), R"({"password":"correct horse battery"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Path is required"})"));
    r = post(QStringLiteral("/api/backups/create"), R"({"path":)" + q(second) + "}");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Invalid input: expected string, received undefined"})"));
    r = post(QStringLiteral("/api/backups/create"), R"({"path":)" + q(second) + R"(,"password":"short"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Password must be at least 8 characters","success":false})"));
    r = post(QStringLiteral("/api/backups/create"), R"({"path":)" +
                                                        q(dataFile(QStringLiteral("backup.bep"))) +
                                                        R"(,"password":"correct horse battery"})");
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Wallet already exists","success":false})"));

    // Session-encrypted, as the v0.0.8 UI sends it.
    r = post(QStringLiteral("/api/backups/create"),
             sessionEncrypted(R"({"path":)" + q(second) + R"(,"password":")" + kPassword +
                              R"(","label":"Second","mnemonic":")" + kMnemonic + R"("})"));
    ASSERT_EQ(r.status, 200) << r.body.constData();
    EXPECT_EQ(r.body, R"({"success":true,"bapId":")" + kBapId + R"(","identities":)" + kIdentities +
                          R"(,"currentPath":)" + q(second) + R"(,"hasMnemonic":true})");
    EXPECT_TRUE(get(QStringLiteral("/api/backups"))
                    .body.contains(R"({"path":)" + q(second) +
                                   R"(,"label":"Second","exists":true,"isCurrent":true})"));
    EXPECT_TRUE(m_wallet->isUnlocked());

    // Host mode of /api/encrypt (§2.11): BIE1 to the site's own key; the §12 host key decrypts it.
    grant(QStringLiteral("example.com"), {QStringLiteral("encrypt")});
    const QString token = authorize(QStringLiteral("example.com"), {QStringLiteral("encrypt")});
    r = post(QStringLiteral("/api/encrypt"), R"({"message":"hello"})", {{"Authorization", bearer(token)}});
    ASSERT_EQ(r.status, 200) << r.body.constData();
    EXPECT_TRUE(r.body.startsWith(R"({"address":"15XZF3115R7Gi7rC6gBNb2QPu8g4FuKSoS","data":")"))
        << r.body.constData();
    const QJsonObject enc = r.json();
    EXPECT_EQ(enc.keys(),
              (QStringList{QStringLiteral("address"), QStringLiteral("data"), QStringLiteral("ts")}));
    EXPECT_EQ(qint64(enc.value(QStringLiteral("ts")).toDouble()), m_clock.nowMs());
    const auto hostKey = crypto::PrivateKey::fromWif(u"KyuFDuC35oqDbHYoLDz86s41KXUE5i438RCx4PpetKgcMWzvQPQ2");
    ASSERT_TRUE(hostKey);
    const auto data = crypto::fromHex(enc.value(QStringLiteral("data")).toString());
    ASSERT_TRUE(data);
    const auto plain = crypto::Ecies::electrumDecrypt(*data, *hostKey);
    ASSERT_TRUE(plain) << qPrintable(plain.error());
    EXPECT_EQ(plain->view().toByteArray(), QByteArray("hello"));
    // "data" works like "message" when no friend fields are given.
    r = post(QStringLiteral("/api/encrypt"), R"({"data":"hi"})", {{"Authorization", bearer(token)}});
    EXPECT_TRUE(r.body.startsWith(R"({"address":"15XZF3115R7Gi7rC6gBNb2QPu8g4FuKSoS","data":")"))
        << r.body.constData();

    // The same path again: never overwritten.
    r = post(QStringLiteral("/api/backups/create"),
             R"({"path":)" + q(second) + R"(,"password":"correct horse battery"})");
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Wallet already exists","success":false})"));
}

TEST_F(Backups, CreateWithABadMnemonicLeavesTheCurrentWalletCurrent)
{
    registerWallet();
    const QString def = dataFile(QStringLiteral("backup.bep"));
    const QString third = dataFile(QStringLiteral("third.bep"));
    const HttpResult r = post(QStringLiteral("/api/backups/create"),
                              R"({"path":)" + q(third) +
                                  R"(,"password":"correct horse battery","mnemonic":"abandon abandon"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Invalid mnemonic"})"));
    EXPECT_EQ(m_wallet->backupPath(), def);
    EXPECT_FALSE(QFile::exists(third));
    EXPECT_FALSE(get(QStringLiteral("/api/backups")).body.contains("third.bep"));
}

TEST_F(Backups, ImportOverwritesTheCurrentFileButKeepsACopy)
{
    registerWallet();
    const QString def = dataFile(QStringLiteral("backup.bep"));
    const QByteArray before = readFile(def);
    ASSERT_FALSE(before.isEmpty());

    HttpResult r = post(QStringLiteral("/api/backups/import"), R"({"password":"correct horse battery"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Invalid input: expected string, received undefined"})"));

    // A wrong password for an encrypted .bep: refused, nothing changes, no copy left behind.
    // The sample is written with 600,000 PBKDF2 rounds (slow under sanitizers): a longer timeout.
    constexpr int kSlowMs = 120000;
    r = request("POST", QStringLiteral("/api/backups/import"),
                R"({"content":")" + kSampleBep + R"(","password":"not the password"})", {}, kSlowMs);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, QByteArray(R"({"error":"Invalid password"})"));
    EXPECT_EQ(readFile(def), before);
    EXPECT_TRUE(QDir(m_dir.path()).entryList({QStringLiteral("*.bak")}, QDir::Files).isEmpty());

    r = request("POST", QStringLiteral("/api/backups/import"),
                sessionEncrypted(R"({"content":")" + kSampleBep + R"(","password":"correct horse battery"})"),
                {}, kSlowMs);
    ASSERT_EQ(r.status, 200) << r.body.constData();
    EXPECT_EQ(r.body, R"({"success":true,"bapId":")" + kBapId + R"(","identityCount":1,"identities":)" +
                          kIdentities + R"(,"currentPath":)" + q(def) + R"(,"hasMnemonic":false})");
    EXPECT_TRUE(m_wallet->isUnlocked());
    EXPECT_NE(readFile(def), before);
    const QStringList kept = QDir(m_dir.path()).entryList({QStringLiteral("backup.bep.*.bak")}, QDir::Files);
    ASSERT_EQ(kept.size(), 1);
    EXPECT_EQ(readFile(dataFile(kept.first())), before);
    // The copy is not offered as a wallet.
    EXPECT_FALSE(get(QStringLiteral("/api/backups")).body.contains(".bak"));
}
