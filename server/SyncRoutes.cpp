#include "SyncRoutes.h"

#include "ApprovalWaiter.h"
#include "JsonWriter.h"
#include "RouteSupport.h"
#include "Router.h"
#include "ServerState.h"
#include "UpstreamClient.h"
#include "Validation.h"
#include "WalletImport.h"
#include "store/Settings.h"
#include "wallet/Wallet.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QUrlQuery>

namespace tokenpass::server {

namespace {

using Upstream = UpstreamClient::Result;

// The primary identity's bapId, or the answer already sent (§2.19: all need the wallet unlocked).
std::optional<QString> primaryBapId(const ServerState& state, const Reply& reply)
{
    const auto ids = state.services.wallet->identities();
    if (!ids) {
        reply.send(errors::response(ApiError::SyncLocked));
        return std::nullopt;
    }
    if (ids->isEmpty()) {
        reply.send(errors::failed(500, QStringLiteral("The wallet has no identity")));
        return std::nullopt;
    }
    return ids->first().identityKey;
}

// "Bitcoin-Auth <token>" over kSyncPath and the exact body sent (none for GET, CRYPTO.md §10.8).
Result<QByteArray> authorization(const ServerState& state, const QByteArray& body)
{
    wallet::BitcoinAuth::Request request;
    request.requestPath = QString::fromLatin1(SyncRoutes::kSyncPath);
    request.body = body;
    wallet::BitcoinAuth::CreateOptions options;
    options.scheme = wallet::BitcoinAuth::Scheme::Brc77;
    options.timestamp = wallet::BitcoinAuth::isoTimestamp(state.clock().nowMs());
    const auto token = state.services.wallet->signMemberAuthToken(request, options);
    if (!token)
        return Result<QByteArray>::fail(token.error());
    return Result<QByteArray>::ok("Bitcoin-Auth " + token->toUtf8());
}

// The upstream's own words, when it sent {"error": "..."}.
QString upstreamError(const Upstream& result)
{
    const QString said =
        QJsonDocument::fromJson(result.body).object().value(QStringLiteral("error")).toString();
    QString text = QStringLiteral("HTTP %1").arg(result.status);
    if (!said.isEmpty())
        text += QStringLiteral(": ") + said.left(200);
    return text;
}

// API.md names no upstream errors: ours are 502 {"error":…,"success":false}.
QString failureText(const Upstream& result)
{
    switch (result.outcome) {
    case Upstream::Outcome::TimedOut:
        return errors::message(ApiError::SyncTimeout);
    case Upstream::Outcome::Unreachable:
        return errors::message(ApiError::SyncUnreachable);
    case Upstream::Outcome::Answered:
        break;
    }
    return QStringLiteral("Cloud sync server refused the request (%1)").arg(upstreamError(result));
}

ApiResponse upstreamFailure(const Upstream& result)
{
    return errors::failed(502, failureText(result));
}

QJsonValue lastUpdatedOf(const QJsonObject& answer)
{
    for (const QString& key : {QStringLiteral("lastUpdated"), QStringLiteral("updatedAt")}) {
        const QJsonValue v = answer.value(key);
        if (!v.isUndefined() && !v.isNull())
            return v;
    }
    return QJsonValue(QJsonValue::Null);
}

QUrl syncUrl(const ServerState& state, const QString& bapId = QString())
{
    QUrl url = UpstreamClient::join(SyncRoutes::serverUrl(state), QString::fromLatin1(SyncRoutes::kSyncPath));
    if (!bapId.isEmpty()) {
        QUrlQuery query; // the query is not part of the signed path (§2.19)
        query.addQueryItem(QStringLiteral("bapId"), bapId);
        url.setQuery(query);
    }
    return url;
}

UpstreamClient::Headers headersWith(const QByteArray& authorization, bool jsonBody)
{
    UpstreamClient::Headers h{{QByteArrayLiteral("Authorization"), authorization}};
    if (jsonBody)
        h.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    return h;
}

} // namespace

// POST /api/sync/push: the current wallet file as it is on disk (already encrypted).
void SyncRoutes::push(ServerState& state, const ApiRequest& /*request*/, const Reply& reply)
{
    UpstreamClient* upstream = state.upstream;
    const auto bapId = primaryBapId(state, reply);
    if (!bapId)
        return;
    QFile file(state.services.wallet->backupPath());
    if (!file.open(QIODevice::ReadOnly))
        return reply.send(errors::failed(500, QStringLiteral("Cannot read the wallet file")));
    const QString encryptedBackup = QString::fromLatin1(file.readAll()).trimmed();
    JsonWriter body;
    body.add(u"bapId", *bapId).add(u"encryptedBackup", encryptedBackup);
    const QByteArray bytes = body.toJson();
    const auto auth = authorization(state, bytes);
    if (!auth)
        return reply.send(errors::failed(500, auth.error()));

    upstream->send(
        "POST", syncUrl(state), headersWith(*auth, true), bytes, state.options.syncTimeoutMs,
        [&state, reply, bapId = *bapId](const Upstream& result) {
            if (!result.ok()) {
                state.record(QStringLiteral("localhost"), AuditOperation::CloudSyncPush, AuditResult::Failed);
                return reply.send(upstreamFailure(result));
            }
            state.record(QStringLiteral("localhost"), AuditOperation::CloudSyncPush, AuditResult::Allowed);
            JsonWriter answer;
            answer.add(u"success", true)
                .add(u"message", QStringLiteral("Backup synced to cloud"))
                .add(u"bapId", bapId);
            reply.send(ApiResponse::json(200, answer.toJson()));
        });
}

namespace {

// The cloud copy from a 2xx answer: a .bep text, never plaintext JSON (which would import
// without proving the password).
std::optional<QString> cloudBackupOf(const QJsonObject& answer)
{
    const QString backup = answer.value(QStringLiteral("encryptedBackup")).toString().trimmed();
    if (backup.isEmpty() || backup.startsWith(QLatin1Char('{')))
        return std::nullopt;
    return backup;
}

void replaceWithCloud(ServerState& state, const Reply& reply, const QString& backup,
                      std::shared_ptr<crypto::SecureBytes> password, const QJsonValue& lastUpdated)
{
    auto content = std::make_shared<const crypto::SecureBytes>(backup.toLatin1());
    wallet::Wallet* w = state.services.wallet;
    walletimport::replaceCurrent(
        state, content, password, AuditOperation::CloudSyncPull,
        [reply, w, lastUpdated](const Result<bool>& imported, const QString&) {
            if (!imported) {
                if (imported.failure() == Failure::InvalidPassword)
                    return reply.send(errors::response(ApiError::SyncInvalidPassword));
                if (auto saveFailed = errors::storageFailure(imported))
                    return reply.send(*saveFailed);
                return reply.send(errors::failed(500, imported.error()));
            }
            const auto ids = w->identities();
            JsonWriter answer;
            answer.add(u"success", true)
                .add(u"message", QStringLiteral("Cloud backup imported and replaced local"))
                .add(u"bapId", ids && !ids->isEmpty() ? QJsonValue(ids->first().identityKey)
                                                      : QJsonValue(QJsonValue::Null))
                .add(u"lastUpdated", lastUpdated);
            reply.send(ApiResponse::json(200, answer.toJson()));
        });
}

} // namespace

// POST /api/sync/pull {"password"?,"replace"?}: the body may also be empty.
void SyncRoutes::pull(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    UpstreamClient* upstream = state.upstream;
    const auto bapId = primaryBapId(state, reply);
    if (!bapId)
        return;
    QJsonObject json;
    if (!request.body.trimmed().isEmpty()) {
        const QJsonDocument doc = QJsonDocument::fromJson(request.body);
        if (!doc.isObject())
            return reply.send(errors::response(ApiError::InvalidJson));
        json = doc.object();
        // Like the router's redaction: no QString copy of the password lives on; the real value
        // is read as SecureBytes below.
        const QJsonValue given = json.value(QStringLiteral("password"));
        if (given.isString())
            json.insert(QStringLiteral("password"),
                        given.toString().isEmpty() ? QString() : QStringLiteral("*"));
    }
    Validation v(json);
    const auto passwordGiven = v.optionalString(QStringLiteral("password"));
    const QJsonValue replaceValue = json.value(QStringLiteral("replace"));
    if (v.ok() && !replaceValue.isUndefined() && !replaceValue.isBool())
        v.fail(Validation::expected(QStringLiteral("boolean"), replaceValue));
    if (!v.ok())
        return reply.send(errors::validation(v.error(), true));
    const bool replace = replaceValue.toBool(false);

    // Importing needs the password the cloud copy opens with; checked before going online.
    std::shared_ptr<crypto::SecureBytes> password;
    if (replace) {
        if (!passwordGiven || passwordGiven->isEmpty())
            return reply.send(errors::response(ApiError::SyncPasswordRequired));
        password = support::secretField(request, "password");
        if (!password)
            return reply.send(errors::response(ApiError::InvalidJson));
        if (support::utf16Length(*password) < wallet::Wallet::kMinPasswordLength)
            return reply.send(errors::response(ApiError::PasswordTooShort));
    }

    const auto auth = authorization(state, QByteArray());
    if (!auth)
        return reply.send(errors::failed(500, auth.error()));
    upstream->send("GET", syncUrl(state, *bapId), headersWith(*auth, false), QByteArray(),
                   state.options.syncTimeoutMs, [&state, reply, replace, password](const Upstream& result) {
                       // A client that left gets no import behind its back.
                       if (!reply.connected())
                           return;
                       if (result.outcome == Upstream::Outcome::Answered && result.status == 404)
                           return reply.send(errors::response(ApiError::SyncNoCloudBackup));
                       if (!result.ok())
                           return reply.send(upstreamFailure(result));
                       const QJsonObject answer = QJsonDocument::fromJson(result.body).object();
                       const auto backup = cloudBackupOf(answer);
                       if (!backup)
                           return reply.send(errors::response(ApiError::SyncBadAnswer));
                       const QJsonValue lastUpdated = lastUpdatedOf(answer);
                       if (replace)
                           return replaceWithCloud(state, reply, *backup, password, lastUpdated);
                       JsonWriter out;
                       out.add(u"success", true)
                           .add(u"message", QStringLiteral("Cloud backup retrieved (not imported)"))
                           .add(u"lastUpdated", lastUpdated)
                           .add(u"hasCloudBackup", true);
                       reply.send(ApiResponse::json(200, out.toJson()));
                   });
}

// GET /api/sync/status: always 200 once unlocked; a cloud problem is reported in cloud.error.
void SyncRoutes::status(ServerState& state, const ApiRequest& /*request*/, const Reply& reply)
{
    UpstreamClient* upstream = state.upstream;
    const auto bapId = primaryBapId(state, reply);
    if (!bapId)
        return;
    const bool localExists = QFileInfo::exists(state.services.wallet->backupPath());
    const QString serverUrl = SyncRoutes::serverUrl(state);
    const auto auth = authorization(state, QByteArray());
    if (!auth)
        return reply.send(errors::failed(500, auth.error()));
    upstream->send(
        "GET", syncUrl(state, *bapId), headersWith(*auth, false), QByteArray(), state.options.syncTimeoutMs,
        [reply, bapId = *bapId, localExists, serverUrl](const Upstream& result) {
            bool exists = false;
            QJsonValue lastUpdated(QJsonValue::Null);
            QJsonValue error(QJsonValue::Null);
            if (result.ok()) {
                const QJsonObject answer = QJsonDocument::fromJson(result.body).object();
                exists = cloudBackupOf(answer).has_value();
                lastUpdated = lastUpdatedOf(answer);
            } else if (result.outcome != Upstream::Outcome::Answered || result.status != 404) {
                error = failureText(result);
            }
            JsonWriter local;
            local.add(u"exists", localExists);
            JsonWriter cloud;
            cloud.add(u"exists", exists).add(u"lastUpdated", lastUpdated).add(u"error", error);
            JsonWriter out;
            out.add(u"bapId", bapId).add(u"local", local).add(u"cloud", cloud).add(u"serverUrl", serverUrl);
            reply.send(ApiResponse::json(200, out.toJson()));
        });
}

QString SyncRoutes::serverUrl(const ServerState& state)
{
    if (!state.options.syncServerUrl.isEmpty())
        return state.options.syncServerUrl;
    const QString env = qEnvironmentVariable("SIGMA_AUTH_URL").trimmed();
    if (!env.isEmpty())
        return env;
    return store::Settings(state.services.database).string(store::Settings::Key::SyncServerUrl);
}

} // namespace tokenpass::server
