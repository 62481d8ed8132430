#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <memory>

namespace tokenpass::cli {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

struct HttpResponse
{
    bool reached = false; // false: nothing answered (not running, refused, timed out)
    int status = 0;
    QByteArray body;
    HttpHeaders headers; // names in lower case
    QString error;       // why nothing answered

    QByteArray header(const QByteArray& lowerName) const;
};

// A blocking HTTP/1.1 client for loopback calls (the command line runs one request at a time).
// Keeps its connection open between calls and never uses a proxy. One file per OS:
// HttpClient_posix.cpp (plain sockets, so `tokenpass` does not load Qt Network, nor OpenSSL's
// TLS backend, GSSAPI and libproxy behind it) and HttpClient_win.cpp (QNetworkAccessManager).
class HttpClient
{
public:
    HttpClient();
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    HttpResponse get(const QUrl& url, const HttpHeaders& headers = {}, int timeoutMs = kDefaultTimeoutMs);
    HttpResponse post(const QUrl& url, const QByteArray& body, const HttpHeaders& headers,
                      int timeoutMs = kDefaultTimeoutMs);

    static constexpr int kDefaultTimeoutMs = 30'000;
    // A tool call may wait for the person (the approval dialogs time out after 2 minutes).
    static constexpr int kApprovalTimeoutMs = 10 * 60'000;

private:
    HttpResponse send(const QByteArray& method, const QUrl& url, const QByteArray& body,
                      const HttpHeaders& headers, int timeoutMs);
    struct Connection;
    std::unique_ptr<Connection> m_connection;
};

} // namespace tokenpass::cli
