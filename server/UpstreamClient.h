#pragma once

#include "UpstreamTransport.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace tokenpass::server {

// Outbound HTTP for the internet-facing extras (API.md decision 12: /api/bap-profile and
// /api/sync/*). Lives on the server thread and never blocks it: a request is sent, the server
// thread goes back to its event loop, and `done` runs there when the answer (or the timeout)
// comes. Answers still in flight when the client is destroyed are dropped, not delivered.
//
// The HTTPS itself is in a module (tokenpass_upstream, server/upstream/) loaded on the first
// send, so neither executable loads Qt Network and OpenSSL's TLS backend at start. Without the
// module every send answers Unreachable, naming the file that is missing.
class UpstreamClient : public QObject
{
    Q_OBJECT
public:
    using Result = UpstreamResult;
    using Done = UpstreamTransport::Done;
    using Headers = UpstreamTransport::Headers;

    explicit UpstreamClient(QObject* parent = nullptr);
    ~UpstreamClient() override;

    void send(const QByteArray& method, const QUrl& url, const Headers& headers, const QByteArray& body,
              int timeoutMs, Done done);

    // "https://host/" + "/api/x" without a double slash.
    static QUrl join(const QString& baseUrl, const QString& path);

    // Where the module is looked for: beside the executable, then <exe>/../lib/tokenpass (a Linux
    // install). setModuleFile() replaces that list with one file, for the whole process (tests,
    // whose executables live elsewhere); an empty path restores it.
    static QStringList moduleCandidates();
    static void setModuleFile(const QString& path);

private:
    std::unique_ptr<UpstreamTransport> m_transport; // made on the first send, on this thread
};

} // namespace tokenpass::server
