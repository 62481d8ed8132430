#include "IdentityRoutes.h"

#include "JsonWriter.h"
#include "RouteSupport.h"
#include "Router.h"
#include "wallet/BackupRegistry.h"
#include "wallet/Wallet.h"

namespace tokenpass::server {

namespace {

JsonWriter summary(const wallet::BapIdentity& id, int counter)
{
    JsonWriter w;
    w.add(u"idKey", id.identityKey)
        .add(u"name", id.name)
        .add(u"rootAddress", id.rootAddress)
        .add(u"counter", counter);
    return w;
}

template <typename T> ApiResponse serverError(const Result<T>& failed)
{
    if (auto saveFailed = errors::storageFailure(failed))
        return *saveFailed;
    const QString& message = failed.error();
    JsonWriter body;
    body.add(u"error", message);
    return ApiResponse::json(500, body.toJson());
}

} // namespace

// §2.15
void IdentityRoutes::getIdentity(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    const auto ids = state.services.wallet->identities();
    if (!ids)
        return reply.send(errors::response(ApiError::WalletNotUnlocked));
    const QString wanted = request.query.queryItemValue(QStringLiteral("idKey"), QUrl::FullyDecoded);
    if (!wanted.isEmpty()) {
        for (int i = 0; i < ids->size(); ++i) {
            const auto& id = ids->at(i);
            if (id.identityKey != wanted)
                continue;
            JsonWriter attributes;
            for (const auto& a : id.attributes) {
                JsonWriter attr;
                attr.add(u"value", a.value).add(u"nonce", a.nonce);
                attributes.add(a.name, attr);
            }
            JsonWriter body;
            body.add(u"idKey", id.identityKey)
                .add(u"name", id.name)
                .add(u"description", id.description)
                .add(u"rootAddress", id.rootAddress)
                .add(u"identityKey", id.identityKey)
                .add(u"counter", i)
                .add(u"attributes", attributes);
            return reply.send(ApiResponse::json(200, body.toJson()));
        }
        return reply.send(errors::response(ApiError::IdentityNotFound));
    }
    QList<JsonWriter> list;
    for (int i = 0; i < ids->size(); ++i)
        list.append(summary(ids->at(i), i));
    JsonWriter body;
    body.add(u"identities", list)
        .add(u"primaryId",
             ids->isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(ids->first().identityKey))
        .add(u"count", int(ids->size()));
    reply.send(ApiResponse::json(200, body.toJson()));
}

void IdentityRoutes::postIdentity(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    if (!state.services.wallet->isUnlocked())
        return reply.send(errors::response(ApiError::WalletNotUnlocked));
    const QString name = request.json.value(QStringLiteral("name")).toString().trimmed();
    if (name.isEmpty()) {
        JsonWriter body;
        body.add(u"error", QStringLiteral("Name is required"));
        return reply.send(ApiResponse::json(400, body.toJson()));
    }
    const auto created = state.services.wallet->createIdentity(name);
    if (!created)
        return reply.send(serverError(created));
    JsonWriter body;
    body.add(u"success", true).add(u"idKey", created->identityKey);
    reply.send(ApiResponse::json(200, body.toJson()));
}

// §2.16
void IdentityRoutes::postGuest(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    if (!state.services.wallet->isUnlocked())
        return reply.send(errors::response(ApiError::WalletNotUnlocked));
    const QString host = request.json.value(QStringLiteral("host")).toString();
    if (host.isEmpty()) {
        JsonWriter body;
        body.add(u"error", QStringLiteral("Host is required"));
        return reply.send(ApiResponse::json(400, body.toJson()));
    }
    const auto created = state.services.wallet->createGuestIdentity(host);
    if (!created)
        return reply.send(serverError(created));
    const auto ids = state.services.wallet->identities();
    const int counter = ids ? int(ids->size()) - 1 : 0;
    JsonWriter body;
    body.add(u"success", true)
        .add(u"idKey", created->identityKey)
        .add(u"name", created->name)
        .add(u"rootAddress", created->rootAddress)
        .add(u"counter", counter);
    reply.send(ApiResponse::json(200, body.toJson()));
}

// §2.20
void IdentityRoutes::getSettings(ServerState& state, const ApiRequest& /*request*/, const Reply& reply)
{
    JsonWriter body;
    body.add(u"currentBackupPath", state.services.wallet->backupPath());
    reply.send(ApiResponse::json(200, body.toJson()));
}

void IdentityRoutes::postSettings(ServerState& /*state*/, const ApiRequest& /*request*/, const Reply& reply)
{
    JsonWriter body;
    body.add(u"success", true);
    reply.send(ApiResponse::json(200, body.toJson()));
}

} // namespace tokenpass::server
