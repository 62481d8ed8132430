#include "oauth/Pkce.h"

#include "crypto/Hash.h"
#include "oauth/Base64Url.h"

#include <openssl/crypto.h>

namespace tokenpass::oauth {

namespace {

bool unreserved(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' ||
           u == '.' || u == '_' || u == '~';
}

} // namespace

bool Pkce::validVerifier(QStringView verifier)
{
    if (verifier.size() < 43 || verifier.size() > 128)
        return false;
    for (const QChar c : verifier)
        if (!unreserved(c))
            return false;
    return true;
}

bool Pkce::validChallenge(QStringView challenge)
{
    if (challenge.size() != 43)
        return false;
    const auto decoded = fromBase64Url(challenge.toLatin1());
    return decoded && decoded->size() == 32;
}

QString Pkce::s256(QStringView verifier)
{
    return QString::fromLatin1(base64Url(crypto::sha256(verifier.toLatin1())));
}

bool Pkce::verifies(QStringView verifier, QStringView challenge)
{
    if (!validVerifier(verifier) || !validChallenge(challenge))
        return false;
    const QByteArray expected = s256(verifier).toLatin1();
    const QByteArray given = challenge.toLatin1();
    return expected.size() == given.size() &&
           CRYPTO_memcmp(expected.constData(), given.constData(), size_t(given.size())) == 0;
}

} // namespace tokenpass::oauth
