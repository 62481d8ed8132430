#include "access/Gatekeeper.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaObject>
#include <QThread>

#include <algorithm>

namespace tokenpass::access {

namespace {

const QString kScopes = QStringLiteral("scopes");
const QString kNewScopes = QStringLiteral("newScopes");
const QString kExpiry = QStringLiteral("expiry");
const QString kIdentity = QStringLiteral("identity");
const QString kPolicy = QStringLiteral("policy");

// The scopes asked for that the grant does not hold: new ones, if the site is asked.
QStringList notIn(const Grant& grant, const QStringList& scopes)
{
    QStringList missing;
    for (const QString& scope : scopes) {
        if (!grant.scopes.contains(scope))
            missing.append(scope);
    }
    return missing;
}

// The Connect rule: a grant covers a request when it holds every scope asked for.
bool covers(const Grant& grant, const QStringList& scopes)
{
    return notIn(grant, scopes).isEmpty();
}

// A Connect is the same question when it asks for the same scopes, in any order.
QByteArray connectDigest(QStringList scopes)
{
    scopes.sort();
    return "connect:" + QJsonDocument(QJsonArray::fromStringList(scopes)).toJson(QJsonDocument::Compact);
}

} // namespace

Gatekeeper::Gatekeeper(std::shared_ptr<Grants> grants, ApprovalBroker* broker, const Clock& clock,
                       QObject* parent)
    : QObject(parent), m_grants(std::move(grants)), m_broker(broker), m_clock(clock)
{
    if (!m_broker)
        return;
    // onLock() posts to this object to reach the broker's thread.
    Q_ASSERT(m_broker->thread() == thread());
    m_broker->setStandingCheck([this](const ApprovalRequest& r) { return standingAnswerCovers(r); });
    m_broker->setAnswerHandler(
        [this](const ApprovalRequest& r, const ApprovalAnswer& a) { return recordAnswer(r, a); });
    connect(m_broker, &ApprovalBroker::approvalFinished, this, &Gatekeeper::approvalFinished);
}

Gatekeeper::~Gatekeeper()
{
    if (m_broker) {
        m_broker->setStandingCheck({});
        m_broker->setAnswerHandler({});
    }
}

Check Gatekeeper::check(const Operation& op)
{
    if (op.kind == ApprovalKind::Transaction)
        return checkTransaction(op);
    if (op.kind == ApprovalKind::Connect && isOAuthClientHost(op.host))
        return checkOAuthConsent(op); // GatekeeperOAuth.cpp
    Check result;
    const std::optional<Grant> grant = m_grants->find(op.host);
    if (op.kind == ApprovalKind::Connect) {
        if (grant && covers(*grant, op.scopes)) {
            result.verdict = Verdict::Allowed;
            result.scopes = op.scopes;
            return result;
        }
        // The person answered this very question after its client stopped waiting, and may have
        // unticked some scopes: the retry gets what they allowed, without asking twice.
        if (grant && takeBanked(op)) {
            result.verdict = Verdict::Allowed;
            result.scopes = grantedScopes(op);
            return result;
        }
    } else {
        // Without a grant (a token from before grants existed), or with policy "allow", the valid
        // token is enough (API.md decision 5).
        if (!grant || grant->policy == SigningPolicy::Allow) {
            result.verdict = Verdict::Allowed;
            return result;
        }
        bool allowed = false;
        {
            QMutexLocker lock(&m_mutex);
            allowed = allowedForAWhile(op.host);
        }
        if (allowed || takeBanked(op)) {
            result.verdict = Verdict::Allowed;
            return result;
        }
    }
    // DESIGN.md security rule 5: with nobody to ask (headless, no UI yet), deny.
    const ApprovalBroker* broker = m_broker.data();
    result.verdict = broker && broker->canAsk() ? Verdict::Ask : Verdict::Denied;
    return result;
}

Check Gatekeeper::checkTransaction(const Operation& op)
{
    Check result;
    const ApprovalBroker* broker = m_broker.data();
    if (!broker || broker->headless()) {
        // Nobody can be shown the transaction: the wallet password is the approval, for this one;
        // without one, only the site's spending allowance can cover it.
        if (!op.passwordGiven) {
            result.allowance = coveredByAllowance(op);
            if (result.allowance)
                result.verdict = Verdict::CoveredByAllowance;
            else
                result.reason = DenyReason::PasswordRequired;
        } else
            result.verdict = op.passwordVerified ? Verdict::Allowed : Verdict::CheckPassword;
        return result;
    }
    // The person sees every transaction. A password in the request is refused, so that no site
    // trains people to type their wallet password into it.
    if (op.passwordGiven) {
        result.reason = DenyReason::PasswordNotAccepted;
        return result;
    }
    // The person approved this very transaction after its client stopped waiting (one use).
    if (takeBanked(op)) {
        result.verdict = Verdict::Allowed;
        return result;
    }
    // The person set an allowance for this site: within it, a notice replaces the dialog.
    result.allowance = coveredByAllowance(op);
    if (result.allowance) {
        result.verdict = Verdict::CoveredByAllowance;
        return result;
    }
    result.verdict = broker->canAsk() ? Verdict::Ask : Verdict::Denied;
    return result;
}

// The allowance rule. Only a net spend the wallet can trust is counted: every signed input's
// amount proven by a BEEF parent or equal to the amount signed for that outpoint before (a
// caller could otherwise understate its inputs and hide a larger spend in the fee), and every
// signature committing to every output (with NONE or SINGLE the change could be dropped later).
// Anything else is asked, whatever is left. Holding the amount is atomic (SpendingAllowances).
std::shared_ptr<store::SpendingAllowances::Reservation>
Gatekeeper::coveredByAllowance(const Operation& op) const
{
    if (!m_allowances || !op.spend || !op.spend->amountsVerified || !op.spend->outputsCommitted)
        return nullptr;
    return m_allowances->reserve(op.host, std::uint64_t(std::max<std::int64_t>(op.spend->netSpend, 0)));
}

void Gatekeeper::setAllowances(std::shared_ptr<store::SpendingAllowances> allowances)
{
    m_allowances = std::move(allowances);
}

std::shared_ptr<store::SpendingAllowances> Gatekeeper::allowances() const
{
    return m_allowances;
}

std::uint64_t Gatekeeper::settleAllowance(const Check& check, const QString& txid)
{
    if (check.verdict != Verdict::CoveredByAllowance || !check.allowance)
        return 0;
    const std::uint64_t left = check.allowance->spend(txid);
    Q_EMIT allowanceSpent(check.allowance->host(), qint64(check.allowance->satoshis()), qint64(left));
    return left;
}

QByteArray contentDigest(std::initializer_list<QByteArray> parts)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const QByteArray& part : parts) {
        h.addData(QByteArray::number(part.size()));
        h.addData(QByteArrayView(":"));
        h.addData(part);
    }
    return h.result().toHex();
}

