#include "ApiErrors.h"
#include "ApprovalWaiter.h"
#include "McpRoutes.h"
#include "ServerState.h"
#include "TransactionRoutes.h"
#include "crypto/Bsm.h"
#include "crypto/Ecies.h"
#include "crypto/Encoding.h"
#include "crypto/Keys.h"
#include "mcp/McpTools.h"
#include "wallet/Wallet.h"

#include <QCryptographicHash>
#include <QJsonDocument>

// The MCP tools (issue 18 §2). Every tool speaks as the identity chosen at consent (the token's
// pubkey claim), and every use of its key goes through the Gatekeeper with the grant host of the
// client ("oauth:<client_id>", as /oauth/authorize keeps it): its policy, the 15-minute allowance,
// the approval dialog and the audit log, as for a website.

namespace tokenpass::server::McpToolCalls {

namespace {

using access::ApprovalKind;
using access::ApprovalOutcome;

const QString& lockedMessage()
{
    static const QString m = QStringLiteral("TokenPass is locked: unlock it from the tray");
    return m;
}

QString grantHost(const McpCaller& caller)
{
    return QStringLiteral("oauth:") + caller.clientId;
}

std::optional<QByteArray> decode(const QString& text, const QString& encoding)
{
    if (encoding == QLatin1String("hex"))
        return crypto::fromHex(text);
    if (encoding == QLatin1String("base64"))
        return crypto::fromBase64(text);
    return text.toUtf8();
}

QString printable(const QByteArray& bytes)
{
    const QString text = QString::fromUtf8(bytes);
    for (const QChar c : text)
        if (c == QChar::ReplacementCharacter ||
            (c.category() == QChar::Other_Control && c != QLatin1Char('\n')))
            return QStringLiteral("hex: ") + QString::fromLatin1(bytes.toHex());
    return text;
}

// Runs `use` with the identity's key, after checking it is still the key the token names.
using KeyUse = std::function<Result<QJsonObject>(const crypto::PrivateKey& key)>;
Result<QJsonObject> withCallerKey(ServerState& state, const McpCaller& caller, const KeyUse& use)
{
    std::optional<Result<QJsonObject>> out;
    if (caller.bapId.isEmpty()) {
        // A private identity (OAUTH.md "Decided"): the key of "oauth:<client_id>", this client's
        // or, continued by a client that registered again, an earlier one's.
        QStringList hosts{grantHost(caller)};
        if (const auto consents = state.gatekeeper->oauthConsents())
            for (const access::PrivateIdentity& id : consents->privateIdentities())
                hosts.append(access::oauthHostPrefix() + id.clientId);
        for (const QString& host : std::as_const(hosts)) {
            // The public key from the wallet's cache first: no private key is lent to the wrong host.
            const auto info = state.services.wallet->hostKey(host);
            if (!info || info->publicKey != caller.pubkey)
                continue;
            (void)state.services.wallet->withSiteKey(host, [&](const crypto::PrivateKey& key) {
                out = use(key);
                return Result<bool>::ok(true);
            });
            if (out)
                return *out;
        }
    }
    const auto lent = state.services.wallet->withIdentityKey(caller.bapId, [&](const auto& identity) {
        if (identity.publicKey.toHex() != caller.pubkey)
            return Result<bool>::fail(
                QStringLiteral("The identity this agent was approved for is not in this "
                               "wallet any more: approve the agent again"));
        out = use(identity.key);
        return Result<bool>::ok(true);
    });
    if (!lent)
        return Result<QJsonObject>::failFrom(lent);
    return *out;
}

// The question for the Gatekeeper, and what the dialog and the audit log say about it.
struct Ask
{
    ApprovalKind kind = ApprovalKind::Sign;
    QString summary;
    QString auditDetail; // a description, never the payload
    QByteArray digest;
};

// Gatekeeper first (allowed, denied, or ask the person), then the key.
void authorized(ServerState& state, const McpCaller& caller, const QString& tool, const Ask& ask,
                const Reply& reply, const Done& done, const KeyUse& use)
{
    const QString host = grantHost(caller);
    const QString detail = tool + QStringLiteral(": ") + ask.auditDetail;
    const auto run = [&state, caller, detail, host, use, done](AuditResult decision) {
        if (!state.services.wallet->isUnlocked())
            return done(mcp::toolError(lockedMessage()));
        const auto result = withCallerKey(state, caller, use);
        state.record(host, AuditOperation::McpTool, result ? decision : AuditResult::Failed, detail);
        if (!result)
            return done(
                mcp::toolError(result.failure() == Failure::WalletLocked ? lockedMessage() : result.error()));
        state.noteSignature(host, detail);
        done(mcp::toolResult(*result));
    };
    access::Operation op;
    op.kind = ask.kind;
    op.host = host;
    // The dialog names the agent by its registered name, which nobody has verified.
    op.summary = QStringLiteral("AI agent \"%1\" (name not verified), as %2:\n%3")
                     .arg(caller.clientName.left(80), caller.address, ask.summary);
    op.digest = ask.digest;
    switch (state.gatekeeper->check(op).verdict) {
    case access::Verdict::Allowed:
        return run(AuditResult::Allowed);
    case access::Verdict::Denied:
    case access::Verdict::CheckPassword:      // transactions only
    case access::Verdict::CoveredByAllowance: // transactions only (sign_transaction has its own path)
        state.record(host, AuditOperation::McpTool, AuditResult::Denied, detail);
        return done(
            mcp::toolError(QStringLiteral("Rejected in TokenPass: nobody can approve it here (headless "
                                          "TokenPass asks every time for this agent)")));
    case access::Verdict::Ask:
        break;
    }
    const auto decided = [&state, host, detail, run, done](ApprovalOutcome outcome, const Reply& r) {
        if (outcome != ApprovalOutcome::Approved) {
            state.record(host, AuditOperation::McpTool,
                         outcome == ApprovalOutcome::TimedOut ? AuditResult::Timeout : AuditResult::Rejected,
                         detail);
            return done(mcp::toolError(QStringLiteral("Rejected in TokenPass")));
        }
        if (r.connected())
            run(AuditResult::Approved);
    };
    // The MCP client waits for the answer (the dialog times out to a denial); nothing to say meanwhile.
    state.waiter->ask(op, reply, decided, [](const Reply&) {});
}

QJsonObject identityResult(ServerState& state, const McpCaller& caller)
{
    QJsonValue name = QJsonValue::Null;
    if (const auto ids = state.services.wallet->identities())
        for (const auto& id : *ids)
            if (id.identityKey == caller.bapId && !id.name.isEmpty())
                name = id.name;
    return QJsonObject{
        {QStringLiteral("pubkey"), caller.pubkey},
        {QStringLiteral("address"), caller.address},
        {QStringLiteral("bap_id"), caller.bapId.isEmpty() ? QJsonValue() : QJsonValue(caller.bapId)},
        {QStringLiteral("name"), name}};
}

// ECIES as /api/encrypt and /api/decrypt do it (friend mode), and, without a counterpart, to and
// from the identity's own key.
KeyUse encryptUse(ServerState& state, const QJsonObject& args)
{
    const QByteArray plain = args.value(QStringLiteral("data")).toString().toUtf8();
    const QString theirs = args.value(QStringLiteral("their_pubkey")).toString();
    const QString friendBapId = args.value(QStringLiteral("friend_bap_id")).toString();
    return [&state, plain, theirs, friendBapId](const crypto::PrivateKey& key) {
        const auto c = theirs.isEmpty() && friendBapId.isEmpty()
                           ? crypto::Ecies::electrumEncrypt(plain, key.publicKey())
                           : state.services.wallet->encryptToFriend(friendBapId, theirs, plain);
        if (!c)
            return Result<QJsonObject>::fail(QStringLiteral("Could not encrypt: ") + c.error());
        return Result<QJsonObject>::ok({{QStringLiteral("ciphertext"), crypto::toHex(*c)}});
    };
}

KeyUse decryptUse(ServerState& state, const QByteArray& bytes, const QJsonObject& args)
{
    const QString theirs = args.value(QStringLiteral("their_pubkey")).toString();
    const QString friendBapId = args.value(QStringLiteral("friend_bap_id")).toString();
    return [&state, bytes, theirs, friendBapId](const crypto::PrivateKey& key) {
        const auto p = theirs.isEmpty() && friendBapId.isEmpty()
                           ? crypto::Ecies::electrumDecrypt(bytes, key)
                           : state.services.wallet->decryptFromFriend(friendBapId, theirs, bytes);
        if (!p)
            return Result<QJsonObject>::fail(QStringLiteral("Could not decrypt: ") + p.error());
        return Result<QJsonObject>::ok({{QStringLiteral("data"), QString::fromUtf8(p->view())}});
    };
}

// sign_transaction: POST /api/sign/transaction's own code after its token check, for this
// agent's key (grant host "oauth:<client_id>"), always through the transaction approval. Its HTTP
// answer becomes the tool's result.
void signTransaction(ServerState& state, const McpCaller& caller, const QJsonObject& args, const Done& done)
{
    // Headless TokenPass has nobody to show the transaction to, and an MCP call carries no
    // password (the schema has none). Hook for the spending allowance (issue 17): once the
    // Gatekeeper can allow a transaction that an allowance covers, drop this probe and let
    // signFor's verdict decide, answering its "password required" refusal with this message.
    access::Operation probe;
    probe.kind = ApprovalKind::Transaction;
    probe.host = grantHost(caller);
    if (state.gatekeeper->check(probe).verdict == access::Verdict::Denied) {
        state.record(probe.host, AuditOperation::McpTool, AuditResult::Denied,
                     QStringLiteral("sign_transaction"));
        return done(mcp::toolError(QStringLiteral(
            "Rejected in TokenPass: sign_transaction needs the person to approve each transaction in the "
            "TokenPass window, and this TokenPass runs headless")));
    }
    ApiRequest inner;
    inner.method = QByteArrayLiteral("POST");
    inner.path = QStringLiteral("/api/sign/transaction");
    inner.json = args;
    const Reply answer(Responder([done](int status, const HeaderList&, const QByteArray& body) {
                           const QJsonObject o = QJsonDocument::fromJson(body).object();
                           if (status == 200)
                               return done(mcp::toolResult(o));
                           if (status == 403)
                               return done(mcp::toolError(QStringLiteral("Rejected in TokenPass")));
                           QString error = o.value(QStringLiteral("error")).toString();
                           if (error == errors::message(ApiError::LockedPleaseLogin))
                               return done(mcp::toolError(lockedMessage()));
                           if (o.contains(QStringLiteral("reason")))
                               error +=
                                   QStringLiteral(" (%1)").arg(o.value(QStringLiteral("reason")).toString());
                           done(mcp::toolError(error));
                       }),
                       {});
    TransactionRoutes::signFor(state, probe.host, inner, answer);
}

} // namespace

void call(ServerState& state, const McpCaller& caller, const QString& tool, const QJsonObject& args,
          const Reply& reply, Done done)
{
    if (tool == QLatin1String("wallet_status")) {
        const auto s = state.services.wallet->state();
        return done(mcp::toolResult({{QStringLiteral("has_wallet"), s != wallet::WalletState::NoWallet},
                                     {QStringLiteral("unlocked"), s == wallet::WalletState::Unlocked}}));
    }
    if (siteTool(state, caller, tool, args, done)) // no key needed: works while locked too
        return;
    if (!state.services.wallet->isUnlocked())
        return done(mcp::toolError(lockedMessage()));
    if (tool == QLatin1String("get_identity"))
        return done(mcp::toolResult(identityResult(state, caller)));

    if (tool == QLatin1String("sign_message")) {
        const auto bytes = decode(args.value(QStringLiteral("message")).toString(),
                                  args.value(QStringLiteral("encoding")).toString());
        if (!bytes)
            return done(mcp::toolError(QStringLiteral("message is not valid for its encoding")));
        const Ask ask{ApprovalKind::Sign, printable(*bytes),
                      QStringLiteral("message, %1 bytes").arg(bytes->size()),
                      access::contentDigest({"mcp message", *bytes})};
        return authorized(state, caller, tool, ask, reply, done,
                          // The key is the caller's (withCallerKey checked its public key).
                          [message = *bytes, address = caller.address,
                           pubkey = caller.pubkey](const crypto::PrivateKey& key) {
                              return Result<QJsonObject>::ok(
                                  {{QStringLiteral("signature"), crypto::Bsm::sign(message, key)},
                                   {QStringLiteral("address"), address},
                                   {QStringLiteral("pubkey"), pubkey}});
                          });
    }
    if (tool == QLatin1String("create_auth_token")) {
        wallet::BitcoinAuth::Request request;
        request.requestPath = args.value(QStringLiteral("request_path")).toString();
        const QString encoding = args.value(QStringLiteral("body_encoding")).toString();
        // bitcoin-auth hashes the decoded bytes; the token carries the body as given.
        const auto body = decode(args.value(QStringLiteral("body")).toString(), encoding);
        if (!body)
            return done(mcp::toolError(QStringLiteral("body is not valid for its body_encoding")));
        request.body = args.value(QStringLiteral("body")).toString().toUtf8();
        request.bodyEncoding = encoding == QLatin1String("hex") ? wallet::BitcoinAuth::BodyEncoding::Hex
                               : encoding == QLatin1String("base64")
                                   ? wallet::BitcoinAuth::BodyEncoding::Base64
                                   : wallet::BitcoinAuth::BodyEncoding::Utf8;
        const bool bsm = args.value(QStringLiteral("scheme")).toString() == QLatin1String("bsm");
        const QString bodyHash =
            body->isEmpty()
                ? QString()
                : QString::fromLatin1(QCryptographicHash::hash(*body, QCryptographicHash::Sha256).toHex());
        const Ask ask{
            ApprovalKind::Sign,
            QStringLiteral("Sign in request for %1\nbody hash: %2").arg(request.requestPath, bodyHash),
            QStringLiteral("bitcoin-auth token for %1").arg(request.requestPath.left(120)),
            access::contentDigest(
                {"mcp auth", request.requestPath.toUtf8(), request.body, bsm ? "bsm" : "brc77"})};
        return authorized(
            state, caller, tool, ask, reply, done, [&state, request, bsm](const crypto::PrivateKey& key) {
                wallet::BitcoinAuth::CreateOptions options;
                options.scheme = bsm ? wallet::BitcoinAuth::Scheme::Bsm : wallet::BitcoinAuth::Scheme::Brc77;
                options.timestamp = wallet::BitcoinAuth::isoTimestamp(state.clock().nowMs());
                const auto token = wallet::BitcoinAuth::createToken(key, request, options);
                if (!token)
                    return Result<QJsonObject>::fail(QStringLiteral("Could not create the token: ") +
                                                     token.error());
                return Result<QJsonObject>::ok({{QStringLiteral("token"), *token}});
            });
    }
    if (tool == QLatin1String("encrypt")) {
        const QByteArray plain = args.value(QStringLiteral("data")).toString().toUtf8();
        const Ask ask{
            ApprovalKind::Encrypt, printable(plain), QStringLiteral("%1 bytes").arg(plain.size()),
            access::contentDigest({"mcp encrypt", plain,
                                   args.value(QStringLiteral("their_pubkey")).toString().toUtf8(),
                                   args.value(QStringLiteral("friend_bap_id")).toString().toUtf8()})};
        return authorized(state, caller, tool, ask, reply, done, encryptUse(state, args));
    }
    if (tool == QLatin1String("decrypt")) {
        const auto bytes = crypto::fromHex(args.value(QStringLiteral("ciphertext")).toString());
        if (!bytes)
            return done(mcp::toolError(QStringLiteral("ciphertext must be hex")));
        const Ask ask{
            ApprovalKind::Decrypt, QStringLiteral("%1 bytes of ciphertext").arg(bytes->size()),
            QStringLiteral("%1 bytes").arg(bytes->size()),
            access::contentDigest({"mcp decrypt", *bytes,
                                   args.value(QStringLiteral("their_pubkey")).toString().toUtf8(),
                                   args.value(QStringLiteral("friend_bap_id")).toString().toUtf8()})};
        return authorized(state, caller, tool, ask, reply, done, decryptUse(state, *bytes, args));
    }
    if (tool == QLatin1String("sign_transaction"))
        return signTransaction(state, caller, args, done);
    done(mcp::toolError(QStringLiteral("Unknown tool: %1").arg(tool.left(64))));
}

} // namespace tokenpass::server::McpToolCalls
