#include "CryptoRoutes.h"

#include "ApprovalWaiter.h"
#include "JsonWriter.h"
#include "RouteSupport.h"
#include "Router.h"
#include "Validation.h"
#include "crypto/Encoding.h"
#include "crypto/Hash.h"
#include "wallet/Wallet.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace tokenpass::server {

namespace {

using access::ApprovalKind;
using access::ApprovalOutcome;
using Operation = std::function<void(const QString& host, const Reply& reply)>;

struct Ask
{
    ApprovalKind kind = ApprovalKind::Sign;
    bool needsApproval = true; // false: never prompts (friend-pubkey)
    QString summary;           // what the dialog shows
    QString auditDetail;       // a description, never the payload
    QByteArray digest;         // the exact content
};

// Token check, then the Gatekeeper (decision 5: "ask every time" prompts per request), then op.
void authorized(ServerState& state, const ApiRequest& request, const Reply& reply, const QStringList& scopes,
                const Ask& ask, AuditOperation operation, Operation op)
{
    const access::TokenCheck check =
        state.tokens->validate(QString::fromUtf8(request.header("authorization")), scopes, request.origin);
    if (auto failure = support::tokenFailure(check))
        return reply.send(*failure);
    const QString host = support::tokenHost(check);
    if (operation == AuditOperation::Sign) {
        // After a signature the tray tells which host signed what (issue 6).
        op = [&state, op = std::move(op), detail = ask.auditDetail](const QString& h, const Reply& r) {
            op(h, r);
            state.noteSignature(h, detail);
        };
    }
    if (!ask.needsApproval) {
        state.record(host, operation, AuditResult::Allowed, ask.auditDetail);
        return op(host, reply);
    }

    access::Operation what;
    what.kind = ask.kind;
    what.host = host;
    what.origin = request.origin;
    what.summary = ask.summary;
    what.digest = ask.digest;
    const auto decided = [&state, host, ask, operation, op](ApprovalOutcome outcome, const Reply& r) {
        const bool approved = outcome == ApprovalOutcome::Approved;
        state.record(host, operation, approved ? AuditResult::Approved : AuditResult::Rejected,
                     ask.auditDetail);
        if (!approved)
            return r.send(errors::response(ApiError::DeniedByUser));
        if (!r.connected())
            return; // the client was told to wait; its identical retry gets the banked approval
        if (!state.services.wallet->isUnlocked())
            return r.send(errors::response(ApiError::LockedPleaseLogin));
        op(host, r);
    };
    switch (state.gatekeeper->check(what).verdict) {
    case access::Verdict::Allowed:
        state.record(host, operation, AuditResult::Allowed, ask.auditDetail);
        return op(host, reply);
    case access::Verdict::Denied:
    case access::Verdict::CheckPassword: // transactions only
    case access::Verdict::CoveredByAllowance:
        return decided(ApprovalOutcome::Denied, reply);
    case access::Verdict::Ask:
        break;
    }
    state.waiter->ask(what, reply, decided,
                      [](const Reply& r) { r.send(errors::response(ApiError::WaitingForApproval)); });
}

bool lockedReply(ServerState& state, const Reply& reply)
{
    if (state.services.wallet->isUnlocked())
        return false;
    reply.send(errors::response(ApiError::LockedPleaseLogin));
    return true;
}

QString printable(const QByteArray& bytes)
{
    const QString text = QString::fromUtf8(bytes);
    for (const QChar c : text) {
        if (c == QChar::ReplacementCharacter ||
            (c.category() == QChar::Other_Control && c != QLatin1Char('\n')))
            return QStringLiteral("hex: ") + QString::fromLatin1(bytes.toHex());
    }
    return text;
}

} // namespace

