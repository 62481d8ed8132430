#include "WalletRoutes.h"

#include "ApprovalWaiter.h"
#include "JsonWriter.h"
#include "RouteSupport.h"
#include "Router.h"
#include "Validation.h"
#include "crypto/JsonSecret.h"
#include "crypto/StackScrub.h"
#include "wallet/Wallet.h"

#include <QJsonArray>

namespace tokenpass::server {

namespace {

using wallet::WalletState;

JsonWriter success()
{
    JsonWriter w;
    w.add(u"success", true);
    return w;
}

} // namespace

// §2.1. A browser origin that is not whitelisted learns only whether a wallet exists and is
// unlocked (decision 4): which sites a person uses is private.
void WalletRoutes::status(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    const WalletState walletState = state.services.wallet->state();
    const bool full = request.origin.isEmpty() || state.originTrusted(request.origin);
    QList<JsonWriter> keys;
    QList<JsonWriter> states;
    if (walletState == WalletState::Unlocked && full) {
        const auto records = state.hostKeys->list();
        for (const auto& record : records) {
            // §2.1: pub/address are re-derived from the current master, never trusted from disk.
            const auto key = state.services.wallet->hostKey(record.host);
            if (!key)
                continue;
            JsonWriter k;
            k.add(u"host", record.host).add(u"address", key->address).add(u"pub", key->publicKey);
            keys.append(k);
        }
        const QStringList profileOrder{QStringLiteral("host"), QStringLiteral("icon"),
                                       QStringLiteral("displayName"), QStringLiteral("paymail"),
                                       QStringLiteral("logo")};
        for (QJsonObject record : state.profiles->list()) {
            record.remove(QStringLiteral("bapID")); // §2.1: bapID and accessToken are not exposed
            states.append(JsonWriter::fromObject(record, profileOrder));
        }
        for (const auto& token : state.tokens->list()) {
            JsonWriter s;
            s.add(u"host", token.host)
                .add(u"scopes", QJsonArray::fromStringList(token.scopes))
                .add(u"expireTime", token.expiresMs);
            if (!token.icon.isEmpty())
                s.add(u"icon", token.icon);
            states.append(s);
        }
    }
    JsonWriter body;
    body.add(u"seed", walletState != WalletState::NoWallet)
        .add(u"unlocked", walletState == WalletState::Unlocked)
        .add(u"keys", keys)
        .add(u"states", states);
    reply.send(ApiResponse::json(200, body.toJson()));
}

void WalletRoutes::sessionKey(ServerState& state, const ApiRequest& /*request*/, const Reply& reply)
{
    JsonWriter body;
    body.add(u"publicKey", state.sessionKey->publicKey().toHex());
    reply.send(ApiResponse::json(200, body.toJson()));
}

// §2.3 with decision 6: never overwrite, 8 characters minimum.
void WalletRoutes::registerWallet(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    Validation v(request.json);
    (void)v.requiredString(QStringLiteral("password"), QStringLiteral("Password is required"));
    const auto displayName = v.optionalString(QStringLiteral("displayName"));
    v.maxLength(displayName, 100);
    const auto paymail = v.optionalString(QStringLiteral("paymail"));
    v.email(paymail);
    const auto logo = v.optionalString(QStringLiteral("logo"));
    v.url(logo);
    if (!v.ok())
        return reply.send(errors::validation(v.error(), false));
    auto pw = support::secretField(request, "password");
    if (!pw)
        return reply.send(errors::response(ApiError::InvalidJson));
    if (state.services.wallet->state() != WalletState::NoWallet)
        return reply.send(errors::response(ApiError::WalletExists));
    if (support::utf16Length(*pw) < wallet::Wallet::kMinPasswordLength)
        return reply.send(errors::response(ApiError::PasswordTooShort));

    QList<QPair<QString, QString>> attributes;
    if (displayName)
        attributes.append({QStringLiteral("displayName"), *displayName});
    if (paymail)
        attributes.append({QStringLiteral("paymail"), *paymail});
    if (logo)
        attributes.append({QStringLiteral("logo"), *logo});

    auto* walletPtr = state.services.wallet;
    support::offThread(
        state,
        [walletPtr, pw, attributes]() -> Result<QString> {
            // §2.3 step 6's attributes are saved with the wallet, in one write.
            const auto created = walletPtr->create(*pw, nullptr, attributes);
            if (!created)
                return Result<QString>::failFrom(created);
            const auto ids = walletPtr->identities();
            if (!ids || ids->isEmpty())
                return Result<QString>::fail(QStringLiteral("Failed to create BAP identity"));
            return Result<QString>::ok(ids->first().identityKey);
        },
        [&state, reply, displayName, paymail, logo](const Result<QString>& created) {
            if (!created) {
                if (auto saveFailed = errors::storageFailure(created))
                    return reply.send(*saveFailed);
                if (created.failure() == Failure::WalletExists)
                    return reply.send(errors::response(ApiError::WalletExists));
                JsonWriter body;
                body.add(u"error", created.error());
                return reply.send(ApiResponse::json(500, body.toJson()));
            }
            // §2.3 steps 7 and 8.
            QJsonObject local{{QStringLiteral("icon"), QStringLiteral("/api/auth/icon")}};
            (void)state.profiles->merge(QString::fromLatin1(store::ProfileRecords::kLocalHost), local,
                                        store::ProfileRecords::Merge::KeepExisting);
            QJsonObject global{{QStringLiteral("bapID"), *created}};
            if (displayName)
                global.insert(QStringLiteral("displayName"), *displayName);
            if (paymail)
                global.insert(QStringLiteral("paymail"), *paymail);
            if (logo)
                global.insert(QStringLiteral("logo"), *logo);
            (void)state.profiles->merge(QString::fromLatin1(store::ProfileRecords::kGlobalHost), global);
            state.record(QStringLiteral("localhost"), AuditOperation::Register, AuditResult::Allowed);
            reply.send(ApiResponse::json(200, success().toJson()));
        });
}

// §2.4, with the failed-unlock back-off of decision 8.
void WalletRoutes::login(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    Validation v(request.json);
    (void)v.requiredString(QStringLiteral("password"), QStringLiteral("Password is required"));
    if (!v.ok())
        return reply.send(errors::validation(v.error(), false));
    auto pw = support::secretField(request, "password");
    if (!pw)
        return reply.send(errors::response(ApiError::InvalidJson));
    if (auto wait = support::backoffResponse(state, ApiError::TooManyLogin))
        return reply.send(*wait);
    if (state.services.wallet->state() == WalletState::NoWallet)
        return reply.send(errors::response(ApiError::InvalidPassword));

    auto* walletPtr = state.services.wallet;
    support::offThread(
        state, [walletPtr, pw] { return walletPtr->unlock(*pw); },
        [&state, reply, walletPtr](const Result<bool>& unlocked) {
            if (!unlocked && unlocked.failure() == Failure::WalletDamaged) {
                // No password can open it: say so and what to do, and count no guess.
                JsonWriter body;
                body.add(u"error", unlocked.error()).add(u"success", false);
                return reply.send(ApiResponse::json(500, body.toJson()));
            }
            if (!unlocked) {
                if (state.backoff)
                    (void)state.backoff->recordFailure();
                return reply.send(errors::response(ApiError::InvalidPassword));
            }
            if (state.backoff)
                (void)state.backoff->recordSuccess();
            JsonWriter body = success();
            const QString notice = walletPtr->unlockNotice(); // the wallet was repaired from .bak
            if (!notice.isEmpty())
                body.add(u"notice", notice);
            reply.send(ApiResponse::json(200, body.toJson()));
        });
}

// §2.5: locks; tokens stay (decision 7).
void WalletRoutes::logout(ServerState& state, const ApiRequest& /*request*/, const Reply& reply)
{
    state.services.wallet->lock();
    reply.send(ApiResponse::json(200, success().toJson()));
}

namespace {

// {"seed":...,"mnemonic":...} written straight into wiped memory: a JsonWriter, QString or
// QJsonDocument would leave the words and the seed behind, unwiped (issue 20).
crypto::SecureBytes exportBody(const wallet::ExportedSecrets& secrets)
{
    using crypto::JsonSecret;
    crypto::SecureBytes out;
    out.append("{\"seed\":");
    out.append(JsonSecret::quote(secrets.seedHex.view()).view());
    if (!secrets.mnemonic.isEmpty()) {
        out.append(",\"mnemonic\":");
        out.append(JsonSecret::quote(secrets.mnemonic.view()).view());
    }
    out.append("}");
    return out;
}

} // namespace

// §2.6 with decision 9: {seed, mnemonic}.
void WalletRoutes::exportSecrets(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    Validation v(request.json);
    (void)v.requiredString(QStringLiteral("password"), QStringLiteral("Password is required"));
    if (!v.ok())
        return reply.send(errors::validation(v.error(), true));
    auto pw = support::secretField(request, "password");
    if (!pw)
        return reply.send(errors::response(ApiError::InvalidJson));
    if (auto wait = support::backoffResponse(state, ApiError::TooManyExport))
        return reply.send(*wait);
    auto* walletPtr = state.services.wallet;
    using Body = std::shared_ptr<const crypto::SecureBytes>;
    support::offThread(
        state,
        [walletPtr, pw]() -> Result<Body> {
            const crypto::StackScrub scrub; // exportBody's scratch space holds the words
            const auto secrets = walletPtr->exportSecrets(*pw);
            if (!secrets || secrets->seedHex.size() == 0)
                return Result<Body>::fail(QStringLiteral("Invalid password"));
            return Result<Body>::ok(std::make_shared<const crypto::SecureBytes>(exportBody(*secrets)));
        },
        [&state, reply](const Result<Body>& body) {
            if (!body) {
                if (state.backoff)
                    (void)state.backoff->recordFailure();
                return reply.send(errors::response(ApiError::InvalidPasswordWithSuccess));
            }
            if (state.backoff)
                (void)state.backoff->recordSuccess();
            state.record(QStringLiteral("localhost"), AuditOperation::Export, AuditResult::Allowed);
            reply.send(ApiResponse::secretJson(200, *body));
        });
}

} // namespace tokenpass::server
