// The upstream module (tokenpass_upstream): UpstreamTransport over QNetworkAccessManager, for the
// HTTPS calls of /api/bap-profile and /api/sync/*. It is the only part of TokenPass that needs Qt
// Network's client side with TLS, proxies and DNS; in a module of its own, loaded on the first
// call, neither tokenpassd nor the tray app loads Qt Network, OpenSSL's TLS backend, GSSAPI or
// libproxy at start (docs/ARCHITECTURE.md "Start-up footprint").
#include "UpstreamTransport.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QTimer>

#include <memory>

namespace tokenpass::server {

namespace {

class NetworkUpstreamTransport : public UpstreamTransport
{
public:
    ~NetworkUpstreamTransport() override
    {
        // Replies die with the manager and would report "finished" to a callback whose owner is
        // going away: cut them loose first.
        for (QNetworkReply* reply : m_nam.findChildren<QNetworkReply*>()) {
            reply->disconnect();
            reply->abort();
        }
    }

    void send(const QByteArray& method, const QUrl& url, const Headers& headers, const QByteArray& body,
              int timeoutMs, Done done) override
    {
        QNetworkRequest request(url);
        // Redirects could carry the signed Authorization header to another host: not followed.
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        for (const auto& [name, value] : headers)
            request.setRawHeader(name, value);
        QNetworkReply* reply = m_nam.sendCustomRequest(request, method, body);

        auto timedOut = std::make_shared<bool>(false);
        auto* timer = new QTimer(reply);
        timer->setSingleShot(true);
        QObject::connect(timer, &QTimer::timeout, reply, [reply, timedOut] {
            *timedOut = true;
            reply->abort(); // emits finished
        });
        timer->start(timeoutMs);

        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, timedOut, done = std::move(done)] {
            reply->deleteLater();
            UpstreamResult result;
            const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
            if (*timedOut) {
                result.outcome = UpstreamResult::Outcome::TimedOut;
            } else if (status.isValid()) {
                result.outcome = UpstreamResult::Outcome::Answered;
                result.status = status.toInt();
                result.body = reply->readAll();
            } else {
                result.outcome = UpstreamResult::Outcome::Unreachable;
                result.errorText = reply->errorString();
            }
            done(result);
        });
    }

private:
    QNetworkAccessManager m_nam; // on the thread that created the transport, as Qt requires
};

} // namespace

class NetworkUpstreamFactory : public QObject, public UpstreamTransportFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID TOKENPASS_UPSTREAM_TRANSPORT_IID)
    Q_INTERFACES(tokenpass::server::UpstreamTransportFactory)

public:
    std::unique_ptr<UpstreamTransport> create() override
    {
        return std::make_unique<NetworkUpstreamTransport>();
    }
};

} // namespace tokenpass::server

#include "NetworkUpstream.moc"
