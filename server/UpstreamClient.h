#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace tokenpass::server {

// Outbound HTTP for the internet-facing extras (API.md decision 12: /api/bap-profile and
// /api/sync/*). Lives on the server thread and never blocks it: a request is sent, the server
// thread goes back to its event loop, and `done` runs there when the answer (or the timeout)
// comes. Answers still in flight when the client is destroyed are dropped, not delivered.
class UpstreamClient : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        enum class Outcome
        {
            Answered,    // an HTTP status came back (any status, 2xx or not)
            TimedOut,    // no complete answer within the timeout
            Unreachable, // connection refused, DNS, TLS, ...
        };
        Outcome outcome = Outcome::Unreachable;
        int status = 0;
        QByteArray body;
        QString errorText; // for Unreachable

        bool ok() const { return outcome == Outcome::Answered && status >= 200 && status < 300; }
    };
    using Done = std::function<void(const Result& result)>;
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit UpstreamClient(QObject* parent = nullptr);
    ~UpstreamClient() override;

    void send(const QByteArray& method, const QUrl& url, const Headers& headers, const QByteArray& body,
              int timeoutMs, Done done);

    // "https://host/" + "/api/x" without a double slash.
    static QUrl join(const QString& baseUrl, const QString& path);

private:
    QNetworkAccessManager* m_nam = nullptr;
};

} // namespace tokenpass::server