// §2.9
void CryptoRoutes::sign(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    if (lockedReply(state, reply))
        return;
    const QJsonObject& json = request.json;
    const QJsonValue message = json.value(QStringLiteral("message"));
    const QJsonValue path = json.value(QStringLiteral("path"));
    const bool messageMode = message.isString() && !message.toString().isEmpty();
    const bool pathMode = path.isString() && !path.toString().isEmpty();
    if (!messageMode && !pathMode)
        return reply.send(errors::validation(QStringLiteral("Invalid input"), true)); // §1.6 union

    if (messageMode) { // message mode wins over path mode
        const QString text = message.toString();
        const QString encoding = json.value(QStringLiteral("encoding")).toString();
        QByteArray bytes;
        if (encoding == QLatin1String("hex")) {
            QString hex = text;
            if (hex.size() % 2 == 1)
                hex.prepend(QLatin1Char('0')); // §2.9: odd-length hex is left-padded
            const auto decoded = crypto::fromHex(hex);
            if (!decoded) // v0.0.8: an empty 500; we say why (DESIGN.md rule 6)
                return reply.send(errors::validation(QStringLiteral("Must be a valid hex string"), true));
            bytes = *decoded;
        } else if (encoding == QLatin1String("base64")) {
            const auto decoded = crypto::fromBase64(text);
            if (!decoded)
                return reply.send(errors::validation(QStringLiteral("Invalid input"), true));
            bytes = *decoded;
        } else {
            bytes = text.toUtf8();
        }
        Ask ask{ApprovalKind::Sign, true, printable(bytes),
                QStringLiteral("message, %1 bytes").arg(bytes.size()),
                access::contentDigest({"message", bytes})};
        return authorized(state, request, reply, {QStringLiteral("sign")}, ask, AuditOperation::Sign,
                          [&state, text, bytes](const QString& host, const Reply& r) {
                              const auto signedMsg = state.services.wallet->signMessage(host, bytes);
                              if (!signedMsg)
                                  return r.send(errors::failed(500, signedMsg.error()));
                              support::recordHostKey(state, host, signedMsg->address);
                              JsonWriter body;
                              body.add(u"address", signedMsg->address)
                                  .add(u"message", text)
                                  .add(u"sig", signedMsg->signature)
                                  .add(u"ts", state.clock().nowMs());
                              r.send(ApiResponse::json(200, body.toJson()));
                          });
    }

    // Auth-token mode (§5.3): bitcoin-auth token over path|timestamp|bodyHash.
    const QString requestPath = path.toString();
    const QJsonValue bodyValue = json.value(QStringLiteral("body"));
    const QJsonValue typeValue = json.value(QStringLiteral("signatureType"));
    if ((!bodyValue.isUndefined() && !bodyValue.isString()) ||
        (!typeValue.isUndefined() && !typeValue.isString()))
        return reply.send(errors::validation(QStringLiteral("Invalid input"), true));
    const QString type = typeValue.toString(QStringLiteral("brc77"));
    if (type != QLatin1String("brc77") && type != QLatin1String("bsm"))
        return reply.send(errors::validation(QStringLiteral("Invalid input"), true));
    wallet::BitcoinAuth::Request authRequest;
    authRequest.requestPath = requestPath;
    authRequest.body = bodyValue.toString().toUtf8();
    const QString bodyHash =
        authRequest.body.isEmpty()
            ? QString()
            : QString::fromLatin1(
                  QCryptographicHash::hash(authRequest.body, QCryptographicHash::Sha256).toHex());
    Ask ask{ApprovalKind::Sign, true,
            QStringLiteral("Sign in request for %1\nbody hash: %2").arg(requestPath, bodyHash),
            QStringLiteral("bitcoin-auth token for %1").arg(requestPath.left(120)),
            access::contentDigest({"path", requestPath.toUtf8(), authRequest.body, type.toUtf8()})};
    authorized(state, request, reply, {QStringLiteral("sign")}, ask, AuditOperation::Sign,
               [&state, authRequest, type](const QString& host, const Reply& r) {
                   wallet::BitcoinAuth::CreateOptions options;
                   options.scheme = type == QLatin1String("bsm") ? wallet::BitcoinAuth::Scheme::Bsm
                                                                 : wallet::BitcoinAuth::Scheme::Brc77;
                   options.timestamp = wallet::BitcoinAuth::isoTimestamp(state.clock().nowMs());
                   const auto token = state.services.wallet->signAuthToken(host, authRequest, options);
                   if (!token)
                       return r.send(
                           errors::failed(500, QLatin1String(errors::kFailedAuthToken) + token.error()));
                   support::recordHostKey(state, host);
                   JsonWriter body;
                   body.add(u"token", *token).add(u"success", true);
                   r.send(ApiResponse::json(200, body.toJson()));
               });
}

