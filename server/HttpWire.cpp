#include "HttpWire.h"

namespace tokenpass::server::wire {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return QByteArrayLiteral("Continue");
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 202:
        return QByteArrayLiteral("Accepted");
    case 204:
        return QByteArrayLiteral("No Content");
    case 301:
        return QByteArrayLiteral("Moved Permanently");
    case 302:
        return QByteArrayLiteral("Found");
    case 303:
        return QByteArrayLiteral("See Other");
    case 304:
        return QByteArrayLiteral("Not Modified");
    case 307:
        return QByteArrayLiteral("Temporary Redirect");
    case 308:
        return QByteArrayLiteral("Permanent Redirect");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 402:
        return QByteArrayLiteral("Payment Required");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 406:
        return QByteArrayLiteral("Not Acceptable");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 410:
        return QByteArrayLiteral("Gone");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 415:
        return QByteArrayLiteral("Unsupported Media Type");
    case 421:
        return QByteArrayLiteral("Misdirected Request");
    case 422:
        return QByteArrayLiteral("Unprocessable Content");
    case 423:
        return QByteArrayLiteral("Locked");
    case 428:
        return QByteArrayLiteral("Precondition Required");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    case 507:
        return QByteArrayLiteral("Insufficient Storage");
    default:
        break;
    }
    return status < 400 ? QByteArrayLiteral("OK") : QByteArrayLiteral("Error");
}

QByteArray response(int status, const HeaderList& headers, const QByteArray& body, bool headRequest,
                    bool closeAfter)
{
    // RFC 9110 §8.6: no Content-Length on 1xx and 204; 304 would repeat the GET's, which we lack.
    const bool bodyless = status < 200 || status == 204 || status == 304;
    QByteArray out;
    out.reserve(128 + headers.size() * 48 + (headRequest || bodyless ? 0 : body.size()));
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto& [name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (!bodyless)
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (closeAfter)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!headRequest && !bodyless)
        out += body;
    return out;
}

QByteArray refusal(ApiError error)
{
    const ApiResponse answer = errors::response(error);
    const HeaderList headers = {
        {QByteArrayLiteral("Content-Type"), answer.contentType},
        {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")},
        {QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")},
    };
    return response(answer.status, headers, answer.body, false, true);
}

} // namespace tokenpass::server::wire
