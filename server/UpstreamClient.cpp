#include "UpstreamClient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <memory>

namespace tokenpass::server {

UpstreamClient::UpstreamClient(QObject* parent) : QObject(parent), m_nam(new QNetworkAccessManager(this)) {}

UpstreamClient::~UpstreamClient()
{
    // Replies die with the manager and would report "finished" into a half-destroyed object.
    for (QNetworkReply* reply : m_nam->findChildren<QNetworkReply*>()) {
        reply->disconnect(this);
        reply->abort();
    }
}

QUrl UpstreamClient::join(const QString& baseUrl, const QString& path)
{
    QString base = baseUrl.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + path);
}

void UpstreamClient::send(const QByteArray& method, const QUrl& url, const Headers& headers,
                          const QByteArray& body, int timeoutMs, Done done)
{
    QNetworkRequest request(url);
    // Redirects could carry the signed Authorization header to another host: not followed.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply* reply = m_nam->sendCustomRequest(request, method, body);

    auto timedOut = std::make_shared<bool>(false);
    auto* timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort(); // emits finished
    });
    timer->start(timeoutMs);

    connect(reply, &QNetworkReply::finished, this, [reply, timedOut, done = std::move(done)] {
        reply->deleteLater();
        Result result;
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (*timedOut) {
            result.outcome = Result::Outcome::TimedOut;
        } else if (status.isValid()) {
            result.outcome = Result::Outcome::Answered;
            result.status = status.toInt();
            result.body = reply->readAll();
        } else {
            result.outcome = Result::Outcome::Unreachable;
            result.errorText = reply->errorString();
        }
        done(result);
    });
}

} // namespace tokenpass::server
