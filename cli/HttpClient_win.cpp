// HttpClient on Windows: QNetworkAccessManager (Qt Network, linked into tokenpass_cli on Windows
// only). Linux and macOS use HttpClient_posix.cpp.
#include "HttpClient.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace tokenpass::cli {

struct HttpClient::Connection
{
    QNetworkAccessManager manager;
};

HttpClient::HttpClient() : m_connection(std::make_unique<Connection>())
{
    m_connection->manager.setProxy(QNetworkProxy::NoProxy); // loopback only: never through http_proxy
}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::send(const QByteArray& method, const QUrl& url, const QByteArray& body,
                              const HttpHeaders& headers, int timeoutMs)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    for (const auto& h : headers)
        request.setRawHeader(h.first, h.second);
    QNetworkReply* reply = method == "GET" ? m_connection->manager.get(request)
                                           : m_connection->manager.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);

    HttpResponse response;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        response.reached = true;
        response.status = status.toInt();
        response.body = reply->readAll();
        for (const auto& pair : reply->rawHeaderPairs())
            response.headers.append({pair.first.toLower(), pair.second});
    } else {
        response.error =
            timedOut ? QStringLiteral("no answer within %1 s").arg(timeoutMs / 1000) : reply->errorString();
    }
    delete reply; // finished: nothing of it runs any more
    return response;
}

} // namespace tokenpass::cli