// §2.10
void CryptoRoutes::signAip(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    if (lockedReply(state, reply))
        return;
    const QJsonValue data = request.json.value(QStringLiteral("data"));
    if (!data.isArray()) // zod's type message comes before the custom one (§1.6)
        return reply.send(errors::validation(Validation::expected(QStringLiteral("array"), data), true));
    QStringList items;
    bool valid = data.isArray() && !data.toArray().isEmpty();
    QByteArray joined;
    for (const QJsonValue& item : data.toArray()) {
        const auto bytes = item.isString() ? crypto::fromHex(item.toString()) : std::nullopt;
        if (!bytes) {
            valid = false;
            break;
        }
        items.append(item.toString());
        joined += *bytes;
    }
    if (!valid)
        return reply.send(
            errors::validation(QStringLiteral("data must be a non-empty array of hex strings"), true));
    Ask ask{ApprovalKind::Sign, true, QStringLiteral("AIP signature over %1 bytes").arg(joined.size()),
            QStringLiteral("AIP, %1 items").arg(items.size()), access::contentDigest({"aip", joined})};
    authorized(
        state, request, reply, {}, ask, AuditOperation::Sign,
        [&state, items](const QString& host, const Reply& r) {
            const auto signedAip = state.services.wallet->signAip(host, items);
            if (!signedAip)
                return r.send(errors::failed(500, QLatin1String(errors::kFailedSignAip) + signedAip.error()));
            support::recordHostKey(state, host);
            JsonWriter body;
            body.add(u"signedOps",
                     QJsonArray{QStringLiteral("BITCOIN_ECDSA"), signedAip->address, signedAip->signature})
                .add(u"success", true);
            r.send(ApiResponse::json(200, body.toJson()));
        });
}

// §2.11
void CryptoRoutes::encrypt(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    if (lockedReply(state, reply))
        return;
    const QJsonObject& json = request.json;
    const QString data = json.value(QStringLiteral("data")).toString();
    const QString friendBapId = json.value(QStringLiteral("friendBapId")).toString();
    const QString theirKey = json.value(QStringLiteral("theirPublicKey")).toString();
    const bool friendMode = !data.isEmpty() && (!friendBapId.isEmpty() || !theirKey.isEmpty());
    QString text = data;
    if (!friendMode) {
        const QJsonValue message = json.value(QStringLiteral("message"));
        text = message.isString() ? message.toString() : data;
        if (!message.isString() && !json.value(QStringLiteral("data")).isString())
            return reply.send(errors::validation(QStringLiteral("Invalid input"), true));
    }
    if (friendMode && !theirKey.isEmpty() && !Validation::isHex(theirKey))
        return reply.send(errors::validation(QStringLiteral("Must be a valid hex string"), true));
    const QByteArray plain = text.toUtf8();
    Ask ask{ApprovalKind::Encrypt, true, printable(plain), QStringLiteral("%1 bytes").arg(plain.size()),
            access::contentDigest({"encrypt", plain, friendBapId.toUtf8(), theirKey.toUtf8()})};
    authorized(state, request, reply, {QStringLiteral("encrypt")}, ask, AuditOperation::Encrypt,
               [&state, friendMode, friendBapId, theirKey, plain](const QString& host, const Reply& r) {
                   JsonWriter body;
                   if (friendMode) {
                       const auto c = state.services.wallet->encryptToFriend(friendBapId, theirKey, plain);
                       if (!c)
                           return r.send(
                               errors::failed(500, QLatin1String(errors::kFailedEncrypt) + c.error()));
                       body.add(u"ciphertext", crypto::toHex(*c)).add(u"success", true);
                   } else {
                       const auto c = state.services.wallet->encryptToHost(host, plain);
                       const auto key = state.services.wallet->hostKey(host);
                       if (!c || !key)
                           return r.send(errors::failed(500, QLatin1String(errors::kFailedEncrypt) +
                                                                 (c ? key.error() : c.error())));
                       (void)state.hostKeys->upsert({host, key->invoice, key->publicKey, key->address});
                       body.add(u"address", key->address)
                           .add(u"data", crypto::toHex(*c))
                           .add(u"ts", state.clock().nowMs());
                   }
                   r.send(ApiResponse::json(200, body.toJson()));
               });
}

