// No secret reaches a log or lands in the data folder in the clear: a whole session (register,
// unlock, auth, sign, encrypt/decrypt, export, lock) runs with every debug category on, once in
// process and once as the real `tokenpass --headless` binary; then the log and every file of the
// data folder (SQLite database, WAL and all) are searched, as raw bytes, for the password, the
// mnemonic and its word pairs, the seed, the private keys, the tokens and the plaintexts.
// The last test plants secrets and checks that the same search finds them.

#include "SecretScanner.h"
#include "SecurityFixture.h"

#include "crypto/Bip32.h"
#include "crypto/Brc42.h"
#include "crypto/Brc78.h"
#include "crypto/Encoding.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>
#include <vector>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

const QByteArray kSessionPassword = "Tr0ub4dor & 3 lantern quartz";
const QByteArray kFriendPlaintext = "plaintext-for-friend-4d2a9e";
const QByteArray kSignedMessage = "I authorise payment 7c1f0b";
const QString kSite = QStringLiteral("site.example");

// Captures every Qt message, debug included, into a file for as long as it lives.
class LogCapture
{
public:
    explicit LogCapture(const QString& path)
    {
        QMutexLocker lock(&mutex());
        file().setFileName(path);
        (void)file().open(QIODevice::WriteOnly | QIODevice::Append);
        m_previous = qInstallMessageHandler(&LogCapture::handle);
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
    }
    ~LogCapture()
    {
        QLoggingCategory::setFilterRules(QString());
        qInstallMessageHandler(m_previous);
        QMutexLocker lock(&mutex());
        file().close();
    }
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

private:
    static QMutex& mutex()
    {
        static QMutex m;
        return m;
    }
    static QFile& file()
    {
        static QFile f;
        return f;
    }
    static void handle(QtMsgType, const QMessageLogContext& context, const QString& message)
    {
        QMutexLocker lock(&mutex());
        file().write(QByteArray(context.category ? context.category : "default") + ": " + message.toUtf8() +
                     '\n');
        file().flush();
    }
    QtMessageHandler m_previous = nullptr;
};

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class NoSecrets : public SecurityFixture
{
protected:
    Headers tokenHeader(const QString& token) { return {{"Authorization", bearer(token)}}; }

    QJsonObject ok(const HttpResult& r, const char* step)
    {
        EXPECT_EQ(r.status, 200) << step << ": " << r.body.constData();
        return r.json();
    }

    // From the exported seed: the keys a careless program could write out.
    void addKeysFromSeed(const QByteArray& seedHex, SecretScanner& secrets)
    {
        const auto seed = crypto::fromHex(QString::fromLatin1(seedHex));
        ASSERT_TRUE(seed);
        const auto master = crypto::Bip32Key::fromSeed(*seed);
        ASSERT_TRUE(master);
        const crypto::PrivateKey& root = master->privateKey();
        addKey("rootPk", root, secrets);
        secrets.addText("xprv", master->toXprv()->toLatin1());
        secrets.addHex("chain code", crypto::toHex(master->chainCode().view()).toLatin1());
        for (const QString& invoice : {QStringLiteral("2-tokenpass-") + kSite, QStringLiteral("bap:0")}) {
            const auto child = crypto::Brc42::childPrivateKey(root, root.publicKey(), invoice);
            ASSERT_TRUE(child);
            addKey(invoice.toStdString(), *child, secrets);
        }
    }

    static void addKey(const std::string& label, const crypto::PrivateKey& key, SecretScanner& secrets)
    {
        secrets.addHex(label + " private key", key.toHexUnsafe().toLatin1());
        secrets.addText(label + " WIF", key.toWif().toLatin1());
        secrets.addBytes(label + " private key", QByteArray(reinterpret_cast<const char*>(key.bytes().data()),
                                                            qsizetype(key.bytes().size())));
    }

    // The whole session against whatever listens on m_port; learns the secrets as it goes.
    void runSession(SecretScanner& secrets)
    {
        secrets.addText("password", kSessionPassword);
        secrets.addText("encrypted plaintext", kFriendPlaintext);
        secrets.addText("signed message", kSignedMessage);
        const QByteArray pw = "{\"password\":\"" + kSessionPassword + "\"}";

        ok(post(QStringLiteral("/api/register"), pw), "register");
        const QJsonObject exported = ok(post(QStringLiteral("/api/export"), pw), "export");
        const QByteArray mnemonic = exported.value(QStringLiteral("mnemonic")).toString().toUtf8();
        const QByteArray seedHex = exported.value(QStringLiteral("seed")).toString().toLatin1();
        ASSERT_EQ(mnemonic.count(' '), 11);
        ASSERT_EQ(seedHex.size(), 128);
        secrets.addMnemonic(mnemonic);
        secrets.addHex("BIP39 seed", seedHex);
        addKeysFromSeed(seedHex, secrets);

        // Lock, then unlock plainly and with a session-encrypted body (§1.5).
        ok(post(QStringLiteral("/api/logout"), "{}"), "logout");
        ok(post(QStringLiteral("/api/login"), pw), "login");
        ok(post(QStringLiteral("/api/logout"), "{}"), "logout");
        const auto sessionPub = crypto::PublicKey::fromHex(
            get(QStringLiteral("/api/session-key")).json().value(QStringLiteral("publicKey")).toString());
        ASSERT_TRUE(sessionPub);
        const auto sealed = crypto::Brc78::encrypt(pw, crypto::PrivateKey::generate(), *sessionPub);
        ASSERT_TRUE(sealed);
        ok(post(QStringLiteral("/api/login"),
                "{\"ciphertext\":\"" + crypto::toHex(*sealed).toLatin1() + "\"}"),
           "encrypted login");

        // Tokens: with the password (consent), then without (the grant it left).
        const QByteArray authBody = "{\"host\":\"" + kSite.toUtf8() + "\",\"password\":\"" +
                                    kSessionPassword + "\",\"scopes\":[\"sign\",\"encrypt\",\"decrypt\"]}";
        const QString first = ok(post(QStringLiteral("/api/auth"), authBody), "auth with password")
                                  .value(QStringLiteral("accessToken"))
                                  .toString();
        secrets.addText("first token", first.toLatin1());
        const QString token =
            ok(post(QStringLiteral("/api/auth"),
                    "{\"host\":\"" + kSite.toUtf8() + "\",\"scopes\":[\"sign\",\"encrypt\",\"decrypt\"]}"),
               "auth without password")
                .value(QStringLiteral("accessToken"))
                .toString();
        ASSERT_EQ(token.size(), 36);
        secrets.addText("token", token.toLatin1());

        const Headers auth = tokenHeader(token);
        ok(post(QStringLiteral("/api/sign"), "{\"message\":\"" + kSignedMessage + "\"}", auth), "sign");
        ok(post(QStringLiteral("/api/sign"), R"({"path":"/api/login","body":"{}"})", auth), "sign token");
        ok(post(QStringLiteral("/api/sign-aip"), R"({"data":["deadbeef"]})", auth), "sign-aip");
        const QString ciphertext =
            ok(post(QStringLiteral("/api/encrypt"),
                    "{\"data\":\"" + kFriendPlaintext + "\",\"friendBapId\":\"F1\"}", auth),
               "encrypt")
                .value(QStringLiteral("ciphertext"))
                .toString();
        const QJsonObject plain =
            ok(post(QStringLiteral("/api/decrypt"),
                    "{\"ciphertext\":\"" + ciphertext.toLatin1() + "\",\"friendBapId\":\"F1\"}", auth),
               "decrypt");
        EXPECT_EQ(plain.value(QStringLiteral("data")).toString().toUtf8(), kFriendPlaintext);
        ok(post(QStringLiteral("/api/encrypt"), "{\"message\":\"" + kFriendPlaintext + "\"}", auth),
           "encrypt host");
        ok(post(QStringLiteral("/api/friend-pubkey"), R"({"friendBapId":"F1"})", auth), "friend-pubkey");

        ok(post(QStringLiteral("/api/export"), pw), "export again");
        EXPECT_EQ(post(QStringLiteral("/api/login"), R"({"password":"a wrong guess"})").status, 401);
        ok(post(QStringLiteral("/api/logout"), "{}"), "lock");
        ok(request("DELETE", QStringLiteral("/api/auth"), QByteArray(), auth), "revoke");
    }

    void expectClean(const QList<Finding>& findings, const SecretScanner& secrets)
    {
        EXPECT_GT(secrets.count(), 50); // password, 12 words, 11 pairs, seed, keys, tokens...
        EXPECT_TRUE(findings.isEmpty()) << "secrets found:\n" << describe(findings);
    }
};

