// Issue 20: no secret outlives a lock. A child process (helper/MemoryScanChild.cpp: the real
// server and the real dialogs, offscreen) goes through register; restart; log in; sign; export;
// change the password (ChangePasswordDialog); show the recovery words (ExportDialog); lock. Then
// its memory is read through /proc/<pid>/mem and must hold none of: the password, the new password,
// any 4 consecutive recovery words, the seed hex, the root private key. There is no exception:
// since the HTTP server is our own (issue 19), no socket buffer of Qt's holds a request or answer.
// Two positive controls show the scan can fail: while unlocked it finds the root key (in
// SecureArena's locked pages), and after the lock it finds a secret planted in a QByteArray and a
// QString.

#include "MemoryScanProtocol.h"
#include "ProcessMemoryScan.h"

#include "crypto/Bip32.h"
#include "crypto/Encoding.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#ifdef TOKENPASS_MEMORY_SCAN_CHILD // Linux: tests/CMakeLists.txt

#include <unistd.h>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

const QByteArray kPassword = "Lantern-Quartz 7 Tr0ubadour";
const QByteArray kNewPassword = "Harbour Violet 42 Ankle-Sky";
const QByteArray kCanary = "canary 9f3e planted in a QByteArray";

struct Http
{
    int status = 0;
    QJsonObject json;
};

// One request on its own connection, closed afterwards (as a browser tab or curl would).
Http post(quint16 port, const QByteArray& path, const QByteArray& body, const QByteArray& token = {})
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000))
        return {};
    QByteArray request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
                         "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                         QByteArray::number(body.size()) + "\r\n";
    if (!token.isEmpty())
        request += "Authorization: Bearer " + token + "\r\n";
    socket.write(request + "\r\n" + body);
    // Read until the body is complete: the server may keep the connection open.
    QByteArray answer;
    auto complete = [&answer] {
        const qsizetype end = answer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const qsizetype at = answer.toLower().indexOf("content-length:");
        const int length =
            at < 0 ? 0 : answer.mid(at + 15, answer.indexOf("\r\n", at) - at - 15).trimmed().toInt();
        return answer.size() >= end + 4 + length;
    };
    while (!complete() && socket.waitForReadyRead(60000))
        answer += socket.readAll();
    socket.disconnectFromHost();
    Http result;
    result.status = answer.mid(9, 3).toInt();
    result.json = QJsonDocument::fromJson(answer.mid(answer.indexOf("\r\n\r\n") + 4)).object();
    return result;
}

QByteArray passwordBody(const QByteArray& password)
{
    return "{\"password\":\"" + password + "\"}";
}

// The child process, its port, and its one-line command channel.
class Child
{
public:
    explicit Child(const QString& home)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home);
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral(TOKENPASS_MEMORY_SCAN_CHILD), {home + QStringLiteral("/data")});
        const QByteArray first = line();
        if (first.startsWith("port "))
            m_port = quint16(first.mid(5).toUInt());
    }
    ~Child()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.write("quit\n");
            if (!m_process.waitForFinished(20000))
                m_process.kill();
        }
    }

    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }

    QByteArray command(const std::string& text)
    {
        m_process.write(QByteArray::fromStdString(text + "\n"));
        return line();
    }

private:
    QByteArray line()
    {
        while (!m_process.canReadLine() && m_process.waitForReadyRead(90000)) {
        }
        return m_process.readLine().trimmed();
    }

    QProcess m_process;
    quint16 m_port = 0;
};

QByteArray rootPrivateKey(const QByteArray& seedHex)
{
    const auto seed = crypto::fromHex(QString::fromLatin1(seedHex));
    const auto master = seed ? crypto::Bip32Key::fromSeed(*seed) : Result<crypto::Bip32Key>::fail({});
    if (!master)
        return {};
    const auto& key = master->privateKey().bytes();
    return QByteArray(reinterpret_cast<const char*>(key.data()), qsizetype(key.size()));
}

} // namespace

