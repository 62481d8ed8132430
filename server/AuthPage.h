#pragma once

#include <QHash>
#include <QString>

#include <iterator>

namespace tokenpass::server {

struct ApiRequest;
class Reply;
struct ServerState;

// GET /auth and GET /auth/wait: the browser consent page (decision 13, API.md §9.3).
//
// The page never asks for the password. It opens the native consent dialog through the Gatekeeper,
// holds the request while the person decides (as POST /api/auth does), and then either redirects
// to returnURL?tokenPass=<token> or shows the outcome. If the hold runs out first it serves a small
// page that reloads /auth/wait?id=<random id> every two seconds (a meta refresh: no script, so a
// strict Content-Security-Policy holds) until the decision is in.
//
// The token is only ever sent to returnURL when returnURL's host[:port] equals `host`, the site the
// person approved; any other returnURL is refused before anything is asked.
class AuthPage
{
public:
    // Route handlers (RouteTable.cpp).
    static void show(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void wait(ServerState& state, const ApiRequest& request, const Reply& reply);
};

struct PageConsent
{
    enum class State
    {
        Pending,
        Approved,
        Denied
    };
    State state = State::Pending;
    QString redirect; // approved with a returnURL: the address with tokenPass=<token>
    QString host;
    qint64 createdMs = 0;
};

// Open page consents by id, for /auth/wait. Server thread only.
struct PageConsents
{
    static constexpr qint64 kKeepMs = 10 * 60 * 1000; // longer than the dialog's 2 minutes
    static constexpr int kMaxOpen = 64;
    QHash<QString, PageConsent> open;

    void prune(qint64 now)
    {
        for (auto it = open.begin(); it != open.end();)
            it = now - it->createdMs > kKeepMs ? open.erase(it) : std::next(it);
        while (open.size() >= kMaxOpen) {
            auto oldest = open.begin();
            for (auto it = open.begin(); it != open.end(); ++it)
                if (it->createdMs < oldest->createdMs)
                    oldest = it;
            open.erase(oldest);
        }
    }
};

} // namespace tokenpass::server