TEST_F(NoSecrets, InProcessSessionWithDebugLoggingLeavesNoSecret)
{
    QTemporaryDir logDir;
    ASSERT_TRUE(logDir.isValid());
    const QString logPath = logDir.filePath(QStringLiteral("debug.log"));
    SecretScanner secrets;
    {
        LogCapture capture(logPath);
        qDebug("log capture started"); // the capture itself works
        runSession(secrets);
        if (HasFatalFailure())
            return;
        // Scanned while the database is open (the WAL holds the newest pages) ...
        expectClean(secrets.scanFolder(m_dir.path()), secrets);
        m_server->stop();
        m_server.reset();
        m_broker.reset();
        m_wallet.reset();
        m_db.reset();
    }
    // ... and after the checkpoint on close.
    const QByteArray log = readAll(logPath);
    ASSERT_TRUE(log.contains("log capture started"));
    QList<Finding> findings = secrets.scanBytes(logPath, log);
    findings += secrets.scanFolder(m_dir.path());
    expectClean(findings, secrets);
}

TEST_F(NoSecrets, HeadlessBinarySessionWithDebugLoggingLeavesNoSecret)
{
    QTemporaryDir home;
    ASSERT_TRUE(home.isValid());
    const QString dataDir = home.filePath(QStringLiteral("data"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path());
    env.insert(QStringLiteral("TOKENPASS_HOME"), dataDir);
    env.insert(QStringLiteral("TOKENPASS_AUTOSTART_PATH_MOCK"), home.filePath(QStringLiteral("autostart")));
    QProcess app;
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(TOKENPASS_APP_BINARY),
              {QStringLiteral("--headless"), QStringLiteral("--data-dir"), dataDir, QStringLiteral("--port"),
               QStringLiteral("0")});
    ASSERT_TRUE(app.waitForStarted(5000));
    QByteArray stderrText;
    static const QRegularExpression listening(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)/"));
    QRegularExpressionMatch match;
    for (int i = 0; i < 100 && !match.hasMatch(); ++i) {
        app.waitForReadyRead(100);
        stderrText += app.readAllStandardError();
        match = listening.match(QString::fromUtf8(stderrText));
    }
    ASSERT_TRUE(match.hasMatch()) << stderrText.constData();
    m_port = quint16(match.captured(1).toUInt()); // the session talks to the binary

    SecretScanner secrets;
    runSession(secrets);
    app.terminate();
    EXPECT_TRUE(app.waitForFinished(10000));
    stderrText += app.readAllStandardError();
    const QByteArray stdoutText = app.readAllStandardOutput();

    QList<Finding> findings = secrets.scanBytes(QStringLiteral("stderr"), stderrText);
    findings += secrets.scanBytes(QStringLiteral("stdout"), stdoutText);
    findings += secrets.scanFolder(home.path()); // the data folder and anything else it wrote
    expectClean(findings, secrets);
    EXPECT_TRUE(QFile::exists(dataDir + QStringLiteral("/tokenpass.sqlite")));
}

