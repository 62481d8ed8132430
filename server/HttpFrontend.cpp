#include "HttpFrontend.h"

#include "ApiTypes.h"
#include "Router.h"

#include <QMetaEnum>
#include <QUrl>

namespace tokenpass::server {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QByteArrayLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QByteArrayLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QByteArrayLiteral("PATCH");
    default:
        break;
    }
    return QByteArrayLiteral("UNKNOWN");
}

} // namespace

HttpFrontend::HttpFrontend(Router& router, QObject* parent) : QAbstractHttpServer(parent), m_router(router) {}

bool HttpFrontend::handleRequest(TOKENPASS_HTTP_HANDLE_REQUEST_ARGS)
{
    ApiRequest copy;
    copy.method = methodName(request.method());
    const QUrl url = request.url();
    copy.path = url.path();
    if (copy.path.isEmpty())
        copy.path = QStringLiteral("/");
    copy.query = QUrlQuery(url);
    copy.headers = compat::requestHeaders(request);
    copy.body = request.body();
    m_router.dispatch(std::move(copy), TOKENPASS_HTTP_HOLD_RESPONDER());
    return true;
}

void HttpFrontend::missingHandler(TOKENPASS_HTTP_MISSING_HANDLER_ARGS)
{
    // Not reached: handleRequest() takes every request. Answer plainly all the same.
    Q_UNUSED(request);
    TOKENPASS_HTTP_HOLD_RESPONDER().write(404, {}, QByteArray());
}

} // namespace tokenpass::server
