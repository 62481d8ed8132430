#pragma once

#include "Responder.h"
#include "crypto/SecureBytes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <functional>
#include <memory>

namespace tokenpass::server {

// One HTTP request, copied out of Qt's request object. Qt 6.4 reuses that object for the next
// request on the same connection, so nothing may refer to it once handleRequest() returns.
struct ApiRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path;      // decoded path, e.g. "/api/status"
    QUrlQuery query;
    HeaderList headers;
    QByteArray body;

    // Filled by the guard.
    QString origin;   // the Origin header, empty for native clients
    QJsonObject json; // the parsed (and, if sent so, session-decrypted) body; secret string
                      // members are redacted here (Router::kSecretFields): read them with
                      // support::secretField, which takes them from jsonText()
    std::shared_ptr<const crypto::SecureBytes> sessionPlaintext; // the decrypted body, if any

    // The JSON text the handler's body came from: the decrypted session body, or the raw body.
    QByteArrayView jsonText() const
    {
        return sessionPlaintext ? sessionPlaintext->view() : QByteArrayView(body);
    }

    QByteArray header(const QByteArray& name) const; // case-insensitive, first match
};

// A complete response. The guard adds the headers every response carries.
struct ApiResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
    HeaderList headers;
    // Sent instead of `body` when set: a body that carries secrets (the export), wiped once Qt
    // has copied it into the socket (issue 20).
    std::shared_ptr<const crypto::SecureBytes> secretBody;

    static ApiResponse json(int status, QByteArray body);
    static ApiResponse secretJson(int status, std::shared_ptr<const crypto::SecureBytes> body);
    static ApiResponse empty(int status);
    // A page for a browser (the /auth and OAuth pages): never framable (clickjacking of an Approve
    // button), inline styles only, nothing else loads; the caller picks the Referrer-Policy.
    static ApiResponse htmlPage(int status, const QString& html, QByteArray referrerPolicy);
};

// The answer channel of one request. Copies share one channel; the first send() wins, later ones
// are ignored, and sending after the client left is harmless. Handlers that need a decision from
// the person keep a copy and answer later, on the server thread.
class Reply
{
public:
    using Finisher = std::function<void(ApiResponse&)>; // adds the guard's common headers

    Reply() = default;
    Reply(Responder responder, Finisher finisher);

    void send(ApiResponse response) const;
    bool sent() const;
    bool connected() const; // false once the client disconnected or the answer went out

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace tokenpass::server
