// The JWT verifier (oauth::Jwt::verify) with our own kid lookup: an ES256 key derived from a fixed
// root (FuzzSupport's jwtKey) and an RSA key made at start-up.
// Input: the first byte picks the mode, the rest is the text.
//   mode even: the text is a compact JWS to verify;
//   mode odd:  the text is a claims object, signed (ES256, or RS256 when mode & 2) and verified.
// Invariants: whatever verifies names one of our kids and that key's own algorithm; a token we
// sign verifies to the same claims, and stops verifying when its payload changes.

#include "FuzzSupport.h"
#include "oauth/Base64Url.h"
#include "oauth/Jwt.h"

#include <QJsonDocument>

namespace {

using namespace tokenpass;

const oauth::Rs256Key& rsaKey()
{
    static const oauth::Rs256Key key = oauth::Rs256Key::generate().value();
    return key;
}

std::optional<oauth::JwsPublicKey> lookup(const QString& kid)
{
    static const oauth::Es256Key ec = fuzz::jwtKey();
    if (kid == ec.kid())
        return oauth::JwsPublicKey(ec.publicKey());
    if (kid == rsaKey().kid())
        return oauth::JwsPublicKey(rsaKey().publicKey());
    return std::nullopt;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    fuzz::InputReader in(data, size);
    const std::uint8_t mode = in.byte();
    const QByteArray text = in.rest().toByteArray();
    if (mode % 2 == 0) {
        const auto verified = oauth::Jwt::verify(QString::fromLatin1(text), lookup);
        if (verified) {
            const auto key = lookup(verified->header.value(QStringLiteral("kid")).toString());
            if (!key || key->alg() != verified->header.value(QStringLiteral("alg")).toString())
                fuzz::fail("a token verified under another algorithm than its key's");
        }
        return 0;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(text);
    if (!doc.isObject())
        return 0;
    const QJsonObject claims = doc.object();
    static const oauth::Es256Key ec = fuzz::jwtKey();
    const QString token = (mode & 2) ? oauth::Jwt::sign(claims, rsaKey()) : oauth::Jwt::sign(claims, ec);
    const auto verified = oauth::Jwt::verify(token, lookup);
    // Compared as serialized, so values JSON cannot hold (an overflowing number) count the same.
    const auto compact = [](const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); };
    if (!verified || compact(verified->claims) != compact(claims))
        fuzz::fail("a token we signed does not verify to its claims");
    QJsonObject changed = claims;
    changed.insert(QStringLiteral("fuzz-changed"), !claims.value(QStringLiteral("fuzz-changed")).toBool());
    const QStringList parts = token.split(QLatin1Char('.'));
    const QString forged =
        parts[0] + QLatin1Char('.') +
        QString::fromLatin1(oauth::base64Url(QJsonDocument(changed).toJson(QJsonDocument::Compact))) +
        QLatin1Char('.') + parts[2];
    if (oauth::Jwt::verify(forged, lookup))
        fuzz::fail("a changed payload still verifies");
    return 0;
}
