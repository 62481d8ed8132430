#include "wallet/BitcoinAuth.h"

#include "crypto/Brc77.h"
#include "crypto/Bsm.h"
#include "crypto/Encoding.h"
#include "crypto/Hash.h"

#include <QDateTime>
#include <QRegularExpression>

namespace tokenpass::wallet {

using crypto::PrivateKey;
using crypto::PublicKey;

namespace {

constexpr QChar kSeparator = QLatin1Char('|');

Result<QByteArray> decodeBody(QByteArrayView body, BitcoinAuth::BodyEncoding encoding)
{
    using R = Result<QByteArray>;
    switch (encoding) {
    case BitcoinAuth::BodyEncoding::Utf8:
        return R::ok(body.toByteArray());
    case BitcoinAuth::BodyEncoding::Hex: {
        auto bytes = crypto::fromHex(body);
        if (!bytes)
            return R::fail(QStringLiteral("Body is not valid hex"));
        return R::ok(std::move(*bytes));
    }
    case BitcoinAuth::BodyEncoding::Base64: {
        auto bytes = crypto::fromBase64(QString::fromLatin1(body));
        if (!bytes)
            return R::fail(QStringLiteral("Body is not valid base64"));
        return R::ok(std::move(*bytes));
    }
    }
    return R::fail(QStringLiteral("Unknown body encoding"));
}

// `new Date(text).getTime()` for the ISO-8601 forms JS accepts; nullopt stands for NaN.
std::optional<qint64> parseJsDate(QStringView text)
{
    if (text.isEmpty())
        return std::nullopt;
    QDateTime dt = QDateTime::fromString(text.toString(), Qt::ISODateWithMs);
    if (!dt.isValid())
        return std::nullopt;
    // JS reads a date-only form as UTC midnight; a date-time without an offset as local time.
    if (text.size() == 10)
        dt = QDateTime(dt.date(), QTime(0, 0), Qt::UTC);
    return dt.toMSecsSinceEpoch();
}

// Exactly Date.toISOString(): YYYY-MM-DDTHH:mm:ss.sssZ.
std::optional<qint64> parseStrictIso(QStringView text)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$)"));
    if (!pattern.match(text.toString()).hasMatch())
        return std::nullopt;
    const QDateTime dt = QDateTime::fromString(text.toString(), Qt::ISODateWithMs);
    if (!dt.isValid() || dt.toString(Qt::ISODateWithMs) != text)
        return std::nullopt; // e.g. 2025-02-30 or 24:00
    return dt.toMSecsSinceEpoch();
}

QString bodyHashOrEmpty(QByteArrayView body, BitcoinAuth::BodyEncoding encoding, bool* ok)
{
    auto hash = BitcoinAuth::bodyHash(body, encoding);
    *ok = hash.isOk();
    return hash.isOk() ? hash.value() : QString();
}

} // namespace

QString BitcoinAuth::schemeName(Scheme scheme)
{
    return scheme == Scheme::Bsm ? QStringLiteral("bsm") : QStringLiteral("brc77");
}

