#include "AuthRoutes.h"

#include "ApprovalWaiter.h"
#include "JsonWriter.h"
#include "RouteSupport.h"
#include "Router.h"
#include "Validation.h"
#include "wallet/Wallet.h"

#include <QJsonArray>

namespace tokenpass::server {

namespace {

using access::ApprovalKind;
using access::ApprovalOutcome;

struct AuthParams
{
    QString host;
    std::optional<QString> password;
    QString expiry = QStringLiteral("1h");   // §2.7 default
    QStringList scopes;
    QString icon;
    QString identityKey;
};

// §2.7 schema. Scope strings are trimmed (decision 3).
bool parse(const QJsonObject& json, AuthParams* out, QString* error)
{
    Validation v(json);
    out->host = v.requiredString(QStringLiteral("host"), QStringLiteral("Host is required"));
    out->password = v.optionalString(QStringLiteral("password"));
    for (const QString& key : {QStringLiteral("expiry"), QStringLiteral("expire")}) {
        // `expiry` wins over `expire`.
        const auto value = v.optionalString(key);
        if (!value)
            continue;
        if (!access::AccessTokens::durationMs(*value)) {
            v.fail(QStringLiteral("Invalid option: expected one of \"once\"|\"1h\"|\"1d\"|\"1w\"|\"1m\"|\"forever\""));
            break;
        }
        out->expiry = *value;
        break;
    }
    const QJsonValue scopes = json.value(QStringLiteral("scopes"));
    if (scopes.isString()) {
        for (const QString& s : scopes.toString().split(QLatin1Char(',')))
            if (!s.trimmed().isEmpty())
                out->scopes.append(s.trimmed());
    } else if (scopes.isArray()) {
        for (const QJsonValue& s : scopes.toArray()) {
            if (!s.isString()) {
                v.fail(QStringLiteral("Invalid input"));
                break;
            }
            if (!s.toString().trimmed().isEmpty())
                out->scopes.append(s.toString().trimmed());
        }
    } else if (!scopes.isUndefined()) {
        v.fail(QStringLiteral("Invalid input"));
    }
    out->scopes.removeDuplicates();
    out->icon = v.optionalString(QStringLiteral("icon")).value_or(QString());
    out->identityKey = v.optionalString(QStringLiteral("identityKey")).value_or(QString());
    *error = v.error();
    return v.ok();
}

// Issues the token and answers 200 (§2.7 response shape).
void issue(ServerState& state, const AuthParams& params, const QString& origin, const Reply& reply)
{
    QString bapId = params.identityKey;
    if (bapId.isEmpty()) {
        const auto ids = state.services.wallet->identities();
        if (ids && !ids->isEmpty())
            bapId = ids->first().identityKey;
    }
    const auto issued = state.tokens->issue(params.host, params.scopes, params.expiry, bapId, params.icon, origin);
    if (!issued) {
        JsonWriter body;
        body.add(u"success", false).add(u"error", issued.error());
        return reply.send(ApiResponse::json(500, body.toJson()));
    }
    state.record(params.host, QStringLiteral("auth"), QStringLiteral("allowed"),
                 QStringLiteral("token, scopes: %1").arg(params.scopes.join(QStringLiteral(","))));
    JsonWriter body;
    body.add(u"success", true)
        .add(u"accessToken", issued->token)
        .add(u"expireTime", issued->record.expiresMs)
        .add(u"host", params.host)
        .add(u"bapId", bapId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(bapId));
    reply.send(ApiResponse::json(200, body.toJson()));
}

// A password is consent (decision 5): it leaves a grant, so the client's later password-less
// calls (the /auth page's opener, §9.3) succeed without a dialog.
void grantByPassword(ServerState& state, const AuthParams& params)
{
    access::Grant grant;
    grant.host = params.host;
    grant.scopes = params.scopes;
    grant.duration = params.expiry;
    grant.policy = access::SigningPolicy::Allow;
    grant.identity = params.identityKey;
    (void)state.grants->save(grant);
}

bool grantCovers(const ServerState& state, const AuthParams& params)
{
    const auto grant = state.grants->find(params.host);
    if (!grant)
        return false;
    for (const QString& scope : params.scopes) {
        if (!grant->scopes.contains(scope))
            return false;
    }
    return true;
}

void withPassword(ServerState& state, const AuthParams& params, const QString& origin, const Reply& reply)
{
    if (const int retryAfter = state.limiter->hit(QStringLiteral("auth")))   // §1.4: after validation
        return reply.send(errors::tooMany(ApiError::TooManyAuth, retryAfter));
    if (auto wait = support::backoffResponse(state, ApiError::TooManyAuth))
        return reply.send(*wait);
    auto* walletPtr = state.services.wallet;
    support::offThread(
        state.waiter,
        [walletPtr, pw = std::make_shared<crypto::SecureBytes>(support::passwordBytes(*params.password))] {
            if (walletPtr->isUnlocked())
                return walletPtr->checkPassword(*pw) ? Result<bool>::ok(true)
                                                     : Result<bool>::fail(QStringLiteral("Invalid password"));
            return walletPtr->unlock(*pw);
        },
        [&state, params, origin, reply](const Result<bool>& ok) {
            if (!ok) {
                if (state.backoff)
                    (void)state.backoff->recordFailure();
                state.record(params.host, QStringLiteral("auth"), QStringLiteral("denied"),
                             QStringLiteral("wrong password"));
                return reply.send(errors::response(ApiError::InvalidPasswordWithSuccess));
            }
            if (state.backoff)
                (void)state.backoff->recordSuccess();
            grantByPassword(state, params);
            issue(state, params, origin, reply);
        });
}

// No password: a standing grant, else ask the person (decision 5).
void withoutPassword(ServerState& state, const AuthParams& params, const QString& origin, const Reply& reply)
{
    if (!state.services.wallet->isUnlocked())
        return reply.send(errors::response(ApiError::LockedPasswordRequired));
    if (grantCovers(state, params))
        return issue(state, params, origin, reply);

    access::ApprovalRequest request;
    request.host = params.host;
    request.origin = origin;
    request.kind = ApprovalKind::Connect;
    request.summary = params.scopes.isEmpty() ? QStringLiteral("Authentication only")
                                              : params.scopes.join(QStringLiteral(", "));
    request.details = {{QStringLiteral("scopes"), params.scopes},
                       {QStringLiteral("expiry"), params.expiry},
                       {QStringLiteral("identity"), params.identityKey},
                       {QStringLiteral("icon"), params.icon}};
    request.digest = QByteArrayLiteral("connect");   // any retry for this host joins the open dialog
    state.waiter->ask(
        std::move(request), reply,
        [&state, params, origin](ApprovalOutcome outcome, const Reply& r) {
            const bool approved = outcome == ApprovalOutcome::Approved;
            state.record(params.host, QStringLiteral("consent"),
                         approved ? QStringLiteral("approved")
                                  : (outcome == ApprovalOutcome::TimedOut ? QStringLiteral("timeout")
                                                                          : QStringLiteral("rejected")));
            if (!r.connected())
                return;   // answered "waiting" already; the grant serves the next call
            if (!approved)
                return r.send(errors::response(ApiError::DeniedByUser));
            if (!state.services.wallet->isUnlocked())
                return r.send(errors::response(ApiError::LockedPasswordRequired));
            // The grant may have narrowed the scopes; issue what was granted.
            AuthParams granted = params;
            if (const auto grant = state.grants->find(params.host)) {
                QStringList kept;
                for (const QString& scope : params.scopes)
                    if (grant->scopes.contains(scope))
                        kept.append(scope);
                granted.scopes = kept;
            }
            issue(state, granted, origin, r);
        },
        [](const Reply& r) { r.send(errors::response(ApiError::WaitingForApproval)); });
}

void postAuth(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    AuthParams params;
    QString error;
    if (!parse(request.json, &params, &error))
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
    const access::TokenCheck check = state.tokens->validate(header, {}, request.origin);
    if (check.status == access::TokenStatus::NoToken || check.status == access::TokenStatus::InvalidToken)
        return reply.send(*support::tokenFailure(check));
    state.tokens->revokeByToken(header);
    state.record(support::tokenHost(check), QStringLiteral("revoke"), QStringLiteral("allowed"));
    JsonWriter body;
    body.add(u"success", true);
    reply.send(ApiResponse::json(200, body.toJson()));
}

} // namespace

void AuthRoutes::install(Router& router, ServerState& state)
{
    ServerState* s = &state;
    router.add({"POST", QStringLiteral("/api/auth"), OriginAccess::AnyOrigin, BodyMode::AuthJson, {}, {},
                [s](const ApiRequest& r, const Reply& reply) { postAuth(*s, r, reply); }});
    router.add({"DELETE", QStringLiteral("/api/auth"), OriginAccess::AnyOrigin, BodyMode::None, {}, {},
                [s](const ApiRequest& r, const Reply& reply) { deleteAuth(*s, r, reply); }});
}

} // namespace tokenpass::server
