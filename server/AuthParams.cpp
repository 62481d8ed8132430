#include "AuthParams.h"

#include "ApiErrors.h"
#include "RouteSupport.h"
#include "Validation.h"
#include "access/AccessTokens.h"
#include "access/Gatekeeper.h"

#include <QJsonArray>

namespace tokenpass::server {

namespace {

// More scopes than any client asks for (nine names exist, §3). A cap keeps a hostile list of
// 100,000 entries out of the consent dialog, the grant and the token row.
constexpr qsizetype kMaxScopes = 64;

QString tooManyScopes()
{
    return QStringLiteral("Too big: expected array to have <=%1 items").arg(kMaxScopes); // zod 4 wording
}

} // namespace

bool AuthParams::parse(const ApiRequest& request, AuthParams* out, QString* error)
{
    const QJsonObject& json = request.json;
    Validation v(json);
    out->host = v.requiredString(QStringLiteral("host"), QStringLiteral("Host is required"));
    // Reserved for OAuth clients' grants: a site naming itself so would borrow a client's consent.
    if (access::isOAuthClientHost(out->host))
        v.fail(QStringLiteral("Host must not start with \"oauth:\" (reserved for OAuth clients)"));
    if (v.optionalString(QStringLiteral("password"))) {
        out->password = support::secretField(request, "password");
        if (!out->password)
            v.fail(errors::message(ApiError::InvalidJson));
    }
    for (const QString& key : {QStringLiteral("expiry"), QStringLiteral("expire")}) {
        // `expiry` wins over `expire`.
        const auto value = v.optionalString(key);
        if (!value)
            continue;
        if (!access::AccessTokens::durationMs(*value)) {
            v.fail(QStringLiteral(
                "Invalid option: expected one of \"once\"|\"1h\"|\"1d\"|\"1w\"|\"1m\"|\"forever\""));
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
        if (out->scopes.size() > kMaxScopes)
            v.fail(tooManyScopes());
    } else if (scopes.isArray() && scopes.toArray().size() > kMaxScopes) {
        v.fail(tooManyScopes());
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

access::Operation AuthParams::connectOperation(const QString& origin) const
{
    access::Operation op;
    op.kind = access::ApprovalKind::Connect;
    op.host = host;
    op.origin = origin;
    op.scopes = scopes;
    op.details = {{QStringLiteral("expiry"), expiry},
                  {QStringLiteral("identity"), identityKey},
                  {QStringLiteral("icon"), icon}};
    return op;
}

AuthParams AuthParams::withScopes(const QStringList& granted) const
{
    AuthParams narrowed = *this;
    narrowed.scopes = granted;
    return narrowed;
}

} // namespace tokenpass::server
