#pragma once

#include <QString>

namespace tokenpass::oauth {

// Which redirect URIs a client may register, and when a presented one matches a registered one
// (OAUTH.md §1.4, §1.5, §5.2 rule 3; RFC 8252 §7.3, §8.3).
class RedirectUris
{
public:
    // Empty if `uri` may be registered, else why not: http only to 127.0.0.1, [::1] or localhost
    // (any port, any path); https to any host; a reverse-DNS private-use scheme (com.example.app:/cb).
    // Never a fragment.
    static QString registrationProblem(const QString& uri);
    // http to a loopback host: scheme, host, path and query equal, port ignored. Anything else:
    // byte for byte.
    static bool matches(const QString& registered, const QString& presented);
    static bool isLoopbackHttp(const QString& uri);
};

} // namespace tokenpass::oauth
