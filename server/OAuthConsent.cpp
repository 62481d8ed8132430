#include "ApprovalWaiter.h"
#include "OAuthForm.h"
#include "OAuthPages.h"
#include "OAuthRoutes.h"
#include "RouteSupport.h"
#include "ServerState.h"
#include "oauth/Provider.h"
#include "wallet/Wallet.h"

#include <QUrl>

// The headless consent form (OAUTH.md §6) and the device flow's pages (§4). GET authorize or
// GET /oauth/device opens a pending consent (oauth::ConsentRequests) and serves the form with its
// cookie; POST /oauth/authorize/decision checks Origin, cookie and csrf, then the Gatekeeper's
// CheckPassword rule: the wallet password, verified under the unlock back-off, is the approval.

namespace tokenpass::server {

namespace {

using access::ApprovalOutcome;
using oauth::ConsentRequests;
using oauth::PendingConsent;
using store::AuditOperation;
using store::AuditResult;

const QString kDeviceGrant = QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");

access::Operation consentOperation(const PendingConsent& p)
{
    access::Operation op;
    op.kind = access::ApprovalKind::Connect;
    op.host = access::oauthHostPrefix() + p.clientId;
    op.scopes = p.scopes;
    op.details.insert(QStringLiteral("oauthClientName"), p.clientName);
    op.details.insert(QStringLiteral("oauthResource"), p.resource);
    if (p.userCode.isEmpty()) {
        op.details.insert(QStringLiteral("oauthRedirectHost"), QUrl(p.request.redirectUri).host());
        op.details.insert(QStringLiteral("prompt"), p.prompt);
    } else {
        // A device is always asked: the person must compare the user code.
        op.details.insert(QStringLiteral("oauthUserCode"), p.userCode);
        op.details.insert(QStringLiteral("prompt"), QStringLiteral("consent"));
    }
    return op;
}

// The identities the form offers, primary first (OAUTH.md "Decided"): the BAP identities (while
// locked, only "your primary identity"), then a private identity for this app and those used before
// with other apps. An empty value is the primary.
QList<ConsentIdentity> consentIdentities(const ServerState& state, const PendingConsent& p)
{
    QList<ConsentIdentity> out;
    const auto identities = state.services.wallet->identities();
    if (identities && !identities->isEmpty()) {
        for (const auto& id : *identities)
            out.append({id.identityKey, id.name.isEmpty() ? id.identityKey
                                                          : id.name + QStringLiteral(" (") +
                                                                id.identityKey.left(8) + QLatin1Char(')')});
    } else {
        out.append({QString(), QStringLiteral("Your primary identity")});
    }
    for (const access::PrivateIdentity& id : state.gatekeeper->oauthPrivateChoices(p.clientId, p.clientName))
        out.append(
            {id.identity, id.clientId == p.clientId
                              ? QStringLiteral("A private identity for this app")
                              : QStringLiteral("The private identity used with %1").arg(id.clientName)});
    return out;
}

ApiResponse formAgain(ServerState& state, const QString& txn, const QString& message)
{
    const auto renewed = OAuthRoutes::provider(state).consents().renew(txn);
    if (!renewed)
        return oauthPage(400, QStringLiteral("Request expired"),
                         QStringLiteral("This sign-in request is no longer open. Start again from the app."));
    return consentFormPage(*renewed, consentIdentities(state, *renewed), message);
}

QByteArray consentCookie(const ApiRequest& request)
{
    for (const QByteArray& part : request.header("cookie").split(';')) {
        const QByteArray item = part.trimmed();
        if (item.startsWith("tp_consent="))
            return item.mid(11);
    }
    return {};
}

bool isFormBody(const ApiRequest& request)
{
    return request.header("content-type").split(';').value(0).trimmed().toLower() ==
           "application/x-www-form-urlencoded";
}

// The person approved with the right password: the code (302 to the client) or the device (a
// done page).
ApiResponse approved(ServerState& state, const PendingConsent& p, const QStringList& scopes,
                     const QString& bapId)
{
    oauth::Provider& provider = OAuthRoutes::provider(state);
    const QString host = access::oauthHostPrefix() + p.clientId;
    state.record(host, AuditOperation::Consent, AuditResult::Approved, QStringLiteral("oauth consent form"));
    if (p.userCode.isEmpty()) {
        auto location = provider.approve(p.request, scopes, bapId);
        return oauthRedirect(location ? *location
                                      : provider.errorLocation(p.request, location.error().error,
                                                               location.error().description),
                             303);
    }
    auto done = provider.approveDevice(p.userCode, scopes, bapId);
    if (!done)
        return oauthPage(400, QStringLiteral("Request expired"), done.error().description);
    return oauthPage(200, QStringLiteral("Device connected"),
                     QStringLiteral("%1 is signed in. You can close this page and return to the device.")
                         .arg(p.clientName));
}

ApiResponse denied(ServerState& state, const PendingConsent& p)
{
    oauth::Provider& provider = OAuthRoutes::provider(state);
    state.record(access::oauthHostPrefix() + p.clientId, AuditOperation::Consent, AuditResult::Rejected,
                 QStringLiteral("oauth consent form"));
    if (p.userCode.isEmpty())
        return oauthRedirect(provider.errorLocation(p.request, QStringLiteral("access_denied"),
                                                    QStringLiteral("The request was denied")),
                             303);
    (void)provider.deviceCodes().deny(p.userCode);
    return oauthPage(200, QStringLiteral("Request denied"),
                     QStringLiteral("The device was not signed in. You can close this page."));
}

} // namespace

ApiResponse OAuthRoutes::openConsentForm(ServerState& state, const oauth::AuthorizationRequest& request)
{
    PendingConsent p;
    p.request = request;
    p.clientId = request.client.clientId;
    p.clientName = request.client.name();
    p.scopes = request.scopes;
    p.resource = request.resource;
    p.prompt = request.prompt;
    return consentFormPage(provider(state).consents().open(p), consentIdentities(state, p), QString());
}

void OAuthRoutes::authorizeDecision(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    oauth::Provider& provider = OAuthRoutes::provider(state);
    // §6.3: a form sent from another origin is refused (a browser always sends Origin with a POST).
    const QByteArray origin = request.header("origin");
    if (!origin.isEmpty() && origin != provider.issuer().toUtf8())
        return reply.send(oauthPage(403, QStringLiteral("Refused"),
                                    QStringLiteral("This form can only be sent from TokenPass's own page.")));
    const auto form = isFormBody(request) ? parseForm(request.body) : std::nullopt;
    if (!form)
        return reply.send(oauthPage(400, QStringLiteral("Invalid request"),
                                    QStringLiteral("The form must be application/x-www-form-urlencoded.")));
    for (auto it = form->constBegin(); it != form->constEnd(); ++it)
        if (it.value().size() > 1)
            return reply.send(oauthPage(400, QStringLiteral("Invalid request"),
                                        QStringLiteral("%1 was sent more than once.").arg(it.key())));
    auto field = [&form](const char* name) { return form->value(QString::fromLatin1(name)).value(0); };
    const QString txn = field("txn");

    PendingConsent p;
    switch (provider.consents().take(txn, consentCookie(request), field("csrf").toLatin1(), &p)) {
    case ConsentRequests::Check::Unknown:
        return reply.send(oauthPage(
            400, QStringLiteral("Request expired"),
            QStringLiteral(
                "This sign-in request is no longer open (expired or answered). Start again from the app.")));
    case ConsentRequests::Check::BadCookie:
    case ConsentRequests::Check::BadCsrf:
        return reply.send(
            oauthPage(403, QStringLiteral("Refused"),
                      QStringLiteral("The form could not be verified. Reload the sign-in page.")));
    case ConsentRequests::Check::Ok:
        break;
    }

    const QString decision = field("decision");
    if (decision == QLatin1String("deny")) {
        provider.consents().drop(txn);
        return reply.send(denied(state, p));
    }
    if (decision != QLatin1String("approve"))
        return reply.send(formAgain(state, txn, QStringLiteral("Choose Approve or Deny.")));
    const QString bapId = field("identity");
    if (!bapId.isEmpty()) {
        bool known = false;
        for (const ConsentIdentity& id : consentIdentities(state, p))
            known = known || id.bapId == bapId;
        if (!known)
            return reply.send(formAgain(state, txn, QStringLiteral("Choose one of the listed identities.")));
    }

    access::Operation op = consentOperation(p);
    op.passwordGiven = true;
    // The form answers what the Gatekeeper left to a password (or already allows, such as a
    // remembered consent that asked only because the wallet was locked); never a dialog's question.
    const access::Verdict before = state.gatekeeper->check(op).verdict;
    if (before != access::Verdict::CheckPassword && before != access::Verdict::Allowed)
        return reply.send(oauthPage(403, QStringLiteral("Refused"),
                                    QStringLiteral("Approve this request in the TokenPass window.")));
    QByteArray passwordBytes = field("password").toUtf8();
    if (passwordBytes.isEmpty())
        return reply.send(formAgain(state, txn, QStringLiteral("Enter the wallet password.")));
    if (state.backoff && state.backoff->msUntilAllowed() > 0)
        return reply.send(formAgain(state, txn,
                                    QStringLiteral("Too many wrong passwords. Wait %1 seconds and try again.")
                                        .arg((state.backoff->msUntilAllowed() + 999) / 1000)));
    const auto password =
        std::make_shared<const crypto::SecureBytes>(crypto::SecureBytes::takeFrom(passwordBytes));
    auto* walletPtr = state.services.wallet;
    support::offThread(
        state,
        [walletPtr, password] {
            // A locked wallet: consent also unlocks (OAUTH.md §5.2 rule 7), as /api/auth does.
            if (walletPtr->isUnlocked())
                return walletPtr->checkPassword(*password)
                           ? Result<bool>::ok(true)
                           : Result<bool>::fail(QStringLiteral("Invalid password"));
            return walletPtr->unlock(*password);
        },
        [&state, p, op, bapId, reply](const Result<bool>& right) mutable {
            oauth::Provider& prov = OAuthRoutes::provider(state);
            if (!right) {
                if (state.backoff)
                    (void)state.backoff->recordFailure();
                state.record(op.host, AuditOperation::Consent, AuditResult::Denied,
                             QStringLiteral("oauth consent form: wrong password"));
                if (prov.consents().recordFailure(p.txn))
                    return reply.send(
                        oauthPage(403, QStringLiteral("Request dropped"),
                                  QStringLiteral("Too many wrong passwords. Start again from the app.")));
                return reply.send(formAgain(state, p.txn, QStringLiteral("Wrong password. Try again.")));
            }
            if (state.backoff && state.backoff->failureCount() > 0)
                (void)state.backoff->recordSuccess();
            prov.consents().drop(p.txn);
            op.passwordVerified = true;
            const access::Check check = state.gatekeeper->check(op);
            if (check.verdict != access::Verdict::Allowed)
                return reply.send(denied(state, p));
            // A private identity is noted for the chooser of later apps (or refused: deny).
            if (!state.gatekeeper->acceptOAuthIdentity(p.clientId, p.clientName, bapId))
                return reply.send(denied(state, p));
            reply.send(approved(state, p, check.scopes, bapId));
        });
}

void OAuthRoutes::deviceAuthorization(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    const auto form = isFormBody(request) ? parseForm(request.body) : std::nullopt;
    ApiResponse r;
    if (!form) {
        r = errorResponse({QStringLiteral("invalid_request"),
                           QStringLiteral("The body must be application/x-www-form-urlencoded")});
    } else {
        auto issued = provider(state).deviceAuthorization(*form);
        const QString clientId = form->value(QStringLiteral("client_id")).value(0).left(64);
        state.record(clientId, AuditOperation::OAuthToken,
                     issued ? AuditResult::Allowed : AuditResult::Denied,
                     issued ? QStringLiteral("device authorization")
                            : QStringLiteral("device authorization: ") + issued.error().description);
        r = issued ? jsonResponse(200, *issued) : errorResponse(issued.error());
    }
    r.headers.append({QByteArrayLiteral("Pragma"), QByteArrayLiteral("no-cache")});
    reply.send(r);
}

void OAuthRoutes::device(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    oauth::Provider& provider = OAuthRoutes::provider(state);
    const QString userCode = request.query.queryItemValue(QStringLiteral("user_code"), QUrl::FullyDecoded);
    if (userCode.isEmpty())
        return reply.send(userCodeEntryPage(200, QString()));
    oauth::DeviceCodes::Pending pending;
    switch (provider.deviceCodes().find(userCode, &pending)) {
    case oauth::DeviceCodes::Lookup::LockedOut:
        return reply.send(
            userCodeEntryPage(429, QStringLiteral("Too many wrong codes. Wait a minute and try again.")));
    case oauth::DeviceCodes::Lookup::Unknown:
        return reply.send(userCodeEntryPage(400, QStringLiteral("That code is not valid (or it expired).")));
    case oauth::DeviceCodes::Lookup::Found:
        break;
    }
    PendingConsent p;
    p.userCode = pending.userCode;
    p.clientId = pending.clientId;
    const auto client = provider.clients().find(pending.clientId);
    p.clientName = client ? client->name() : pending.clientId;
    p.scopes = pending.scopes;
    p.resource = pending.resource;
    const access::Operation op = consentOperation(p);
    switch (state.gatekeeper->check(op).verdict) {
    case access::Verdict::CheckPassword:
        return reply.send(
            consentFormPage(provider.consents().open(p), consentIdentities(state, p), QString()));
    case access::Verdict::Allowed:            // not for devices: each is asked
    case access::Verdict::CoveredByAllowance: // transactions only
    case access::Verdict::Denied:
        return reply.send(
            oauthPage(403, QStringLiteral("Nobody to ask"),
                      QStringLiteral("TokenPass cannot ask you right now. Open TokenPass and try again.")));
    case access::Verdict::Ask:
        break;
    }
    // GUI mode: the native dialog decides (it shows the user code); this page waits for it.
    const auto decided = [&state, p, op](ApprovalOutcome outcome, const Reply& r) {
        if (outcome != ApprovalOutcome::Approved) {
            (void)OAuthRoutes::provider(state).deviceCodes().deny(p.userCode);
            state.record(op.host, AuditOperation::Consent,
                         outcome == ApprovalOutcome::TimedOut ? AuditResult::Timeout : AuditResult::Rejected,
                         QStringLiteral("oauth device"));
            if (r.connected())
                r.send(oauthPage(200, QStringLiteral("Request denied"),
                                 QStringLiteral("The device was not signed in.")));
            return;
        }
        const auto chosen = state.gatekeeper->consentOutcome(op); // scopes and identity from the dialog
        const ApiResponse page =
            chosen ? approved(state, p, chosen->scopes, chosen->identity) : denied(state, p);
        if (r.connected())
            r.send(page);
    };
    const QString code = p.userCode.left(4) + QLatin1Char('-') + p.userCode.mid(4);
    state.waiter->ask(op, reply, decided, [code](const Reply& r) {
        r.send(oauthPage(200, QStringLiteral("Waiting for approval"),
                         QStringLiteral("Approve the device in the TokenPass window if it shows the code %1. "
                                        "The device continues by itself.")
                             .arg(code)));
    });
}

} // namespace tokenpass::server
