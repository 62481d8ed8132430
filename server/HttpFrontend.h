#pragma once

#include "HttpServerCompat.h"

#include <QAbstractHttpServer>

namespace tokenpass::server {

class Router;

// The Qt HTTP server, reduced to one job: copy each request out of Qt's objects and hand it, with
// a responder that may be answered later, to the Router. We subclass QAbstractHttpServer rather
// than use QHttpServer's router, because its responder signatures differ on every Qt release
// and a handler that waits for a person must keep the responder (HttpServerCompat.h).
class HttpFrontend : public QAbstractHttpServer
{
    Q_OBJECT
public:
    HttpFrontend(Router& router, QObject* parent = nullptr);

protected:
    bool handleRequest(TOKENPASS_HTTP_HANDLE_REQUEST_ARGS) override;
    void missingHandler(TOKENPASS_HTTP_MISSING_HANDLER_ARGS) override;

private:
    Router& m_router;
};

} // namespace tokenpass::server
