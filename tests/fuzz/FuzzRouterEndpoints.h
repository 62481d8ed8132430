#pragma once

// The endpoints the router fuzzer picks from with its first input byte; the seed generator
// writes one seed set per entry, so both use this table.

#include <array>

namespace tokenpass::fuzz {

struct Endpoint
{
    const char* method;
    const char* path;
    bool resetsState; // changes the wallet, its password, backups or our token: start afresh after
};

// Keep in step with the routes the *Routes::install functions add (server/).
inline constexpr std::array kEndpoints{
    Endpoint{"GET", "/api/status", false},
    Endpoint{"GET", "/api/session-key", false},
    Endpoint{"POST", "/api/register", true},
    Endpoint{"POST", "/api/login", true},
    Endpoint{"POST", "/api/logout", true},
    Endpoint{"POST", "/api/export", true},
    Endpoint{"POST", "/api/auth", true},
    Endpoint{"DELETE", "/api/auth", true},
    Endpoint{"GET", "/auth", false},
    Endpoint{"GET", "/auth/wait", false},
    Endpoint{"POST", "/api/sign", false},
    Endpoint{"POST", "/api/sign-aip", false},
    Endpoint{"POST", "/api/encrypt", false},
    Endpoint{"POST", "/api/decrypt", false},
    Endpoint{"POST", "/api/friend-pubkey", false},
    Endpoint{"GET", "/api/profile", false},
    Endpoint{"POST", "/api/profile", false},
    Endpoint{"GET", "/api/auth/icon", false},
    Endpoint{"GET", "/api/identity", false},
    Endpoint{"POST", "/api/identity", false},
    Endpoint{"POST", "/api/identity/guest", false},
    Endpoint{"GET", "/api/settings", false},
    Endpoint{"POST", "/api/settings", false},
    Endpoint{"GET", "/api/backups", false},
    Endpoint{"POST", "/api/backups", true},
    Endpoint{"DELETE", "/api/backups", true},
    Endpoint{"POST", "/api/backups/switch", true},
    Endpoint{"POST", "/api/backups/create", true},
    Endpoint{"POST", "/api/backups/import", true},
    Endpoint{"GET", "/", false},
    Endpoint{"HEAD", "/", false},
};

} // namespace tokenpass::fuzz
