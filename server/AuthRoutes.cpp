#include "AuthRoutes.h"

#include "ApprovalWaiter.h"
#include "AuthParams.h"
#include "JsonWriter.h"
#include "RouteSupport.h"
#include "Router.h"
#include "wallet/Wallet.h"

namespace tokenpass::server {

// Issues the token (§2.7): the identity defaults to the first one.
Result<access::IssuedToken> AuthRoutes::issueToken(ServerState& state, const AuthParams& params,
                                                   const QString& origin, QString* bapIdOut)
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

namespace {

using access::ApprovalOutcome;

// Issues the token and answers 200 (§2.7 response shape).
void issue(ServerState& state, const AuthParams& params, const QString& origin, const Reply& reply)
{
    QString bapId;
    const auto issued = AuthRoutes::issueToken(state, params, origin, &bapId);
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
    case access::Verdict::CheckPassword: // transactions only
    case access::Verdict::CoveredByAllowance:
        return decided(ApprovalOutcome::Denied, reply);
    case access::Verdict::Ask:
        break;
    }
    state.waiter->ask(op, reply, decided,
                      [](const Reply& r) { r.send(errors::response(ApiError::WaitingForApproval)); });
}

} // namespace

void AuthRoutes::postAuth(ServerState& state, const ApiRequest& request, const Reply& reply)
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
void AuthRoutes::deleteAuth(ServerState& state, const ApiRequest& request, const Reply& reply)
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

} // namespace tokenpass::server