TEST(SecretsInMemory, NoSecretOutlivesALock)
{
    if (::geteuid() != 0)
        GTEST_SKIP() << "reading another process's memory needs root";
    QTemporaryDir home;
    ASSERT_TRUE(home.isValid());
    ASSERT_TRUE(QDir(home.path()).mkpath(QStringLiteral("data")));

    {
        Child first(home.path());
        ASSERT_NE(first.port(), 0);
        ASSERT_EQ(post(first.port(), "/api/register", passwordBody(kPassword)).status, 200);
    } // quits: the next process starts locked, like TokenPass after a restart

    Child child(home.path());
    ASSERT_NE(child.port(), 0);
    const quint16 port = child.port();
    ASSERT_EQ(post(port, "/api/login", passwordBody(kPassword)).status, 200);
    const QByteArray authBody =
        "{\"host\":\"site.example\",\"password\":\"" + kPassword + "\",\"scopes\":[\"sign\"]}";
    const Http auth = post(port, "/api/auth", authBody);
    ASSERT_EQ(auth.status, 200);
    const QByteArray token = auth.json.value(QStringLiteral("accessToken")).toString().toLatin1();
    ASSERT_EQ(post(port, "/api/sign", R"({"message":"hello"})", token).status, 200);
    const Http exported = post(port, "/api/export", passwordBody(kPassword));
    ASSERT_EQ(exported.status, 200);
    const QByteArray seedHex = exported.json.value(QStringLiteral("seed")).toString().toLatin1();
    const QByteArray mnemonic = exported.json.value(QStringLiteral("mnemonic")).toString().toUtf8();
    ASSERT_EQ(seedHex.size(), 128);
    ASSERT_EQ(mnemonic.count(' '), 11);
    const QByteArray rootKey = rootPrivateKey(seedHex);
    ASSERT_EQ(rootKey.size(), 32);

    ProcessMemoryScan secrets;
    secrets.addText("password", kPassword);
    secrets.addText("new password", kNewPassword);
    secrets.addWordWindows("recovery words", mnemonic, 4);
    for (const QByteArray& word : mnemonic.split(' '))
        secrets.addMaskOnly(word); // the failure message shows what surrounds a finding, not the words
    secrets.addText("seed hex", seedHex);
    secrets.addText("seed hex, first 40", seedHex.left(40));
    secrets.addBytes("root private key", rootKey);
    QString error;

    // Positive control 1: while unlocked, the wallet holds the root key, and the scan sees it.
    const QList<MemoryFinding> unlocked = secrets.scan(child.pid(), &error);
    ASSERT_TRUE(error.isEmpty()) << qPrintable(error);
    EXPECT_GE(countLabel(unlocked, "root private key"), 1) << describe(unlocked);

    ASSERT_EQ(
        child.command("change-password " + memscan::mask(kPassword) + " " + memscan::mask(kNewPassword)),
        QByteArray("ok"));
    ASSERT_EQ(child.command("show-words " + memscan::mask(kNewPassword)), QByteArray("ok"));
    ASSERT_EQ(post(port, "/api/logout", {}).status, 200);
    ASSERT_EQ(child.command("lock"), QByteArray("ok"));

    const QList<MemoryFinding> locked = secrets.scan(child.pid(), &error);
    ASSERT_TRUE(error.isEmpty()) << qPrintable(error);
    EXPECT_TRUE(locked.isEmpty()) << "secrets left in memory after the lock:\n" << describe(locked);

    // Positive control 2: a careless copy, made after the lock, is found in both encodings.
    ASSERT_EQ(child.command("plant " + memscan::mask(kCanary)), QByteArray("ok"));
    ProcessMemoryScan canary;
    canary.addText("canary", kCanary);
    const QList<MemoryFinding> planted = canary.scan(child.pid(), &error);
    EXPECT_GE(countLabel(planted, "canary (UTF-8)"), 1) << describe(planted);
    EXPECT_GE(countLabel(planted, "canary (UTF-16)"), 1) << describe(planted);
}

#else // not Linux

TEST(SecretsInMemory, NoSecretOutlivesALock)
{
    GTEST_SKIP() << "the scan reads /proc/<pid>/mem (Linux only)";
}

#endif
