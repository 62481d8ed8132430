#pragma once

#include "ApiErrors.h"
#include "Responder.h"

#include <QByteArray>

namespace tokenpass::server::wire {

// The bytes of HTTP/1.1 responses (RFC 9112 §4, §6), as HttpConnection writes them.

QByteArray reasonPhrase(int status);

// A complete response: status line, the fields in order, Content-Length (not for 1xx, 204, 304),
// "Connection: close" when the connection ends after it, and the body unless `headRequest`.
QByteArray response(int status, const HeaderList& headers, const QByteArray& body, bool headRequest,
                    bool closeAfter);

// The answer to a request the framing refused: the JSON error, no-store, nosniff, close.
QByteArray refusal(ApiError error);

inline QByteArray continueInterim()
{
    return QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n");
}

} // namespace tokenpass::server::wire
