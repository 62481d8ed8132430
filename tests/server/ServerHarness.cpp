#include "ServerHarness.h"
#include "UpstreamClient.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTimer>

namespace tokenpass::test {

QByteArray HttpResult::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray bearer(const QString& token)
{
    return "Bearer " + token.toUtf8();
}

void ServerHarness::SetUp()
{
    ASSERT_TRUE(m_dir.isValid());
    // The upstream module is built beside the executables, not beside the test programs.
    server::UpstreamClient::setModuleFile(QStringLiteral(TOKENPASS_UPSTREAM_MODULE));
    m_clock.set(QDateTime::currentMSecsSinceEpoch());
    startProcessState(startOptions());
}

void ServerHarness::TearDown()
{
    stopProcessState();
}

void ServerHarness::startProcessState(const server::ServerOptions& options)
{
    auto db = store::Database::open(m_dir.path());
    ASSERT_TRUE(db) << qPrintable(db.error());
    m_db = *db;
    // The objects Application makes, made the same way (server/ServiceObjects).
    server::ServiceObjects core = server::ServiceObjects::make(m_dir.path(), m_db, m_clock);
    m_server = std::make_unique<server::ServerController>(core.services());
    m_wallet = std::move(core.wallet);
    m_broker = std::move(core.broker);
    m_gatekeeper = std::move(core.gatekeeper);
    m_activity = std::move(core.activity);
    ASSERT_TRUE(m_server->start(options)) << qPrintable(m_server->lastError());
    m_port = m_server->port();
}

void ServerHarness::stopProcessState()
{
    if (m_server)
        m_server->stop();
    m_server.reset();
    m_gatekeeper.reset();
    m_broker.reset();
    m_activity.reset();
    m_wallet.reset();
    m_db.reset();
}

server::ServerOptions ServerHarness::defaultOptions() const
{
    server::ServerOptions options;
    options.port = 0;
    options.approvalHoldMs = 300; // decision 5 says ~4 s; tests need not wait that long
    return options;
}

void ServerHarness::restart(const server::ServerOptions& options)
{
    m_server->stop();
    ASSERT_TRUE(m_server->start(options)) << qPrintable(m_server->lastError());
    m_port = m_server->port();
}

void ServerHarness::spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

HttpResult ServerHarness::request(const QByteArray& method, const QString& path, const QByteArray& body,
                                  const QList<QPair<QByteArray, QByteArray>>& headers, int timeoutMs)
{
    QNetworkAccessManager nam;
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto& [name, value] : headers)
        req.setRawHeader(name, value);
    QNetworkReply* reply = nam.sendCustomRequest(req, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    HttpResult result;
    if (!reply->isFinished()) {
        reply->abort();
        delete reply;
        return result; // status 0: timed out
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    delete reply;
    return result;
}

HttpResult ServerHarness::raw(const QByteArray& bytes, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    HttpResult result;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() != QAbstractSocket::ConnectedState && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    socket.write(bytes);
    QByteArray data;
    while (timer.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        socket.waitForReadyRead(10);
        data += socket.readAll();
        if (data.startsWith("HTTP/1.1 100 ") && data.contains("\r\n\r\n"))
            data.remove(0, data.indexOf("\r\n\r\n") + 4); // an interim answer to Expect: 100-continue
        const qsizetype end = data.indexOf("\r\n\r\n");
        const int status = data.left(data.indexOf("\r\n")).split(' ').value(1).toInt();
        if (end >= 0 && (status == 204 || status == 304))
            break; // no body, and no Content-Length (RFC 9110 §8.6)
        if (end >= 0) {
            const QList<QByteArray> lines = data.left(end).split('\n');
            qsizetype length = -1;
            for (const QByteArray& line : lines) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (length >= 0 && data.size() >= end + 4 + length)
                break;
        }
        if (socket.state() == QAbstractSocket::UnconnectedState)
            break;
    }
    const qsizetype end = data.indexOf("\r\n\r\n");
    if (end < 0)
        return result;
    const QList<QByteArray> lines = data.left(end).split('\n');
    result.status = lines.value(0).split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            result.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
    }
    result.body = data.mid(end + 4);
    return result;
}

void ServerHarness::registerWallet(const QByteArray& password)
{
    const HttpResult r = post(QStringLiteral("/api/register"), "{\"password\":\"" + password + "\"}");
    ASSERT_EQ(r.status, 200) << r.body.constData();
    ASSERT_EQ(r.body, QByteArray(R"({"success":true})"));
}

void ServerHarness::grant(const QString& host, const QStringList& scopes, access::SigningPolicy policy)
{
    access::Grants grants(m_db, m_clock);
    access::Grant g;
    g.host = host;
    g.scopes = scopes;
    g.duration = QStringLiteral("1h");
    g.policy = policy;
    ASSERT_TRUE(grants.save(g));
}

void ServerHarness::rememberConsent(const QString& clientId, const QStringList& scopes,
                                    const QString& identity)
{
    access::OAuthConsents consents(m_db, m_clock);
    const auto remembered = consents.remember(clientId, scopes, identity);
    ASSERT_TRUE(remembered) << qPrintable(remembered.error());
}

QString ServerHarness::authorize(const QString& host, const QStringList& scopes,
                                 const QList<QPair<QByteArray, QByteArray>>& headers)
{
    QJsonObject body{{QStringLiteral("host"), host},
                     {QStringLiteral("scopes"), QJsonArray::fromStringList(scopes)},
                     {QStringLiteral("expiry"), QStringLiteral("1h")}};
    const HttpResult r =
        post(QStringLiteral("/api/auth"), QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
    EXPECT_EQ(r.status, 200) << r.body.constData();
    return r.json().value(QStringLiteral("accessToken")).toString();
}

} // namespace tokenpass::test
