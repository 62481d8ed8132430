#include "ApprovalWaiter.h"
#include "OAuthForm.h"
#include "OAuthPages.h"
#include "OAuthRoutes.h"
#include "ServerState.h"
#include "crypto/Encoding.h"
#include "crypto/Random.h"
#include "oauth/Provider.h"
#include "wallet/Wallet.h"

#include <QUrl>

// GET /oauth/authorize (OAUTH.md §5.2 rules 2, 3, 7, 8). The request is validated completely
// first; then the Gatekeeper, the one place that decides, says whether the client's standing
// grant covers it (allowed), whether the person approves in the headless consent form with the
// wallet password (OAuthConsent.cpp, §6), or whether to ask the person through the native
// consent dialog (GUI mode).
// While the dialog is open the browser gets a page that reloads /oauth/authorize/wait, which
// redirects once the decision is in — as the /auth page does (AuthPage).

namespace tokenpass::server {

namespace {

using access::ApprovalOutcome;

ApiResponse htmlPage(int status, const QString& title, const QString& message, const QString& refreshUrl = {})
{
    return oauthPage(status, title, message, refreshUrl);
}

ApiResponse redirectTo(const QString& location)
{
    return oauthRedirect(location);
}

// The grant key of a client in access::Grants: one per client, never a web host.
QString grantHost(const QString& clientId)
{
    return access::oauthHostPrefix() + clientId;
}

// Approved (with the scopes the person left ticked) or denied: where the browser goes next.
QString decisionLocation(ServerState& state, const oauth::AuthorizationRequest& request, bool approved,
                         const QStringList& scopes, const QString& identity)
{
    oauth::Provider& provider = OAuthRoutes::provider(state);
    if (!approved)
        return provider.errorLocation(request, QStringLiteral("access_denied"),
                                      QStringLiteral("The request was denied"));
    auto location = provider.approve(request, scopes, identity);
    if (!location)
        return provider.errorLocation(request, location.error().error, location.error().description);
    return *location;
}

} // namespace

void OAuthRoutes::authorize(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    oauth::Provider& provider = OAuthRoutes::provider(state);
    const auto params = parseForm(request.query.query(QUrl::FullyEncoded).toUtf8());
    if (!params)
        return reply.send(htmlPage(400, QStringLiteral("Invalid request"),
                                   QStringLiteral("The authorization request cannot be read.")));
    const auto validated = oauth::AuthorizationRequest::validate(*params, provider.clients());
    using Outcome = oauth::AuthorizationRequest::Outcome;
    if (validated.outcome == Outcome::ErrorPage) // never a redirect to an unverified address
        return reply.send(htmlPage(400, QStringLiteral("Invalid request"), validated.description));
    if (validated.outcome == Outcome::ErrorRedirect)
        return reply.send(
            redirectTo(provider.errorLocation(validated, validated.error, validated.description)));

    const QString host = grantHost(validated.client.clientId);
    access::Operation op;
    op.kind = access::ApprovalKind::Connect;
    op.host = host;
    op.scopes = validated.scopes;
    op.details.insert(QStringLiteral("oauthClientName"), validated.client.name());
    op.details.insert(QStringLiteral("oauthRedirectHost"), QUrl(validated.redirectUri).host());
    op.details.insert(QStringLiteral("oauthResource"), validated.resource);
    op.details.insert(QStringLiteral("prompt"), validated.prompt);
    // A fact for the Gatekeeper: while locked, even a remembered consent asks (unlock first).
    op.details.insert(QStringLiteral("walletLocked"), !state.services.wallet->isUnlocked());
    const access::Check check = state.gatekeeper->check(op);
    if (check.verdict == access::Verdict::Allowed) {
        state.record(host, AuditOperation::Consent, AuditResult::Allowed, QStringLiteral("oauth authorize"));
        return reply.send(redirectTo(decisionLocation(state, validated, true, check.scopes, check.identity)));
    }
    if (check.verdict == access::Verdict::CheckPassword)
        return reply.send(openConsentForm(state, validated));
    if (check.verdict == access::Verdict::Denied) {
        state.record(host, AuditOperation::Consent, AuditResult::Denied, QStringLiteral("oauth authorize"));
        return reply.send(redirectTo(decisionLocation(state, validated, false, {}, {})));
    }

    // Ask. The pending entry holds the redirect once decided, for the waiting page's reloads.
    if (!state.oauth)
        state.oauth = std::make_shared<OAuthServerState>();
    const std::shared_ptr<OAuthServerState> oauthState = state.oauth;
    const qint64 now = state.clock().nowMs();
    oauthState->pending.prune(now);
    const QString id = crypto::toHex(crypto::randomBytes(16));
    PageConsent pending;
    pending.host = validated.client.name();
    pending.createdMs = now;
    oauthState->pending.open.insert(id, pending);
    const auto decided = [&state, oauthState, id, validated, op](ApprovalOutcome outcome, const Reply& r) {
        const auto it = oauthState->pending.open.find(id);
        if (it == oauthState->pending.open.end())
            return;
        // The scopes and the identity the person chose in the native dialog (OAUTH.md "Decided").
        const auto chosen =
            outcome == ApprovalOutcome::Approved ? state.gatekeeper->consentOutcome(op) : std::nullopt;
        const bool approved = chosen.has_value();
        state.record(op.host, AuditOperation::Consent,
                     approved ? AuditResult::Approved : AuditResult::Rejected,
                     QStringLiteral("oauth authorize"));
        it->redirect = decisionLocation(state, validated, approved, approved ? chosen->scopes : QStringList(),
                                        approved ? chosen->identity : QString());
        it->state = approved ? PageConsent::State::Approved : PageConsent::State::Denied;
        if (r.connected()) {
            r.send(redirectTo(it->redirect));
            oauthState->pending.open.erase(it); // answered: the id is spent
        }
    };
    const QString clientName = validated.client.name();
    state.waiter->ask(op, reply, decided, [clientName, id](const Reply& r) {
        r.send(htmlPage(200, QStringLiteral("Waiting for approval"),
                        QStringLiteral("Approve or deny the sign-in request from %1 in the TokenPass window.")
                            .arg(clientName),
                        QStringLiteral("/oauth/authorize/wait?id=") + id));
    });
}

void OAuthRoutes::authorizeWait(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    if (!state.oauth)
        state.oauth = std::make_shared<OAuthServerState>();
    PageConsents& pending = state.oauth->pending;
    pending.prune(state.clock().nowMs());
    const QString id = request.query.queryItemValue(QStringLiteral("id"));
    const auto it = pending.open.find(id);
    if (id.isEmpty() || it == pending.open.end())
        return reply.send(
            htmlPage(404, QStringLiteral("Request expired"),
                     QStringLiteral("This sign-in request is no longer open. Start again from the app.")));
    if (it->state == PageConsent::State::Pending)
        return reply.send(
            htmlPage(200, QStringLiteral("Waiting for approval"),
                     QStringLiteral("Approve or deny the sign-in request from %1 in the TokenPass window.")
                         .arg(it->host),
                     QStringLiteral("/oauth/authorize/wait?id=") + id));
    const QString location = it->redirect;
    pending.open.erase(it); // the code leaves once
    reply.send(redirectTo(location));
}

} // namespace tokenpass::server