TEST_F(NoSecrets, TheSearchFindsPlantedSecrets)
{
    QTemporaryDir logDir;
    ASSERT_TRUE(logDir.isValid());
    const QString logPath = logDir.filePath(QStringLiteral("debug.log"));
    SecretScanner secrets;
    QString token;
    {
        LogCapture capture(logPath);
        runSession(secrets);
        if (HasFatalFailure())
            return;
        // A careless debug line, and secrets dropped into the data folder in three shapes.
        qDebug() << "unlocking with" << QString::fromUtf8(kSessionPassword);
        const QJsonObject exported =
            post(QStringLiteral("/api/export"), "{\"password\":\"" + kSessionPassword + "\"}").json();
        const QString mnemonic = exported.value(QStringLiteral("mnemonic")).toString();
        const QStringList words = mnemonic.split(QLatin1Char(' '));
        QFile note(m_dir.filePath(QStringLiteral("sub/.hidden-note")));
        ASSERT_TRUE(QDir(m_dir.path()).mkpath(QStringLiteral("sub")));
        ASSERT_TRUE(note.open(QIODevice::WriteOnly));
        note.write("... " + (words[4] + QLatin1Char(' ') + words[5]).toUtf8() + " ...");
        note.close();
        QFile utf16(m_dir.filePath(QStringLiteral("utf16.bin")));
        ASSERT_TRUE(utf16.open(QIODevice::WriteOnly));
        const QString pw = QString::fromUtf8(kSessionPassword);
        utf16.write(reinterpret_cast<const char*>(pw.utf16()), pw.size() * 2);
        utf16.close();
    }
    const QList<Finding> inLog = secrets.scanBytes(logPath, readAll(logPath));
    ASSERT_EQ(inLog.size(), 1) << describe(inLog);
    EXPECT_EQ(inLog[0].label, "password");

    const QList<Finding> inFolder = secrets.scanFolder(m_dir.path());
    std::vector<std::string> labels;
    for (const Finding& f : inFolder)
        labels.push_back(f.label);
    EXPECT_EQ(inFolder.size(), 2) << describe(inFolder);
    EXPECT_NE(std::find(labels.begin(), labels.end(), "mnemonic words 5-6"), labels.end())
        << describe(inFolder);
    EXPECT_NE(std::find(labels.begin(), labels.end(), "password (UTF-16)"), labels.end())
        << describe(inFolder);
}
