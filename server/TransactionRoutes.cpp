#include "TransactionRoutes.h"

#include "ApprovalWaiter.h"
#include "JsonWriter.h"
#include "RouteSupport.h"
#include "TransactionRequest.h"
#include "crypto/Encoding.h"
#include "crypto/Keys.h"
#include "tx/AllowanceFacts.h"
#include "tx/Signer.h"
#include "tx/TransactionView.h"
#include "wallet/Wallet.h"

#include <QCryptographicHash>

namespace tokenpass::server {

namespace {

using access::ApprovalOutcome;
using tx::TransactionViewPtr;

// TX.md §0: {"success":false,"error":"<sentence>","reason":"<CODE>"}.
ApiResponse refusalResponse(const tx::Refusal& refusal)
{
    JsonWriter body;
    body.add(u"success", false).add(u"error", refusal.sentence).add(u"reason", tx::toString(refusal.code));
    return ApiResponse::json(400, body.toJson());
}

ApiResponse plainFailure(int status, const QString& sentence)
{
    JsonWriter body;
    body.add(u"success", false).add(u"error", sentence);
    return ApiResponse::json(status, body.toJson());
}

// Signed: the txid that goes on chain. Not signed: the txid of the unsigned bytes, said so.
QString auditDetail(const tx::TransactionView& view, const QString& signedTxid = QString())
{
    return QStringLiteral("%1 %2, you spend %3 sat, fee %4 sat")
        .arg(signedTxid.isEmpty() ? QStringLiteral("unsigned txid") : QStringLiteral("txid"),
             signedTxid.isEmpty() ? view.plan.tx().txid() : signedTxid)
        .arg(view.totals.walletNetSpend)
        .arg(view.totals.fee);
}

QJsonValue number(std::int64_t v)
{
    return QJsonValue(double(v)); // amounts are at most 21e14, exact in a double
}

ApiResponse signedResponse(const tx::SignedTransaction& done, const tx::TransactionView& view)
{
    QList<JsonWriter> signedInputs;
    for (const tx::InputSignature& s : done.signatures) {
        JsonWriter item;
        item.add(u"inputIndex", number(s.inputIndex))
            .add(u"address", s.address)
            .add(u"publicKey", s.publicKeyHex)
            .add(u"sighash", number(s.sighash))
            .add(u"signature", QString::fromLatin1(s.signature.toHex()));
        signedInputs.append(item);
    }
    QList<JsonWriter> untouched;
    for (const tx::UntouchedInput& u : view.plan.untouched) {
        JsonWriter item;
        item.add(u"inputIndex", number(u.inputIndex)).add(u"reason", u.reason);
        untouched.append(item);
    }
    JsonWriter body;
    body.add(u"success", true)
        .add(u"txid", done.txid)
        .add(u"rawtx", QString::fromLatin1(done.raw.toHex()))
        .add(u"ef", QString::fromLatin1(done.ef.toHex()));
    if (done.beef)
        body.add(u"beef", QString::fromLatin1(done.beef->toHex()));
    body.add(u"complete", done.complete)
        .add(u"signedInputs", signedInputs)
        .add(u"untouchedInputs", untouched)
        .add(u"fee", number(view.totals.fee));
    return ApiResponse::json(200, body.toJson());
}

// Signs exactly the plan that was shown, remembers its amounts, writes the audit entry, answers.
// `covered`: the Gatekeeper's CoveredByAllowance check, whose held amount is spent once the
// signature exists (and given back when the check goes, if signing failed).
void signShown(ServerState& state, const QString& host, const TransactionViewPtr& view, AuditResult decision,
               const Reply& reply, const access::Check* covered = nullptr)
{
    std::optional<tx::SignedTransaction> done;
    const auto lent = state.services.wallet->withSiteKey(host, [&](const crypto::PrivateKey& key) {
        auto result = tx::sign(view->plan, {&key});
        if (!result)
            return Result<bool>::fail(result.error());
        done = std::move(result.value());
        return Result<bool>::ok(true);
    });
    if (!lent || !done) {
        state.record(host, AuditOperation::Transaction, AuditResult::Failed, auditDetail(*view));
        if (!state.services.wallet->isUnlocked())
            return reply.send(errors::response(ApiError::LockedPleaseLogin));
        return reply.send(
            plainFailure(500, QStringLiteral("Failed to sign the transaction: ") + lent.error()));
    }
    QList<store::OutpointMemory::Entry> signedOutpoints;
    for (const tx::PlannedInput& input : view->plan.sign) {
        const tx::TxInput& in = view->plan.tx().inputs.at(input.inputIndex);
        signedOutpoints.append({in.prevout.txid, in.prevout.vout, in.source->satoshis});
    }
    if (const auto remembered = state.outpoints->remember(signedOutpoints); !remembered)
        qWarning("tokenpass: signed outpoints wait in memory: %s", qPrintable(remembered.error()));
    QString detail = auditDetail(*view, done->txid);
    if (covered) {
        // The allowance's own notice (Gatekeeper::allowanceSpent) tells the person.
        const std::uint64_t left = state.gatekeeper->settleAllowance(*covered, done->txid);
        detail += QStringLiteral(", within the spending allowance, %1 sat left today").arg(left);
        state.record(host, AuditOperation::Transaction, decision, detail);
    } else {
        state.record(host, AuditOperation::Transaction, decision, detail);
        state.noteSignature(host, detail);
    }
    support::recordHostKey(state, host,
                           done->signatures.isEmpty() ? QString() : done->signatures.first().address);
    reply.send(signedResponse(*done, *view));
}

// Headless: the wallet password in the body approves this one transaction. Only wrong passwords
// count towards the unlock back-off, so a script with the right password is never slowed down.
void approveByPassword(ServerState& state, const ApiRequest& request, access::Operation op,
                       const TransactionViewPtr& view, const Reply& reply)
{
    const auto password = support::secretField(request, "password");
    if (!password || password->size() == 0) {
        state.record(op.host, AuditOperation::Transaction, AuditResult::Denied, auditDetail(*view));
        return reply.send(errors::response(ApiError::InvalidPasswordWithSuccess));
    }
    if (auto wait = support::backoffResponse(state, ApiError::TooManyAuth))
        return reply.send(*wait);
    auto* walletPtr = state.services.wallet;
    support::offThread(
        state, [walletPtr, password] { return walletPtr->checkPassword(*password); },
        [&state, op, view, reply](bool right) mutable {
            if (!right) {
                if (state.backoff)
                    (void)state.backoff->recordFailure();
                state.record(op.host, AuditOperation::Transaction, AuditResult::Denied,
                             auditDetail(*view) + QStringLiteral(", wrong password"));
                return reply.send(errors::response(ApiError::InvalidPasswordWithSuccess));
            }
            if (state.backoff && state.backoff->failureCount() > 0)
                (void)state.backoff->recordSuccess();
            op.passwordVerified = true;
            if (state.gatekeeper->check(op).verdict != access::Verdict::Allowed)
                return reply.send(errors::response(ApiError::DeniedByUser));
            signShown(state, op.host, view, AuditResult::Approved, reply);
        });
}

} // namespace

void TransactionRoutes::sign(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    if (!state.services.wallet->isUnlocked())
        return reply.send(errors::response(ApiError::LockedPleaseLogin));
    const access::TokenCheck check = state.tokens->validate(
        QString::fromUtf8(request.header("authorization")), {QStringLiteral("transfer")}, request.origin);
    if (auto failure = support::tokenFailure(check))
        return reply.send(*failure);
    signFor(state, support::tokenHost(check), request, reply);
}

void TransactionRoutes::signFor(ServerState& state, const QString& host, const ApiRequest& request,
                                const Reply& reply)
{
    const auto refused = [&state, &host, &reply](const tx::Refusal& refusal) {
        state.record(host, AuditOperation::Transaction, AuditResult::Denied,
                     QStringLiteral("refused: %1").arg(tx::toString(refusal.code)));
        reply.send(refusalResponse(refusal));
    };

    auto body = TransactionRequest::read(request.json);
    if (!body)
        return refused(body.refusal());
    // The site's own key, and only it (TX.md §0).
    const auto siteKey = state.services.wallet->hostKey(host);
    const auto publicKey = siteKey ? crypto::PublicKey::fromHex(siteKey->publicKey)
                                   : Result<crypto::PublicKey>::fail(siteKey.error());
    if (!publicKey)
        return reply.send(
            plainFailure(500, QStringLiteral("Failed to sign the transaction: ") + publicKey.error()));
    const tx::OwnedKeys keys({*publicKey});

    auto parsed = tx::parseHex(body->txHex, body->format, body->claims);
    if (!parsed)
        return refused(parsed.refusal());
    tx::Policy policy;
    store::OutpointMemory* memory = state.outpoints.get();
    policy.rememberedAmount = [memory](const tx::Outpoint& o) { return memory->amount(o.txid, o.vout); };
    auto plan = tx::checkSafety(std::move(parsed.value()), keys, body->choices, policy);
    if (!plan)
        return refused(plan.refusal());
    const TransactionViewPtr view = tx::makeTransactionView(std::move(plan.value()), keys, body->description);

    access::Operation op;
    op.kind = access::ApprovalKind::Transaction;
    op.host = host;
    op.origin = request.origin;
    op.summary = view->summary();
    op.digest = view->digest();
    op.details.insert(QLatin1String(tx::kTransactionDetail), QVariant::fromValue(view));
    op.passwordGiven = body->passwordGiven;
    op.spend = tx::allowanceFacts(*view, policy.rememberedAmount);

    const access::Check verdict = state.gatekeeper->check(op);
    switch (verdict.verdict) {
    case access::Verdict::Allowed: // a banked approval of this very transaction
        return signShown(state, host, view, AuditResult::Approved, reply);
    case access::Verdict::CheckPassword:
        return approveByPassword(state, request, op, view, reply);
    case access::Verdict::CoveredByAllowance: // no dialog, no password: the allowance holds it
        return signShown(state, host, view, AuditResult::Allowed, reply, &verdict);
    case access::Verdict::Denied:
        state.record(host, AuditOperation::Transaction, AuditResult::Denied, auditDetail(*view));
        if (verdict.reason == access::DenyReason::PasswordNotAccepted)
            return reply.send(
                plainFailure(400, QStringLiteral("Do not send the wallet password: TokenPass shows "
                                                 "the transaction to the person, who approves it.")));
        if (verdict.reason == access::DenyReason::PasswordRequired)
            return reply.send(
                plainFailure(400, QStringLiteral("TokenPass runs headless: send the wallet password "
                                                 "in \"password\" to approve this transaction.")));
        return reply.send(errors::response(ApiError::DeniedByUser));
    case access::Verdict::Ask:
        break;
    }
    const auto decided = [&state, host, view](ApprovalOutcome outcome, const Reply& r) {
        if (outcome != ApprovalOutcome::Approved) {
            state.record(host, AuditOperation::Transaction,
                         outcome == ApprovalOutcome::TimedOut ? AuditResult::Timeout : AuditResult::Rejected,
                         auditDetail(*view));
            return r.send(errors::response(ApiError::DeniedByUser)); // a timeout is a rejection
        }
        if (!r.connected())
            return; // the client was told to wait; its identical retry gets the banked approval
        if (!state.services.wallet->isUnlocked())
            return r.send(errors::response(ApiError::LockedPleaseLogin));
        signShown(state, host, view, AuditResult::Approved, r);
    };
    state.waiter->ask(op, reply, decided,
                      [](const Reply& r) { r.send(errors::response(ApiError::WaitingForApproval)); });
}

} // namespace tokenpass::server
