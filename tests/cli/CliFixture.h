#pragma once

// The command line and the MCP bridge (issue 18 parts 3 and 4) against the real binaries: a
// `tokenpassd` on port 0 with a wallet in a temporary data folder (HOME redirected, so no
// keychain or real home is touched), and `tokenpass <command>` run as the person would, its
// sign-in approved on the headless device page (/oauth/device) with the wallet password.

#include "HttpClient.h"
#include "common/TestDataDir.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <sys/stat.h>

namespace tokenpass::test {

inline constexpr char kPassword[] = "correct horse battery";

inline QProcessEnvironment isolatedEnvironment(const QTemporaryDir& home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path()); // never the real home or keychain
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.remove(QStringLiteral("TOKENPASS_PORT"));
    env.remove(QStringLiteral("TOKENPASS_HOME"));
    return env;
}

// A tokenpassd child on port 0 with a wallet (password kPassword), unlocked.
class RunningServer
{
public:
    // A new server, or (with `dataDir` and `port`) one started again on another's folder and port.
    explicit RunningServer(const QString& dataDir = {}, const QString& port = QStringLiteral("0"))
    {
        m_process.setProcessEnvironment(isolatedEnvironment(m_home));
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.setReadChannel(QProcess::StandardError);
        m_dataDir = dataDir.isEmpty() ? m_data.path() : dataDir;
        m_process.start(QStringLiteral(TOKENPASSD_BINARY),
                        {QStringLiteral("--port"), port, QStringLiteral("--data-dir"), m_dataDir});
    }
    ~RunningServer() { stop(); }
    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(10000))
                m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    // Waits for the "listening" line; then creates the wallet, or (`create` false) unlocks it.
    bool start(bool create = true)
    {
        static const QRegularExpression listening(
            QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)/"));
        QRegularExpressionMatch m;
        while (!(m = listening.match(QString::fromUtf8(m_stderr))).hasMatch()) {
            if (!m_process.waitForReadyRead(15000))
                return false;
            m_stderr += m_process.readAllStandardError();
        }
        m_url = QStringLiteral("http://127.0.0.1:") + m.captured(1);
        cli::HttpClient http;
        const auto r = http.post(
            QUrl(m_url + (create ? QStringLiteral("/api/register") : QStringLiteral("/api/login"))),
            QByteArray(R"({"password":")") + kPassword + "\"}", {{"Content-Type", "application/json"}});
        return r.status == 200;
    }
    const QString& url() const { return m_url; }
    const QString& dataDir() const { return m_dataDir; }

private:
    QTemporaryDir m_home;
    QTemporaryDir m_data;
    QProcess m_process;
    QByteArray m_stderr;
    QString m_url;
    QString m_dataDir;
};

// A URL where nothing listens: a port taken and released again.
inline QString closedUrl()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return QStringLiteral("http://127.0.0.1:%1").arg(port);
}

// Approves (or denies) a device sign-in as the person would on the headless page.
inline int decideOnDevicePage(const QString& url, const QString& userCode, const QByteArray& decision,
                              const QByteArray& password = kPassword)
{
    cli::HttpClient http;
    const auto page = http.get(QUrl(url + QStringLiteral("/oauth/device?user_code=") + userCode));
    if (page.status != 200)
        return page.status;
    const auto hidden = [&](const char* name) {
        const QRegularExpression re(QStringLiteral("<input type=\"hidden\" name=\"%1\" value=\"([^\"]*)\">")
                                        .arg(QLatin1String(name)));
        return re.match(QString::fromUtf8(page.body)).captured(1).toLatin1();
    };
    const auto r = http.post(QUrl(url + QStringLiteral("/oauth/authorize/decision")),
                             "csrf=" + hidden("csrf") + "&txn=" + hidden("txn") +
                                 "&password=" + QUrl::toPercentEncoding(QString::fromLatin1(password)) +
                                 "&decision=" + decision,
                             {{"Content-Type", "application/x-www-form-urlencoded"},
                              {"Origin", url.toLatin1()},
                              {"Cookie", page.header("set-cookie").split(';').value(0)}});
    return r.status;
}

// `tokenpass <arguments>` as a child process.
class CliRun
{
public:
    CliRun(const QStringList& arguments, const QByteArray& stdinBytes = {})
    {
        m_process.setProcessEnvironment(isolatedEnvironment(m_home));
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(QStringLiteral(TOKENPASS_BINARY), arguments);
        m_process.waitForStarted(10000);
        if (!stdinBytes.isNull()) {
            m_process.write(stdinBytes);
            m_process.closeWriteChannel();
        }
    }
    ~CliRun()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    // Waits for the "check that it shows the code XXXX-XXXX" line on stderr.
    QString waitForUserCode(int timeoutMs = 20000)
    {
        static const QRegularExpression code(QStringLiteral("the code ([A-Z]{4}-[A-Z]{4})"));
        m_process.setReadChannel(QProcess::StandardError);
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            m_stderr += m_process.readAllStandardError();
            const auto m = code.match(QString::fromUtf8(m_stderr));
            if (m.hasMatch())
                return m.captured(1);
            if (m_process.state() == QProcess::NotRunning)
                return {};
            m_process.waitForReadyRead(200);
        }
        return {};
    }
    int finish(int timeoutMs = 60000)
    {
        if (!m_process.waitForFinished(timeoutMs))
            return -1;
        m_stdout += m_process.readAllStandardOutput();
        m_stderr += m_process.readAllStandardError();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -2;
    }
    QJsonObject json() const { return QJsonDocument::fromJson(m_stdout).object(); }

    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;

private:
    QTemporaryDir m_home;
};

inline int fileMode(const QString& path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

inline QJsonObject readJsonFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace tokenpass::test