// §2.12
void CryptoRoutes::decrypt(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    if (lockedReply(state, reply))
        return;
    Validation v(request.json);
    const QString ciphertext =
        v.requiredString(QStringLiteral("ciphertext"), QStringLiteral("Ciphertext is required"));
    if (v.ok() && !Validation::isHex(ciphertext))
        v.fail(QStringLiteral("Must be a valid hex string"));
    const QString friendBapId = v.optionalString(QStringLiteral("friendBapId")).value_or(QString());
    const QString theirKey = v.optionalString(QStringLiteral("theirPublicKey")).value_or(QString());
    if (v.ok() && !theirKey.isEmpty() && !Validation::isHex(theirKey))
        v.fail(QStringLiteral("Must be a valid hex string"));
    if (v.ok() && friendBapId.isEmpty() && theirKey.isEmpty())
        v.fail(QStringLiteral("Either friendBapId or theirPublicKey is required"));
    if (!v.ok())
        return reply.send(errors::validation(v.error(), true));
    const QByteArray bytes = crypto::fromHex(ciphertext).value_or(QByteArray());
    Ask ask{ApprovalKind::Decrypt, true, QStringLiteral("%1 bytes of ciphertext").arg(bytes.size()),
            QStringLiteral("%1 bytes").arg(bytes.size()),
            access::contentDigest({"decrypt", bytes, friendBapId.toUtf8(), theirKey.toUtf8()})};
    authorized(state, request, reply, {QStringLiteral("decrypt")}, ask, AuditOperation::Decrypt,
               [&state, friendBapId, theirKey, bytes](const QString&, const Reply& r) {
                   const auto plain = state.services.wallet->decryptFromFriend(friendBapId, theirKey, bytes);
                   if (!plain)
                       return r.send(
                           errors::failed(500, QLatin1String(errors::kFailedDecrypt) + plain.error()));
                   JsonWriter body;
                   body.add(u"data", QString::fromUtf8(plain->view())).add(u"success", true);
                   r.send(ApiResponse::json(200, body.toJson()));
               });
}

// §2.13
void CryptoRoutes::friendPubkey(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    if (lockedReply(state, reply))
        return;
    Validation v(request.json);
    const QString friendBapId =
        v.requiredString(QStringLiteral("friendBapId"), QStringLiteral("friendBapId is required"));
    if (!v.ok())
        return reply.send(errors::validation(v.error(), true));
    Ask ask{ApprovalKind::Sign, false, {}, {}, {}};
    authorized(state, request, reply, {}, ask, AuditOperation::FriendPubkey,
               [&state, friendBapId](const QString&, const Reply& r) {
                   const auto key = state.services.wallet->friendPublicKey(friendBapId);
                   if (!key)
                       return r.send(
                           errors::failed(500, QLatin1String(errors::kFailedFriendKey) + key.error()));
                   JsonWriter body;
                   body.add(u"publicKey", *key).add(u"success", true);
                   r.send(ApiResponse::json(200, body.toJson()));
               });
}

} // namespace tokenpass::server
