#pragma once

#include <QString>
#include <QStringView>

namespace tokenpass::oauth {

// PKCE (RFC 7636), S256 only (OAUTH.md §1.5).
class Pkce
{
public:
    // 43–128 characters of [A-Za-z0-9-._~] (RFC 7636 §4.1).
    static bool validVerifier(QStringView verifier);
    // An S256 challenge: base64url without padding of 32 bytes, so 43 characters.
    static bool validChallenge(QStringView challenge);
    // BASE64URL(SHA256(ASCII(verifier))).
    static QString s256(QStringView verifier);
    // True if `verifier` is valid and its S256 equals `challenge` (constant-time).
    static bool verifies(QStringView verifier, QStringView challenge);
};

} // namespace tokenpass::oauth
