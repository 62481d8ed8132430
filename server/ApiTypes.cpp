#include "ApiTypes.h"

#include "crypto/StackScrub.h"

namespace tokenpass::server {

QByteArray ApiRequest::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

ApiResponse ApiResponse::json(int status, QByteArray body)
{
    ApiResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

ApiResponse ApiResponse::htmlPage(int status, const QString& html, QByteArray referrerPolicy)
{
    ApiResponse r = json(status, html.toUtf8());
    r.contentType = QByteArrayLiteral("text/html; charset=utf-8");
    r.headers.append(
        {QByteArrayLiteral("Content-Security-Policy"),
         QByteArrayLiteral("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")});
    r.headers.append({QByteArrayLiteral("X-Frame-Options"), QByteArrayLiteral("DENY")});
    r.headers.append({QByteArrayLiteral("Referrer-Policy"), std::move(referrerPolicy)});
    return r;
}

ApiResponse ApiResponse::secretJson(int status, std::shared_ptr<const crypto::SecureBytes> body)
{
    ApiResponse r;
    r.status = status;
    r.secretBody = std::move(body);
    return r;
}

ApiResponse ApiResponse::empty(int status)
{
    ApiResponse r;
    r.status = status;
    r.contentType.clear();
    return r;
}

struct Reply::State
{
    explicit State(Responder held, Finisher fin) : responder(std::move(held)), finisher(std::move(fin)) {}
    Responder responder;
    Finisher finisher;
    bool sent = false;
};

Reply::Reply(Responder responder, Finisher finisher)
    : m_state(std::make_shared<State>(std::move(responder), std::move(finisher)))
{}

void Reply::send(ApiResponse response) const
{
    if (!m_state || m_state->sent)
        return;
    m_state->sent = true;
    if (m_state->finisher)
        m_state->finisher(response);
    HeaderList headers;
    if (!response.contentType.isEmpty())
        headers.append({QByteArrayLiteral("Content-Type"), response.contentType});
    headers.append(response.headers);
    if (response.secretBody) {
        // The connection copies the answer into its write buffer before write() returns and wipes
        // it once the kernel has it (HttpConnection), so a view is safe and our SecureBytes stays
        // the only copy we own. The scrub wipes what the copying left on this thread's stack and
        // in the SIMD registers (a later lazy PLT binding would save them onto the stack).
        const crypto::StackScrub scrub;
        const crypto::SecureBytes& secret = *response.secretBody;
        const QByteArray body =
            QByteArray::fromRawData(reinterpret_cast<const char*>(secret.data()), qsizetype(secret.size()));
        m_state->responder.write(response.status, headers, body);
        return;
    }
    m_state->responder.write(response.status, headers, response.body);
}

bool Reply::sent() const
{
    return m_state && m_state->sent;
}

bool Reply::connected() const
{
    return m_state && !m_state->sent && m_state->responder.connected();
}

} // namespace tokenpass::server
