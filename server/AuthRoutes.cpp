#include "AuthRoutes.h"

#include "ApprovalWaiter.h"
#include "AuthParams.h"
#include "JsonWriter.h"
#include "RouteSupport.h"
#include "Router.h"
#include "crypto/Encoding.h"
#include "crypto/Random.h"
#include "wallet/Wallet.h"

#include <QHash>
#include <QUrl>
#include <QUrlQuery>

namespace tokenpass::server {

namespace {

using access::ApprovalOutcome;

// Issues the token (§2.7): the identity defaults to the first one.
Result<access::IssuedToken> issueToken(ServerState& state, const AuthParams& params, const QString& origin,
                                       QString* bapIdOut)
{
    QString bapId = params.identityKey;
    if (bapId.isEmpty()) {
        const auto ids = state.services.wallet->identities();
        if (ids && !ids->isEmpty())
            bapId = ids->first().identityKey;
    }
    auto issued = state.tokens->issue(params.host, params.scopes, params.expiry, bapId, params.icon, origin);
    if (issued)
        state.record(params.host, AuditOperation::Auth, AuditResult::Allowed,
                     QStringLiteral("token, scopes: %1").arg(params.scopes.join(QStringLiteral(","))));
    *bapIdOut = bapId;
    return issued;
}

// Issues the token and answers 200 (§2.7 response shape).
void issue(ServerState& state, const AuthParams& params, const QString& origin, const Reply& reply)
{
    QString bapId;
    const auto issued = issueToken(state, params, origin, &bapId);
    if (!issued) {
        if (auto saveFailed = errors::storageFailure(issued))
            return reply.send(*saveFailed);
        JsonWriter body;
        body.add(u"success", false).add(u"error", issued.error());
        return reply.send(ApiResponse::json(500, body.toJson()));
    }
    JsonWriter body;
    body.add(u"success", true)
        .add(u"accessToken", issued->token)
        .add(u"expireTime", issued->record.expiresMs)
        .add(u"host", params.host)
        .add(u"bapId", bapId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(bapId));
    reply.send(ApiResponse::json(200, body.toJson()));
}

void withPassword(ServerState& state, const AuthParams& params, const QString& origin, const Reply& reply)
{
    if (const int retryAfter = state.limiter->hit(QStringLiteral("auth"))) // §1.4: after validation
        return reply.send(errors::tooMany(ApiError::TooManyAuth, retryAfter));
    if (auto wait = support::backoffResponse(state, ApiError::TooManyAuth))
        return reply.send(*wait);
    auto* walletPtr = state.services.wallet;
    support::offThread(
        state,
        [walletPtr, pw = params.password] {
            if (walletPtr->isUnlocked())
                return walletPtr->checkPassword(*pw) ? Result<bool>::ok(true)
                                                     : Result<bool>::fail(QStringLiteral("Invalid password"));
            return walletPtr->unlock(*pw);
        },
        [&state, params, origin, reply](const Result<bool>& ok) {
            if (!ok) {
                if (state.backoff)
                    (void)state.backoff->recordFailure();
                state.record(params.host, AuditOperation::Auth, AuditResult::Denied,
                             QStringLiteral("wrong password"));
                return reply.send(errors::response(ApiError::InvalidPasswordWithSuccess));
            }
            if (state.backoff)
                (void)state.backoff->recordSuccess();
            // A password is consent (decision 5): the grant lets the client's later password-less
            // calls (the /auth page's opener, §9.3) through without a dialog.
            (void)state.gatekeeper->grantByPassword(params.connectOperation(origin));
            issue(state, params, origin, reply);
        });
}

// No password: the Gatekeeper decides, asking the person when the grant does not cover it
// (decision 5).
void withoutPassword(ServerState& state, const AuthParams& params, const QString& origin, const Reply& reply)
{
    if (!state.services.wallet->isUnlocked())
        return reply.send(errors::response(ApiError::LockedPasswordRequired));
    const access::Operation op = params.connectOperation(origin);
    const auto decided = [&state, params, origin, op](ApprovalOutcome outcome, const Reply& r) {
        const bool approved = outcome == ApprovalOutcome::Approved;
        state.record(
            params.host, AuditOperation::Consent,
            approved ? AuditResult::Approved
                     : (outcome == ApprovalOutcome::TimedOut ? AuditResult::Timeout : AuditResult::Rejected));
        if (!r.connected())
            return; // answered "waiting" already; the grant serves the next call
        if (!approved)
            return r.send(errors::response(ApiError::DeniedByUser));
        if (!state.services.wallet->isUnlocked())
            return r.send(errors::response(ApiError::LockedPasswordRequired));
        // The person may have unticked scopes; issue what was granted.
        issue(state, params.withScopes(state.gatekeeper->grantedScopes(op)), origin, r);
    };
    const access::Check check = state.gatekeeper->check(op);
    switch (check.verdict) {
    case access::Verdict::Allowed:
        return issue(state, params.withScopes(check.scopes), origin, reply);
    case access::Verdict::Denied:
        return decided(ApprovalOutcome::Denied, reply);
    case access::Verdict::Ask:
        break;
    }
    state.waiter->ask(op, reply, decided,
                      [](const Reply& r) { r.send(errors::response(ApiError::WaitingForApproval)); });
}

void postAuth(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    AuthParams params;
    QString error;
    if (!AuthParams::parse(request, &params, &error))
        return reply.send(errors::validation(error, true));
    // Decision 4: from a browser, a token is only for the page's own host.
    if (!request.origin.isEmpty() && access::AccessTokens::originHost(request.origin) != params.host)
        return reply.send(errors::response(ApiError::HostOriginMismatch));
    if (params.password)
        return withPassword(state, params, request.origin, reply);
    withoutPassword(state, params, request.origin, reply);
}

// Decision 7: the client revokes its own token; works while locked, and for expired tokens.
void deleteAuth(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    const QString header = QString::fromUtf8(request.header("authorization"));
    access::TokenCheck check = state.tokens->find(header);
    // Decision 4 still holds: from a browser, only the token's own site may revoke it.
    if (check.status == access::TokenStatus::Valid && !request.origin.isEmpty() &&
        access::AccessTokens::originHost(request.origin) != check.record.host)
        check.status = access::TokenStatus::InvalidToken;
    if (check.status != access::TokenStatus::Valid)
        return reply.send(*support::tokenFailure(check));
    // Answers as before even if the revoke could not be written; turning its Failure kind into
    // an HTTP status is the server side of issue 13.
    (void)state.tokens->revokeByToken(header);
    state.record(support::tokenHost(check), AuditOperation::Revoke, AuditResult::Allowed);
    JsonWriter body;
    body.add(u"success", true);
    reply.send(ApiResponse::json(200, body.toJson()));
}

// ---- GET /auth: the browser consent page (decision 13, §9.3) ----------------------------------
//
// The page never asks for the password. It opens the native consent dialog through the Gatekeeper,
// holds the request while the person decides (as POST /api/auth does), and then either redirects
// to returnURL?tokenPass=<token> or shows the outcome. If the hold runs out first it serves a small
// page that reloads /auth/wait?id=<random id> every two seconds (a meta refresh: no script, so a
// strict Content-Security-Policy holds) until the decision is in.
//
// The token is only ever sent to returnURL when returnURL's host[:port] equals `host`, the site the
// person approved; any other returnURL is refused before anything is asked.

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

ApiResponse htmlPage(int status, const QString& title, const QString& message,
                     const QString& refreshUrl = QString())
{
    QString html = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                                  "<meta name=\"viewport\" content=\"width=device-width\">");
    if (!refreshUrl.isEmpty())
        html += QStringLiteral("<meta http-equiv=\"refresh\" content=\"2;url=%1\">")
                    .arg(refreshUrl.toHtmlEscaped());
    html += QStringLiteral(
                "<title>TokenPass - %1</title><style>body{font-family:system-ui,sans-serif;max-width:32em;"
                "margin:4em auto;padding:0 1em;color:#222}h1{font-size:1.3em}</style></head><body>"
                "<h1>%1</h1><p>%2</p></body></html>")
                .arg(title.toHtmlEscaped(), message.toHtmlEscaped());
    ApiResponse r = ApiResponse::json(status, html.toUtf8());
    r.contentType = QByteArrayLiteral("text/html; charset=utf-8");
    r.headers.append(
        {QByteArrayLiteral("Content-Security-Policy"),
         QByteArrayLiteral("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")});
    r.headers.append({QByteArrayLiteral("X-Frame-Options"), QByteArrayLiteral("DENY")});
    r.headers.append({QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("no-referrer")});
    return r;
}

ApiResponse waitingPage(const QString& host, const QString& id)
{
    return htmlPage(
        200, QStringLiteral("Waiting for approval"),
        QStringLiteral("Approve or deny the sign-in request from %1 in the TokenPass window.").arg(host),
        QStringLiteral("/auth/wait?id=") + id);
}

ApiResponse deniedPage(const QString& host)
{
    return htmlPage(403, QStringLiteral("Request denied"),
                    QStringLiteral("The sign-in request from %1 was denied. No access was given.").arg(host));
}

ApiResponse outcomePage(const PageConsent& consent)
{
    switch (consent.state) {
    case PageConsent::State::Pending:
        return {};
    case PageConsent::State::Denied:
        return deniedPage(consent.host);
    case PageConsent::State::Approved:
        break;
    }
    if (consent.redirect.isEmpty())
        return htmlPage(
            200, QStringLiteral("Approved"),
            QStringLiteral("%1 may now use TokenPass. You can close this window.").arg(consent.host));
    ApiResponse r = ApiResponse::empty(302);
    r.headers.append({QByteArrayLiteral("Location"), QUrl(consent.redirect).toEncoded()});
    r.headers.append({QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("no-referrer")});
    return r;
}

// host[:port] of an http(s) URL; empty if it is not one.
QString urlHost(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return QString();
    return access::AccessTokens::originHost(url.scheme() + QStringLiteral("://") +
                                            url.authority(QUrl::FullyEncoded | QUrl::RemoveUserInfo));
}

// Approved: issue the token for `granted` (no Origin: a top-level navigation) and build the
// redirect.
void approvePage(ServerState& state, const AuthParams& granted, const QString& returnUrl,
                 PageConsent* consent)
{
    QString bapId;
    const auto issued = issueToken(state, granted, QString(), &bapId);
    if (!issued) {
        consent->state = PageConsent::State::Denied;
        return;
    }
    consent->state = PageConsent::State::Approved;
    if (!returnUrl.isEmpty()) {
        QUrl url(returnUrl, QUrl::StrictMode);
        QUrlQuery query(url);
        query.addQueryItem(QStringLiteral("tokenPass"), issued->token);
        url.setQuery(query);
        consent->redirect = url.toString(QUrl::FullyEncoded);
    }
}

void authPage(ServerState& state, const std::shared_ptr<PageConsents>& consents, const ApiRequest& request,
              const Reply& reply)
{
    auto item = [&](const char* key) {
        return request.query.queryItemValue(QString::fromLatin1(key), QUrl::FullyDecoded).trimmed();
    };
    AuthParams params;
    params.host = item("host");
    if (params.host.isEmpty())
        params.host = QStringLiteral("unknown"); // §9.3
    params.icon = item("icon");
    for (const QString& scope : item("scopes").split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!scope.trimmed().isEmpty())
            params.scopes.append(scope.trimmed());
    params.scopes.removeDuplicates();
    const QString expiry = item("expire");
    if (access::AccessTokens::durationMs(expiry))
        params.expiry = expiry;
    const QString returnUrl = item("returnURL");

    // Decision 13: the token goes only to the site that was approved.
    if (!returnUrl.isEmpty() && urlHost(returnUrl) != params.host) {
        state.record(params.host, AuditOperation::AuthPage, AuditResult::Denied,
                     QStringLiteral("returnURL not on the host"));
        return reply.send(
            htmlPage(403, QStringLiteral("Request refused"),
                     QStringLiteral("The return address is not on %1, so TokenPass will not send a "
                                    "sign-in token there.")
                         .arg(params.host)));
    }
    if (!state.services.wallet->isUnlocked())
        return reply.send(
            htmlPage(401, QStringLiteral("TokenPass is locked"),
                     QStringLiteral("Unlock TokenPass from its tray icon, then reload this page.")));

    const qint64 now = state.clock().nowMs();
    consents->prune(now);
    const QString id = crypto::toHex(crypto::randomBytes(16));
    PageConsent consent;
    consent.host = params.host;
    consent.createdMs = now;
    const access::Operation op = params.connectOperation(QString());
    const access::Check check = state.gatekeeper->check(op);
    if (check.verdict == access::Verdict::Allowed) {
        approvePage(state, params.withScopes(check.scopes), returnUrl, &consent);
        return reply.send(outcomePage(consent));
    }
    consents->open.insert(id, consent);

    const auto decided = [&state, consents, id, params, returnUrl, op](ApprovalOutcome outcome,
                                                                       const Reply& r) {
        const auto it = consents->open.find(id);
        if (it == consents->open.end())
            return;
        const bool approved = outcome == ApprovalOutcome::Approved && state.services.wallet->isUnlocked();
        state.record(params.host, AuditOperation::Consent,
                     approved ? AuditResult::Approved : AuditResult::Rejected, QStringLiteral("auth page"));
        if (approved)
            approvePage(state, params.withScopes(state.gatekeeper->grantedScopes(op)), returnUrl,
                        &it.value());
        else
            it->state = PageConsent::State::Denied;
        if (r.connected()) {
            r.send(outcomePage(*it));
            consents->open.erase(it); // answered: the id is spent
        }
    };
    if (check.verdict == access::Verdict::Denied)
        return decided(ApprovalOutcome::Denied, reply);
    state.waiter->ask(op, reply, decided,
                      [params, id](const Reply& r) { r.send(waitingPage(params.host, id)); });
}

void authPageWait(ServerState& state, const std::shared_ptr<PageConsents>& consents,
                  const ApiRequest& request, const Reply& reply)
{
    consents->prune(state.clock().nowMs());
    const QString id = request.query.queryItemValue(QStringLiteral("id"));
    const auto it = consents->open.find(id);
    if (id.isEmpty() || it == consents->open.end())
        return reply.send(
            htmlPage(404, QStringLiteral("Request expired"),
                     QStringLiteral("This sign-in request is no longer open. Start again from the site.")));
    if (it->state == PageConsent::State::Pending)
        return reply.send(waitingPage(it->host, id));
    const ApiResponse response = outcomePage(*it);
    consents->open.erase(it); // the token leaves once
    reply.send(response);
}

} // namespace

void AuthRoutes::install(Router& router, ServerState& state)
{
    ServerState* s = &state;
    router.add({"POST",
                QStringLiteral("/api/auth"),
                OriginAccess::AnyOrigin,
                BodyMode::AuthJson,
                {},
                {},
                [s](const ApiRequest& r, const Reply& reply) { postAuth(*s, r, reply); }});
    router.add({"DELETE",
                QStringLiteral("/api/auth"),
                OriginAccess::AnyOrigin,
                BodyMode::None,
                {},
                {},
                [s](const ApiRequest& r, const Reply& reply) { deleteAuth(*s, r, reply); }});
    auto consents = std::make_shared<PageConsents>();
    router.add(
        {"GET",
         QStringLiteral("/auth"),
         OriginAccess::AnyOrigin,
         BodyMode::None,
         {},
         {},
         [s, consents](const ApiRequest& r, const Reply& reply) { authPage(*s, consents, r, reply); }});
    router.add(
        {"GET",
         QStringLiteral("/auth/wait"),
         OriginAccess::AnyOrigin,
         BodyMode::None,
         {},
         {},
         [s, consents](const ApiRequest& r, const Reply& reply) { authPageWait(*s, consents, r, reply); }});
}

} // namespace tokenpass::server
