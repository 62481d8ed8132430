// Issue 13 on a real full disk: the data folder is a small tmpfs (mounting needs root; CI runs as
// root, elsewhere the test says why it skips). The disk is filled, then every writing endpoint is
// called until it is refused: each refusal is 507 with the disk-full message, and after a
// restart the wallet opens with the same keys and holds every change that was acknowledged.

#include "fs/AtomicFile.h"
#include "server/ServerHarness.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

#include <sys/mount.h>

#include <cerrno>
#include <cstring>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

const QByteArray kPassword = "correct horse battery";
const QByteArray kDiskFullStart =
    "The disk is full: TokenPass could not save the change. Nothing was changed.";

class DiskFull : public ServerHarness
{
protected:
    void SetUp() override
    {
        // The temporary folder becomes a 3 MiB tmpfs before anything is written into it.
        const QByteArray where = QFile::encodeName(m_dir.path());
        if (::mount("tokenpass-test", where.constData(), "tmpfs", 0, "size=3m,mode=0700") != 0) {
            GTEST_SKIP() << "cannot mount a tmpfs (" << std::strerror(errno)
                         << "); the full-disk test needs root (CI runs it as root)";
        }
        m_mounted = true;
        ServerHarness::SetUp();
    }
    void TearDown() override
    {
        ServerHarness::TearDown();
        if (m_mounted)
            ::umount2(QFile::encodeName(m_dir.path()).constData(), MNT_DETACH);
    }

    QString fillPath() const { return m_dir.filePath(QStringLiteral("fill")); }

    // Writes zeros until the disk refuses another byte.
    void fillTheDisk()
    {
        QFile fill(fillPath());
        ASSERT_TRUE(fill.open(QIODevice::Append | QIODevice::Unbuffered));
        const QByteArray block(4096, '\0');
        for (int i = 0; i < 100'000 && fill.write(block) == block.size(); ++i) {
        }
        for (int i = 0; i < 4096 && fill.write("x", 1) == 1; ++i) {
        }
        fill.close();
    }

    // Gives `bytes` back to the disk.
    void freeSome(qint64 bytes)
    {
        QFile fill(fillPath());
        ASSERT_TRUE(fill.resize(qMax<qint64>(0, fill.size() - bytes)));
    }

    void expectDiskFullAnswer(const HttpResult& r, const char* what)
    {
        EXPECT_EQ(r.status, 507) << what << ": " << r.body.constData();
        EXPECT_TRUE(r.json().value(QStringLiteral("error")).toString().toUtf8().startsWith(kDiskFullStart))
            << what << ": " << r.body.constData();
        EXPECT_EQ(r.json().value(QStringLiteral("success")), QJsonValue(false)) << what;
    }

    QStringList identityNames()
    {
        const auto r = get(QStringLiteral("/api/identity"));
        QStringList names;
        for (const QJsonValue& v : r.json().value(QStringLiteral("identities")).toArray())
            names << v.toObject().value(QStringLiteral("name")).toString();
        return names;
    }

    bool m_mounted = false;
};

} // namespace

TEST_F(DiskFull, EveryWritingEndpointAnswers507AndTheWalletKeepsEveryAcknowledgedChange)
{
    registerWallet(kPassword);
    const QString siteAddress = m_wallet->hostKey(QStringLiteral("example.com"))->address;
    const QString bep = m_wallet->backupPath();

    // 1. The issue's reproduction: a full disk, then a change.
    fillTheDisk();
    expectDiskFullAnswer(post(QStringLiteral("/api/identity"), R"({"name":"refused"})"), "identity");
    EXPECT_GT(QFileInfo(bep).size(), 0);

    // 2. A little room: identities are created until the disk is full again; each answer is 200
    //    or 507, nothing else.
    freeSome(48 * 1024);
    QStringList acknowledged;
    int refused = 0;
    for (int i = 0; i < 2000 && refused < 3; ++i) {
        const QString name = QStringLiteral("id-%1").arg(i);
        const auto r = post(QStringLiteral("/api/identity"),
                            QJsonDocument(QJsonObject{{QStringLiteral("name"), name}}).toJson());
        if (r.status == 200) {
            acknowledged << name;
            continue;
        }
        expectDiskFullAnswer(r, "identity");
        ++refused;
    }
    EXPECT_GT(acknowledged.size(), 0);
    EXPECT_EQ(refused, 3) << "the disk never filled up";
    // Refused identities are not listed.
    EXPECT_EQ(identityNames().size(), 1 + acknowledged.size());

    // 3. Every other endpoint that writes a file, on the full disk.
    fillTheDisk();
    expectDiskFullAnswer(post(QStringLiteral("/api/identity/guest"), R"({"host":"shop.example"})"), "guest");
    expectDiskFullAnswer(
        post(QStringLiteral("/api/backups"),
             QJsonDocument(QJsonObject{{QStringLiteral("path"), m_dir.filePath(QStringLiteral("other.bep"))},
                                       {QStringLiteral("label"), QStringLiteral("x")}})
                 .toJson()),
        "POST /api/backups");
    const auto bepText = fs::readWholeFile(bep);
    ASSERT_TRUE(bepText);
    expectDiskFullAnswer(
        post(QStringLiteral("/api/backups/import"),
             QJsonDocument(QJsonObject{{QStringLiteral("content"), QString::fromLatin1(*bepText)},
                                       {QStringLiteral("password"), QString::fromLatin1(kPassword)}})
                 .toJson()),
        "backups/import");
    EXPECT_EQ(identityNames().size(), 1 + acknowledged.size());
    // The database: SQLite may still have room in its write-ahead log, so a write can succeed;
    // a refused one is 507 like any other.
    const auto auth = post(QStringLiteral("/api/auth"),
                           R"({"password":"correct horse battery","host":"shop.example","scopes":"sign"})");
    if (auth.status != 200)
        expectDiskFullAnswer(auth, "auth");

    // 4. A restart with the disk still full: the same keys, every acknowledged identity.
    m_server->stop();
    m_wallet = std::make_unique<wallet::Wallet>(m_dir.path());
    ASSERT_TRUE(m_wallet->unlock(crypto::SecureBytes(kPassword)));
    EXPECT_EQ(m_wallet->hostKey(QStringLiteral("example.com"))->address, siteAddress);
    const auto identities = m_wallet->identities(); // kept: a range-for over *temporary would dangle
    ASSERT_TRUE(identities);
    QStringList names;
    for (const auto& id : *identities)
        names << id.name;
    for (const QString& name : acknowledged)
        EXPECT_TRUE(names.contains(name)) << "acknowledged but lost: " << qPrintable(name);
    EXPECT_FALSE(names.contains(QStringLiteral("refused")));
    EXPECT_FALSE(QFileInfo::exists(m_dir.filePath(QStringLiteral("other.bep"))));
}

TEST_F(DiskFull, AWalletCannotBeCreatedHalfway)
{
    fillTheDisk();
    const auto r = post(QStringLiteral("/api/register"), R"({"password":"correct horse battery"})");
    // The database may refuse first (500/507); what matters is that no wallet is half there.
    EXPECT_NE(r.status, 200) << r.body.constData();
    EXPECT_EQ(m_wallet->state(), wallet::WalletState::NoWallet);
    freeSome(1024 * 1024);
    registerWallet(kPassword);
    EXPECT_TRUE(m_wallet->isUnlocked());
}
