#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>
#include <QtPlugin>

#include <functional>
#include <memory>

namespace tokenpass::server {

// The seam between UpstreamClient (in both binaries) and the module that does the HTTPS
// (server/upstream/, loaded on the first send). Plain C++ and Qt Core only: including this
// header links nothing of Qt Network.
struct UpstreamResult
{
    enum class Outcome
    {
        Answered,    // an HTTP status came back (any status, 2xx or not)
        TimedOut,    // no complete answer within the timeout
        Unreachable, // connection refused, DNS, TLS, no upstream module, ...
    };
    Outcome outcome = Outcome::Unreachable;
    int status = 0;
    QByteArray body;
    QString errorText; // for Unreachable

    bool ok() const { return outcome == Outcome::Answered && status >= 200 && status < 300; }
};

class UpstreamTransport
{
public:
    using Done = std::function<void(const UpstreamResult& result)>;
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    virtual ~UpstreamTransport() = default;
    // Sends without blocking; `done` runs later on this transport's thread, never after the
    // transport is destroyed (answers still in flight are then dropped).
    virtual void send(const QByteArray& method, const QUrl& url, const Headers& headers,
                      const QByteArray& body, int timeoutMs, Done done) = 0;
};

// The module's root object (QPluginLoader::instance()). Stateless: one per process, shared by
// every server thread.
class UpstreamTransportFactory
{
public:
    virtual ~UpstreamTransportFactory() = default;
    // A transport for the calling thread.
    virtual std::unique_ptr<UpstreamTransport> create() = 0;
};

} // namespace tokenpass::server

#define TOKENPASS_UPSTREAM_TRANSPORT_IID "app.tokenpass.UpstreamTransportFactory/1"
Q_DECLARE_INTERFACE(tokenpass::server::UpstreamTransportFactory, TOKENPASS_UPSTREAM_TRANSPORT_IID)
