#include "oauth/Base64Url.h"

namespace tokenpass::oauth {

QByteArray base64Url(QByteArrayView bytes)
{
    return QByteArray(bytes.data(), bytes.size())
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> fromBase64Url(QByteArrayView text)
{
    for (const char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_';
        if (!ok)
            return std::nullopt;
    }
    if (text.size() % 4 == 1) // no encoding ends with a single character
        return std::nullopt;
    auto decoded = QByteArray::fromBase64Encoding(
        QByteArray(text.data(), text.size()), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                                                  QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    // Canonical form only: re-encoding must give the same text (no stray low bits).
    if (base64Url(*decoded) != QByteArray(text.data(), text.size()))
        return std::nullopt;
    return *decoded;
}

} // namespace tokenpass::oauth
