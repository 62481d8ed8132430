#include "HttpClient.h"

namespace tokenpass::cli {

QByteArray HttpResponse::header(const QByteArray& lowerName) const
{
    for (const auto& h : headers)
        if (h.first == lowerName)
            return h.second;
    return {};
}

HttpResponse HttpClient::get(const QUrl& url, const HttpHeaders& headers, int timeoutMs)
{
    return send("GET", url, {}, headers, timeoutMs);
}

HttpResponse HttpClient::post(const QUrl& url, const QByteArray& body, const HttpHeaders& headers,
                              int timeoutMs)
{
    return send("POST", url, body, headers, timeoutMs);
}

} // namespace tokenpass::cli
