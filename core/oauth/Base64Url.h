#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace tokenpass::oauth {

// Base64url without padding (RFC 7515 §2), as JOSE and PKCE use it.
QByteArray base64Url(QByteArrayView bytes);
// Strict: only the url-safe alphabet, no padding, no whitespace; nullopt otherwise.
std::optional<QByteArray> fromBase64Url(QByteArrayView text);

} // namespace tokenpass::oauth
