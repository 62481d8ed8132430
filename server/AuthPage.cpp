#include "AuthPage.h"

#include "ApprovalWaiter.h"
#include "AuthParams.h"
#include "AuthRoutes.h"
#include "ServerState.h"
#include "crypto/Encoding.h"
#include "crypto/Random.h"
#include "wallet/Wallet.h"

#include <QUrl>
#include <QUrlQuery>

namespace tokenpass::server {

namespace {

using access::ApprovalOutcome;

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
    return ApiResponse::htmlPage(status, html, QByteArrayLiteral("no-referrer"));
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
    const auto issued = AuthRoutes::issueToken(state, granted, QString(), &bapId);
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

} // namespace

void AuthPage::show(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    const std::shared_ptr<PageConsents> consents = state.pageConsents;
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

    if (access::isOAuthClientHost(params.host)) // reserved for OAuth clients (AuthParams)
        return reply.send(htmlPage(400, QStringLiteral("Request refused"),
                                   QStringLiteral("\"oauth:\" names are reserved for OAuth clients.")));
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

void AuthPage::wait(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    const std::shared_ptr<PageConsents> consents = state.pageConsents;
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

} // namespace tokenpass::server
