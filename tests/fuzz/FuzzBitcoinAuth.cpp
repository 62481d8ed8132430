// bitcoin-auth tokens ("pubkey|scheme|timestamp|path|signature"): parse, strict verify (what
// TokenPass accepts) and the reference library's verify.
// Input: lines "flags", token, request path, verifier time (ISO-8601), then the body (rest).
// Invariant: a token the strict check accepts also passes the reference check.

#include "FuzzSupport.h"
#include "wallet/BitcoinAuth.h"

#include <QDateTime>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tokenpass;
    using wallet::BitcoinAuth;
    QList<QByteArray> parts =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size)).split('\n');
    while (parts.size() < 5)
        parts.append(QByteArray());
    const std::uint8_t flags = parts[0].isEmpty() ? 0 : std::uint8_t(parts[0].at(0));
    const QString token = QString::fromUtf8(parts[1]);
    const QString path = QString::fromUtf8(parts[2]);
    const QString now = QString::fromUtf8(parts[3]);
    const QByteArray body = parts.mid(4).join('\n');
    const auto encoding = static_cast<BitcoinAuth::BodyEncoding>(flags % 3);

    (void)BitcoinAuth::parseToken(token);
    const QDateTime nowTime = QDateTime::fromString(now, Qt::ISODateWithMs);
    const qint64 nowMs = nowTime.isValid() ? nowTime.toMSecsSinceEpoch() : 0;
    const auto strict = BitcoinAuth::verifyStrict(token, {path, body, encoding}, nowMs);

    BitcoinAuth::ReferenceTarget target;
    target.requestPath = path;
    target.timestamp = now;
    target.body = body;
    target.bodyEncoding = encoding;
    const bool reference = BitcoinAuth::verifyReference(token, target);
    // Compared only for a canonical "now", which both clocks read the same way.
    const bool canonicalNow = nowTime.isValid() && BitcoinAuth::isoTimestamp(nowMs) == now;
    if (strict && !reference && canonicalNow)
        fuzz::fail("a token the strict check accepts fails the reference check");
    return 0;
}