quint64 Gatekeeper::ask(const Operation& op)
{
    ApprovalBroker* broker = m_broker.data();
    if (!broker)
        return 0;
    return broker->submit(requestFor(op));
}

ApprovalRequest Gatekeeper::requestFor(const Operation& op) const
{
    ApprovalRequest request;
    request.host = op.host;
    request.origin = op.origin;
    request.kind = op.kind;
    request.createdMs = m_clock.nowMs();
    if (op.kind != ApprovalKind::Connect) {
        request.summary = op.summary;
        request.digest = op.digest;
        if (op.kind == ApprovalKind::Transaction)
            request.details = op.details; // what the transaction dialog shows
        return request;
    }
    request.summary =
        op.scopes.isEmpty() ? QStringLiteral("Authentication only") : op.scopes.join(QStringLiteral(", "));
    request.details = op.details;
    request.details.insert(kScopes, op.scopes);
    if (isOAuthClientHost(op.host))
        addOAuthDetails(request);
    if (const auto grant = m_grants->find(op.host)) {
        request.details.insert(kNewScopes, notIn(*grant, op.scopes));
        request.details.insert(kPolicy, int(grant->policy)); // keep what the person chose before
    }
    // Any retry of the same question joins the open dialog.
    request.digest = connectDigest(op.scopes);
    return request;
}

QStringList Gatekeeper::grantedScopes(const Operation& op) const
{
    const auto grant = m_grants->find(op.host);
    if (!grant)
        return {}; // the grant is gone (revoked, expired): nothing was allowed after all
    QStringList kept;
    for (const QString& scope : op.scopes) {
        if (grant->scopes.contains(scope))
            kept.append(scope);
    }
    return kept;
}

Result<Grant> Gatekeeper::grantByPassword(const Operation& op)
{
    Grant grant;
    grant.host = op.host;
    grant.scopes = op.scopes;
    grant.duration = op.details.value(kExpiry, QStringLiteral("1h")).toString();
    grant.policy = SigningPolicy::Allow;
    grant.identity = op.details.value(kIdentity).toString();
    return m_grants->save(grant);
}

quint64 Gatekeeper::epoch() const
{
    QMutexLocker lock(&m_mutex);
    return m_epoch;
}

