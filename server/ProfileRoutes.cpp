#include "ProfileRoutes.h"

#include "JsonWriter.h"
#include "RouteSupport.h"
#include "Router.h"
#include "Validation.h"
#include "crypto/Identicon.h"
#include "wallet/Wallet.h"

namespace tokenpass::server {

namespace {

const QStringList kProfileOrder{QStringLiteral("host"),    QStringLiteral("displayName"),
                                QStringLiteral("paymail"), QStringLiteral("logo"),
                                QStringLiteral("bapID"),   QStringLiteral("icon")};

} // namespace

void ProfileRoutes::getProfile(ServerState& state, const ApiRequest& /*request*/, const Reply& reply)
{
    const QJsonObject record = state.profiles->get(QString::fromLatin1(store::ProfileRecords::kGlobalHost));
    reply.send(ApiResponse::json(200, JsonWriter::fromObject(record, kProfileOrder).toJson()));
}

// §2.14: lock -> token (write_profile) -> body; unknown fields are dropped.
void ProfileRoutes::postProfile(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    if (!state.services.wallet->isUnlocked())
        return reply.send(errors::response(ApiError::LockedPleaseLogin));
    const auto check = state.tokens->validate(QString::fromUtf8(request.header("authorization")),
                                              {QStringLiteral("write_profile")}, request.origin);
    if (auto failure = support::tokenFailure(check))
        return reply.send(*failure);
    Validation v(request.json);
    const auto displayName = v.optionalString(QStringLiteral("displayName"));
    v.maxLength(displayName, 100);
    const auto paymail = v.optionalString(QStringLiteral("paymail"));
    v.email(paymail);
    const auto logo = v.optionalString(QStringLiteral("logo"));
    v.url(logo);
    const auto icon = v.optionalString(QStringLiteral("icon"));
    if (!v.ok())
        return reply.send(errors::validation(v.error(), true));
    QJsonObject fields;
    if (displayName)
        fields.insert(QStringLiteral("displayName"), *displayName);
    if (paymail)
        fields.insert(QStringLiteral("paymail"), *paymail);
    if (logo)
        fields.insert(QStringLiteral("logo"), *logo);
    if (icon)
        fields.insert(QStringLiteral("icon"), *icon);
    const auto merged =
        state.profiles->merge(QString::fromLatin1(store::ProfileRecords::kGlobalHost), fields);
    if (!merged) {
        if (auto saveFailed = errors::storageFailure(merged))
            return reply.send(*saveFailed);
        return reply.send(errors::failed(500, merged.error()));
    }
    state.record(support::tokenHost(check), AuditOperation::Profile, AuditResult::Allowed);
    JsonWriter body;
    body.add(u"success", true);
    reply.send(ApiResponse::json(200, body.toJson()));
}

// §5.8: the identicon of the "localhost" host key, or of "Anon" while locked. (v0.0.8 served a
// prerendered "Anon" image always, §2.21; we serve the intended one.)
void ProfileRoutes::icon(ServerState& state, const ApiRequest& /*request*/, const Reply& reply)
{
    QString input = QStringLiteral("Anon");
    if (state.services.wallet->isUnlocked()) {
        if (const auto key = state.services.wallet->hostKey(QStringLiteral("localhost")))
            input = key->publicKey;
    }
    ApiResponse r;
    r.status = 200;
    r.contentType = QByteArrayLiteral("image/svg+xml");
    r.body = crypto::Identicon::svg(input);
    reply.send(r);
}

} // namespace tokenpass::server
