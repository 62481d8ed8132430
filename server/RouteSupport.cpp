#include "RouteSupport.h"

#include "crypto/JsonSecret.h"
#include "wallet/Wallet.h"

namespace tokenpass::server::support {

std::shared_ptr<crypto::SecureBytes> secretField(const ApiRequest& request, QByteArrayView key)
{
    auto field = crypto::JsonSecret::stringField(request.jsonText(), key);
    if (field.status != crypto::JsonSecret::Status::Found)
        return nullptr;
    return std::make_shared<crypto::SecureBytes>(std::move(field.value));
}

qsizetype utf16Length(const crypto::SecureBytes& utf8)
{
    qsizetype units = 0;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto byte = utf8[i];
        if ((byte & 0xC0) == 0x80)
            continue;                           // continuation byte
        units += (byte & 0xF8) == 0xF0 ? 2 : 1; // 4-byte sequences are surrogate pairs
    }
    return units;
}

std::optional<ApiResponse> tokenFailure(const access::TokenCheck& check)
{
    switch (check.status) {
    case access::TokenStatus::Valid:
        return std::nullopt;
    case access::TokenStatus::NoToken:
        return errors::response(ApiError::NoToken);
    case access::TokenStatus::InvalidToken:
        return errors::response(ApiError::InvalidToken);
    case access::TokenStatus::Expired:
        return errors::response(ApiError::TokenExpired);
    case access::TokenStatus::MissingScopes:
        return errors::missingScopes(check.missingScopes);
    }
    return errors::response(ApiError::InvalidToken);
}

QString tokenHost(const access::TokenCheck& check)
{
    return check.record.host.isEmpty() ? QStringLiteral("localhost") : check.record.host;
}

void recordHostKey(ServerState& state, const QString& host, const QString& knownAddress)
{
    if (!knownAddress.isEmpty() && state.recordedHostKeys.value(host) == knownAddress)
        return;
    const auto key = state.services.wallet->hostKey(host);
    if (!key || state.recordedHostKeys.value(host) == key->address)
        return;
    if (state.hostKeys->upsert({host, key->invoice, key->publicKey, key->address}))
        state.recordedHostKeys.insert(host, key->address);
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
