#pragma once

#include "Result.h"
#include "oauth/Es256Key.h"

#include <QJsonObject>
#include <QString>

#include <functional>
#include <optional>

namespace tokenpass::oauth {

// Compact JWS/JWT with ES256 (OAUTH.md §3). Verification never trusts the header: the key comes
// from our own table by `kid`, its algorithm must be the header's, and `none`, HS* and every
// algorithm but ES256 are refused before any key is looked at.
class Jwt
{
public:
    // header = {"alg":"ES256","kid":key.kid(),"typ":typ} (typ omitted when empty).
    static QString sign(const QJsonObject& claims, const Es256Key& key, const QString& typ = QString());

    struct Verified
    {
        QJsonObject header;
        QJsonObject claims;
    };
    // Our public key for a kid, or nullopt for an unknown kid.
    using KeyLookup = std::function<std::optional<Es256PublicKey>(const QString& kid)>;
    static Result<Verified> verify(QStringView token, const KeyLookup& lookup);
};

} // namespace tokenpass::oauth
