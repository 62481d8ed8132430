#include "RouteSupport.h"

namespace tokenpass::server::support {

crypto::SecureBytes passwordBytes(const QString& password)
{
    QByteArray utf8 = password.toUtf8();
    return crypto::SecureBytes::takeFrom(utf8);
}

std::optional<ApiResponse> tokenFailure(const access::TokenCheck& check)
{
    switch (check.status) {
    case access::TokenStatus::Valid: return std::nullopt;
    case access::TokenStatus::NoToken: return errors::response(ApiError::NoToken);
    case access::TokenStatus::InvalidToken: return errors::response(ApiError::InvalidToken);
    case access::TokenStatus::Expired: return errors::response(ApiError::TokenExpired);
    case access::TokenStatus::MissingScopes: return errors::missingScopes(check.missingScopes);
    }
    return errors::response(ApiError::InvalidToken);
}

QString tokenHost(const access::TokenCheck& check)
{
    return check.record.host.isEmpty() ? QStringLiteral("localhost") : check.record.host;
}

std::optional<ApiResponse> backoffResponse(const ServerState& state, ApiError limitError)
{
    if (!state.backoff)
        return std::nullopt;
    const qint64 waitMs = state.backoff->msUntilAllowed();
    if (waitMs <= 0)
        return std::nullopt;
    return errors::tooMany(limitError, int((waitMs + 999) / 1000));
}

} // namespace tokenpass::server::support
