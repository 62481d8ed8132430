#pragma once

#include "Clock.h"
#include "ListenAddress.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace tokenpass::wallet {
class Wallet;
}
namespace tokenpass::store {
class Database;
}
namespace tokenpass::access {
class ApiActivity;
class Gatekeeper;
} // namespace tokenpass::access

namespace tokenpass::server {

// How the server runs. Everything a test needs to vary is here.
struct ServerOptions
{
    quint16 port = kDefaultPort; // 0: any free port (tests)
    bool listenIpv6 = true;      // also ::1 when the system has it (decision 1)
    int approvalHoldMs = 4000;   // decision 5: the sigma client gives up after 5 s
    QStringList originWhitelist; // exact scheme://host[:port] (decision 4)
    // Decision 12: where the internet-facing extras go. Empty: the environment (SIGMA_AUTH_URL,
    // sync only), else the setting (store::Settings, which has the API.md defaults).
    QString syncServerUrl;
    QString bapProfileUrl;
    int syncTimeoutMs = 10000;
    int bapProfileTimeoutMs = 5000; // §2.17
    // A connection that has had no response for this long is closed (slow-loris, idle keep-alive).
    // Longer than approvalHoldMs plus the slowest wallet work; 0 turns it off.
    int idleTimeoutMs = 30000;
    // Open connections at once, IPv4 and IPv6 together; past it new ones are closed at once.
    int maxConnections = 256;

    // TOKENPASS_ORIGIN_WHITELIST, comma-separated, blanks dropped.
    static QStringList whitelistFromEnvironment();
};

// The core objects the server talks to. Owned elsewhere (the app), shared with the UI.
struct ServerServices
{
    wallet::Wallet* wallet = nullptr;          // thread-safe
    std::shared_ptr<store::Database> database; // one connection per thread
    // Allowed, denied or ask (thread-safe; lives on the GUI thread). May be null: the server then
    // makes one that can ask nobody, so whatever needs the person is denied.
    access::Gatekeeper* gatekeeper = nullptr;
    access::ApiActivity* activity = nullptr; // API use and signatures, for the GUI; may be null
    const Clock* clock = &Clock::system();
};

} // namespace tokenpass::server
