#include "BackupRoutes.h"

#include "ApprovalWaiter.h"
#include "JsonWriter.h"
#include "RouteSupport.h"
#include "Router.h"
#include "Validation.h"
#include "WalletImport.h"
#include "wallet/BackupRegistry.h"
#include "wallet/Wallet.h"

#include <QFileInfo>

namespace tokenpass::server {

namespace {

using wallet::BackupRegistry;

// §2.18 answers its own errors as {"error":msg} without "success".
ApiResponse plainError(int status, const QString& message)
{
    JsonWriter body;
    body.add(u"error", message);
    return ApiResponse::json(status, body.toJson());
}

// A failed change: 507 when the disk is full, otherwise §2.18's plain 500.
template <typename T> ApiResponse saveError(const Result<T>& failed)
{
    if (auto saveFailed = errors::storageFailure(failed))
        return *saveFailed;
    return plainError(500, failed.error());
}

JsonWriter entryJson(const BackupRegistry::Entry& e, bool withDiscovered)
{
    JsonWriter w;
    w.add(u"path", e.path).add(u"label", e.label).add(u"exists", e.exists).add(u"isCurrent", e.isCurrent);
    if (withDiscovered && e.isDiscovered)
        w.add(u"isDiscovered", true);
    return w;
}

// "path": a non-empty string, else 400 {"error":"Path is required"} (§2.18).
std::optional<QString> requirePath(const ApiRequest& request, const Reply& reply)
{
    const QString path = request.json.value(QStringLiteral("path")).toString();
    if (path.trimmed().isEmpty()) {
        reply.send(plainError(400, QStringLiteral("Path is required")));
        return std::nullopt;
    }
    return path;
}

// The identity part of the create and import answers: {"idKey","name","rootAddress","counter"}
// per identity, the shape of GET /api/identity (§2.15).
struct WalletSummary
{
    QString bapId;
    QList<JsonWriter> identities;
};

WalletSummary summarize(wallet::Wallet& w)
{
    WalletSummary out;
    const auto ids = w.identities();
    if (!ids)
        return out;
    for (int i = 0; i < ids->size(); ++i) {
        const auto& id = ids->at(i);
        JsonWriter item;
        item.add(u"idKey", id.identityKey)
            .add(u"name", id.name)
            .add(u"rootAddress", id.rootAddress)
            .add(u"counter", i);
        out.identities.append(item);
    }
    if (!ids->isEmpty())
        out.bapId = ids->first().identityKey;
    return out;
}

QJsonValue orNull(const QString& s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

} // namespace

void BackupRoutes::list(ServerState& state, const ApiRequest& /*request*/, const Reply& reply)
{
    wallet::Wallet& w = *state.services.wallet;
    QList<JsonWriter> items;
    for (const auto& e : w.registry().list())
        items.append(entryJson(e, true));
    JsonWriter body;
    body.add(u"backups", items).add(u"currentPath", w.backupPath()).add(u"isUnlocked", w.isUnlocked());
    reply.send(ApiResponse::json(200, body.toJson()));
}

void BackupRoutes::add(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    const auto path = requirePath(request, reply);
    if (!path)
        return;
    const auto added =
        state.services.wallet->registry().add(*path, request.json.value(QStringLiteral("label")).toString());
    if (!added)
        return reply.send(saveError(added));
    JsonWriter body;
    body.add(u"success", true).add(u"backup", entryJson(*added, false));
    reply.send(ApiResponse::json(200, body.toJson()));
}

void BackupRoutes::remove(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    const auto path = requirePath(request, reply);
    if (!path)
        return;
    const auto removed = state.services.wallet->registry().remove(*path);
    if (!removed)
        return reply.send(saveError(removed));
    JsonWriter body;
    body.add(u"success", *removed);
    reply.send(ApiResponse::json(200, body.toJson()));
}

void BackupRoutes::switchTo(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    const auto path = requirePath(request, reply);
    if (!path)
        return;
    wallet::Wallet& w = *state.services.wallet;
    const auto switched = w.switchTo(*path); // locks (§2.18)
    if (!switched)
        return reply.send(saveError(switched));
    state.record(QStringLiteral("localhost"), AuditOperation::SwitchWallet, AuditResult::Allowed);
    JsonWriter body;
    body.add(u"success", true)
        .add(u"currentPath", w.backupPath())
        .add(u"exists", QFileInfo::exists(w.backupPath()));
    reply.send(ApiResponse::json(200, body.toJson()));
}

namespace {

// Common checks of create and import: the password member, read as SecureBytes, 8+ characters.
std::shared_ptr<crypto::SecureBytes> requirePassword(Validation& v, const ApiRequest& request,
                                                     const Reply& reply)
{
    (void)v.requiredString(QStringLiteral("password"), QStringLiteral("Password is required"));
    if (!v.ok()) {
        reply.send(errors::validation(v.error(), false));
        return nullptr;
    }
    auto pw = support::secretField(request, "password");
    if (!pw) {
        reply.send(errors::response(ApiError::InvalidJson));
        return nullptr;
    }
    if (support::utf16Length(*pw) < wallet::Wallet::kMinPasswordLength) {
        reply.send(errors::response(ApiError::PasswordTooShort));
        return nullptr;
    }
    return pw;
}

} // namespace

// §2.18 create: a new wallet at `path` (from `mnemonic` if given). The file must not exist
// (409, decision 6). It is added to the known list, made current and created there, unlocked.
// If creating fails, the previous wallet file becomes current again.
void BackupRoutes::create(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    const auto path = requirePath(request, reply);
    if (!path)
        return;
    Validation v(request.json);
    const auto label = v.optionalString(QStringLiteral("label"));
    const auto mnemonicGiven = v.optionalString(QStringLiteral("mnemonic"));
    auto pw = requirePassword(v, request, reply);
    if (!pw)
        return;
    std::shared_ptr<crypto::SecureBytes> mnemonic;
    if (mnemonicGiven && !mnemonicGiven->isEmpty()) {
        mnemonic = support::secretField(request, "mnemonic");
        if (!mnemonic)
            return reply.send(errors::response(ApiError::InvalidJson));
    }
    const QString absolute = QFileInfo(*path).absoluteFilePath();
    if (QFileInfo::exists(absolute))
        return reply.send(errors::response(ApiError::WalletExists));

    wallet::Wallet* w = state.services.wallet;
    const QString previous = w->backupPath();
    bool wasKnown = false;
    for (const auto& e : w->registry().list())
        wasKnown = wasKnown || (e.path == absolute && !e.isDiscovered);
    const auto added = w->registry().add(absolute, label.value_or(QString()));
    if (!added)
        return reply.send(saveError(added));
    const auto switched = w->switchTo(absolute);
    if (!switched)
        return reply.send(saveError(switched));

    support::offThread(
        state, [w, pw, mnemonic]() -> Result<bool> { return w->create(*pw, mnemonic.get()); },
        [&state, reply, w, previous, absolute, wasKnown](const Result<bool>& created) {
            if (!created) {
                // Back to the wallet that was current; forget the entry we added for nothing.
                (void)w->registry().add(previous, QString());
                (void)w->switchTo(previous);
                if (!wasKnown)
                    (void)w->registry().remove(absolute);
                if (created.failure() == Failure::WalletExists)
                    return reply.send(errors::response(ApiError::WalletExists));
                if (auto saveFailed = errors::storageFailure(created))
                    return reply.send(*saveFailed);
                return reply.send(
                    plainError(created.failure() == Failure::InvalidMnemonic ? 400 : 500, created.error()));
            }
            state.record(QStringLiteral("localhost"), AuditOperation::CreateWallet, AuditResult::Allowed);
            const WalletSummary summary = summarize(*w);
            JsonWriter body;
            body.add(u"success", true)
                .add(u"bapId", orNull(summary.bapId))
                .add(u"identities", summary.identities)
                .add(u"currentPath", w->backupPath())
                .add(u"hasMnemonic", true); // new wallets keep their phrase (decision 9)
            reply.send(ApiResponse::json(200, body.toJson()));
        });
}

// §2.18 import: `content` (a .bep text, or the plaintext JSON of a BAP master backup) is written
// under `password` to the current path, then unlocked; the previous file is kept
// (walletimport::replaceCurrent says how).
void BackupRoutes::import(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    Validation v(request.json);
    (void)v.requiredString(QStringLiteral("content"), QStringLiteral("Content is required"));
    if (!v.ok())
        return reply.send(errors::validation(v.error(), false));
    auto content = support::secretField(request, "content");
    if (!content)
        return reply.send(errors::response(ApiError::InvalidJson));
    auto pw = requirePassword(v, request, reply);
    if (!pw)
        return;

    wallet::Wallet* w = state.services.wallet;
    walletimport::replaceCurrent(state, content, pw, AuditOperation::ImportWallet,
                                 [reply, w](const Result<bool>& imported, const QString&) {
                                     if (!imported) {
                                         if (imported.failure() == Failure::InvalidPassword)
                                             return reply.send(errors::response(ApiError::InvalidPassword));
                                         return reply.send(saveError(imported));
                                     }
                                     const WalletSummary summary = summarize(*w);
                                     JsonWriter body;
                                     body.add(u"success", true)
                                         .add(u"bapId", orNull(summary.bapId))
                                         .add(u"identityCount", int(summary.identities.size()))
                                         .add(u"identities", summary.identities)
                                         .add(u"currentPath", w->backupPath())
                                         .add(u"hasMnemonic", *imported);
                                     reply.send(ApiResponse::json(200, body.toJson()));
                                 });
}

} // namespace tokenpass::server