QByteArray Gatekeeper::bankKey(const Operation& op)
{
    const QByteArray digest = op.kind == ApprovalKind::Connect ? connectDigest(op.scopes) : op.digest;
    const QByteArray host = op.host.toUtf8();
    return ApprovalBroker::kindName(op.kind).toUtf8() + '\n' + QByteArray::number(host.size()) + ':' + host +
           '\n' + digest;
}

void Gatekeeper::bank(const Operation& op, quint64 askedInEpoch)
{
    const qint64 now = m_clock.nowMs();
    QMutexLocker lock(&m_mutex);
    if (askedInEpoch != m_epoch)
        return; // asked before a lock: nothing outlives it
    for (auto it = m_bank.begin(); it != m_bank.end();)
        it = it.value() < now ? m_bank.erase(it) : std::next(it);
    m_bank.insert(bankKey(op), now + kBankMs);
}

bool Gatekeeper::takeBanked(const Operation& op)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_bank.find(bankKey(op));
    if (it == m_bank.end())
        return false;
    const bool fresh = it.value() >= m_clock.nowMs();
    m_bank.erase(it); // one use
    return fresh;
}

bool Gatekeeper::allowedForAWhile(const QString& host) const
{
    return m_allowedUntil.value(host, 0) > m_clock.nowMs();
}

bool Gatekeeper::standingAnswerCovers(const ApprovalRequest& request) const
{
    // Only answers the person gave meanwhile count here; the policy was judged by check().
    if (request.kind == ApprovalKind::Transaction)
        return false; // each transaction is shown
    if (request.kind == ApprovalKind::Connect && isOAuthClientHost(request.host))
        return oauthStandingCovers(request);
    if (request.kind == ApprovalKind::Connect) {
        const auto grant = m_grants->find(request.host);
        return grant && covers(*grant, request.details.value(kScopes).toStringList());
    }
    QMutexLocker lock(&m_mutex);
    return allowedForAWhile(request.host);
}

bool Gatekeeper::recordAnswer(const ApprovalRequest& request, const ApprovalAnswer& answer)
{
    if (request.kind != ApprovalKind::Connect) {
        if (answer.allowForAWhile && request.kind != ApprovalKind::Transaction) {
            QMutexLocker lock(&m_mutex);
            m_allowedUntil.insert(request.host, m_clock.nowMs() + kAllowForAWhileMs);
        }
        return true;
    }
    if (isOAuthClientHost(request.host))
        return recordOAuthAnswer(request, answer);
    // A Connect approval leaves a grant, so the client's next call succeeds at once. Without the
    // dialog's choices, it is what was asked, with the site's signing policy so far (a new site's
    // signing asks every time).
    const QStringList asked = request.details.value(kScopes).toStringList();
    Grant grant;
    if (answer.grant) {
        grant = *answer.grant;
        QStringList kept; // a dialog can untick scopes, never add one
        for (const QString& scope : std::as_const(grant.scopes)) {
            if (asked.contains(scope))
                kept.append(scope);
        }
        grant.scopes = kept;
    } else {
        grant.scopes = asked;
        grant.duration = request.details.value(kExpiry, QStringLiteral("1h")).toString();
        grant.identity = request.details.value(kIdentity).toString();
        const QVariant policy = request.details.value(kPolicy);
        grant.policy = policy.isValid() && SigningPolicy(policy.toInt()) == SigningPolicy::Allow
                           ? SigningPolicy::Allow
                           : SigningPolicy::AskEveryTime;
    }
    grant.host = request.host; // a dialog cannot grant another host
    if (!m_grants->save(grant))
        return false;
    // A new consent starts afresh: an allowance given under the previous grant (which the sites
    // window may have revoked since) does not carry over.
    QMutexLocker lock(&m_mutex);
    m_allowedUntil.remove(request.host);
    return true;
}

void Gatekeeper::forgetSession()
{
    QMutexLocker lock(&m_mutex);
    m_allowedUntil.clear();
    m_bank.clear();
    m_choices.clear();
}

void Gatekeeper::onLock()
{
    {
        QMutexLocker lock(&m_mutex);
        ++m_epoch;
    }
    forgetSession(); // at once, on whichever thread locked
    if (!m_broker)
        return;
    // The queue belongs to the broker's thread. Forgetting again there drops an allowance that an
    // answer given in the meantime (before the cancel) recorded.
    const auto onBrokerThread = [this] {
        if (m_broker)
            m_broker->rejectAll();
        forgetSession();
    };
    if (QThread::currentThread() == thread())
        onBrokerThread();
    else
        QMetaObject::invokeMethod(this, onBrokerThread, Qt::QueuedConnection);
}

} // namespace tokenpass::access