QString BitcoinAuth::isoTimestamp(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

Result<QString> BitcoinAuth::bodyHash(QByteArrayView body, BodyEncoding encoding)
{
    // `body ? sha256(toArray(body, enc)) : ""`: only the text's emptiness matters, not the decoded size.
    if (body.isEmpty())
        return Result<QString>::ok(QString());
    auto bytes = decodeBody(body, encoding);
    if (!bytes)
        return Result<QString>::fail(bytes.error());
    return Result<QString>::ok(crypto::sha256Hex(bytes.value()));
}

QString BitcoinAuth::signedString(QStringView requestPath, QStringView timestamp, QStringView bodyHash)
{
    QString out;
    out.reserve(requestPath.size() + timestamp.size() + bodyHash.size() + 2);
    out.append(requestPath).append(kSeparator).append(timestamp).append(kSeparator).append(bodyHash);
    return out;
}

Result<QString> BitcoinAuth::createToken(const PrivateKey& key, const Request& request,
                                         const CreateOptions& options)
{
    using R = Result<QString>;
    const QString timestamp =
        options.timestamp.isEmpty() ? isoTimestamp(QDateTime::currentMSecsSinceEpoch()) : options.timestamp;
    if (request.requestPath.contains(kSeparator))
        return R::fail(QStringLiteral("Request path must not contain '|'"));
    if (timestamp.contains(kSeparator))
        return R::fail(QStringLiteral("Timestamp must not contain '|'"));
    auto hash = bodyHash(request.body, request.bodyEncoding);
    if (!hash)
        return R::fail(hash.error());
    const QByteArray message = signedString(request.requestPath, timestamp, hash.value()).toUtf8();

    QString signature;
    if (options.scheme == Scheme::Bsm) {
        signature = crypto::Bsm::sign(message, key);
    } else {
        auto signed77 = options.brc77KeyId.isEmpty()
                            ? crypto::Brc77::sign(message, key)
                            : crypto::Brc77::sign(message, key, std::nullopt, options.brc77KeyId);
        if (!signed77)
            return R::fail(signed77.error());
        signature = crypto::toBase64(signed77.value());
    }
    QString token = key.publicKey().toHex();
    token.append(kSeparator).append(schemeName(options.scheme)).append(kSeparator).append(timestamp);
    token.append(kSeparator).append(request.requestPath).append(kSeparator).append(signature);
    return R::ok(std::move(token));
}

Result<BitcoinAuth::Token> BitcoinAuth::parseToken(QStringView token)
{
    using R = Result<Token>;
    const QList<QStringView> parts = token.split(kSeparator);
    if (parts.size() != 5)
        return R::fail(QStringLiteral("Token must have 5 '|'-separated parts"));
    Token out;
    if (parts[1] == QLatin1String("bsm"))
        out.scheme = Scheme::Bsm;
    else if (parts[1] == QLatin1String("brc77"))
        out.scheme = Scheme::Brc77;
    else
        return R::fail(QStringLiteral("Token scheme must be bsm or brc77"));
    out.pubkey = parts[0].toString();
    out.timestamp = parts[2].toString();
    out.requestPath = parts[3].toString();
    out.signature = parts[4].toString();
    return R::ok(std::move(out));
}

bool BitcoinAuth::verifyReference(QStringView token, const ReferenceTarget& target)
{
    const auto parsed = parseToken(token);
    if (!parsed)
        return false;
    const Token& t = parsed.value();

    // verifyPreRequisites: only tokens from too far in the future fail; NaN comparisons are false.
    const auto tokenTime = parseJsDate(t.timestamp);
    const auto targetTime = parseJsDate(target.timestamp);
    if (tokenTime && targetTime && *tokenTime > *targetTime + qint64(target.timePadMinutes) * 60000)
        return false;
    if (t.requestPath != target.requestPath)
        return false;
    const auto publicKey = PublicKey::fromHex(t.pubkey);
    if (!publicKey)
        return false;

    bool ok = false;
    const QString hash = bodyHashOrEmpty(target.body, target.bodyEncoding, &ok);
    if (!ok)
        return false;
    const QByteArray message = signedString(t.requestPath, t.timestamp, hash).toUtf8();
    if (t.scheme == Scheme::Bsm)
        return crypto::Bsm::verifyWithPublicKey(message, t.signature, publicKey.value());
    // The reference checks only the BRC-77 signature itself, not who the embedded signer is.
    const auto signature = crypto::fromBase64(t.signature);
    return signature && crypto::Brc77::verify(message, *signature).isOk();
}

Result<BitcoinAuth::Token> BitcoinAuth::verifyStrict(QStringView token, const Request& request, qint64 nowMs,
                                                     qint64 windowMs)
{
    using R = Result<Token>;
    auto parsed = parseToken(token);
    if (!parsed)
        return R::fail(parsed.error());
    const Token& t = parsed.value();

    const auto publicKey = PublicKey::fromHex(t.pubkey);
    if (t.pubkey.size() != 66 || !publicKey)
        return R::fail(QStringLiteral("Token pubkey is not a compressed public key"));
    const auto tokenTime = parseStrictIso(t.timestamp);
    if (!tokenTime)
        return R::fail(QStringLiteral("Token timestamp is not an ISO-8601 UTC timestamp"));
    if (*tokenTime > nowMs + windowMs)
        return R::fail(QStringLiteral("Token timestamp is in the future"));
    if (*tokenTime < nowMs - windowMs)
        return R::fail(QStringLiteral("Token has expired"));
    if (request.requestPath.isEmpty() || request.requestPath.contains(kSeparator))
        return R::fail(QStringLiteral("Request path is empty or contains '|'"));
    if (t.requestPath != request.requestPath)
        return R::fail(QStringLiteral("Token was made for another request path"));

    auto hash = bodyHash(request.body, request.bodyEncoding);
    if (!hash)
        return R::fail(hash.error());
    const QByteArray message = signedString(t.requestPath, t.timestamp, hash.value()).toUtf8();
    if (t.scheme == Scheme::Bsm) {
        if (!crypto::Bsm::verifyWithPublicKey(message, t.signature, publicKey.value()))
            return R::fail(QStringLiteral("Invalid signature"));
        return parsed;
    }
    const auto signature = crypto::fromBase64(t.signature);
    if (!signature)
        return R::fail(QStringLiteral("Invalid signature"));
    const auto signer = crypto::Brc77::verify(message, *signature);
    if (!signer)
        return R::fail(QStringLiteral("Invalid signature"));
    // The binding the reference lacks (CRYPTO.md §7, vector check pubkey_field_swapped).
    if (signer.value() != publicKey.value())
        return R::fail(QStringLiteral("Signature was made by another key than the token's pubkey"));
    return parsed;
}

} // namespace tokenpass::wallet
