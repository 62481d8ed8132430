#include "access/Gatekeeper.h"

// The Gatekeeper's OAuth consent rules (OAUTH.md §5.2 rule 7, §6; issue 16 item 3): when a
// remembered consent spares the dialog, what the native dialog is shown, and what its answer
// leaves behind.

namespace tokenpass::access {

namespace {

const QString kScopes = QStringLiteral("scopes");
const QString kIdentity = QStringLiteral("identity");
const QString kPrompt = QStringLiteral("prompt");
const QString kWantedIdentity = QStringLiteral("oauthIdentity"); // a request naming its identity

QString clientOf(const QString& host)
{
    return host.mid(oauthHostPrefix().size());
}

// The route says the wallet was locked when the request came. A remembered consent cannot issue a
// code then (no key), so the person is asked: the unlock dialog first in GUI mode, the form's
// password in headless mode (OAUTH.md "Locked wallet"). An answer given meanwhile still counts.
bool walletWasLocked(const QVariantMap& details)
{
    return details.value(QStringLiteral("walletLocked")).toBool();
}

bool forcedConsent(const QVariantMap& details)
{
    // prompt=consent asks again even when a remembered consent covers the request (devices too).
    return details.value(kPrompt).toString() == QLatin1String("consent");
}

} // namespace

void Gatekeeper::setOAuthConsents(std::shared_ptr<OAuthConsents> consents)
{
    m_consents = std::move(consents);
}

std::shared_ptr<OAuthConsents> Gatekeeper::oauthConsents() const
{
    return m_consents;
}

// The remembered-consent rule: the same client, the same scopes or fewer, the same identity (a
// request that names none takes the remembered one). A wider scope set or another identity asks.
std::optional<RememberedConsent> Gatekeeper::rememberedCover(const QString& host, const QStringList& scopes,
                                                             const QString& identity) const
{
    if (!m_consents || !isOAuthClientHost(host))
        return std::nullopt;
    auto remembered = m_consents->find(clientOf(host));
    if (!remembered)
        return std::nullopt;
    for (const QString& scope : scopes) {
        if (!remembered->scopes.contains(scope))
            return std::nullopt;
    }
    if (!identity.isEmpty() && identity != remembered->identity)
        return std::nullopt;
    return remembered;
}

Check Gatekeeper::checkOAuthConsent(const Operation& op)
{
    Check result;
    result.scopes = op.scopes;
    const bool forced = forcedConsent(op.details);
    if (!forced && !walletWasLocked(op.details)) {
        if (const auto remembered =
                rememberedCover(op.host, op.scopes, op.details.value(kWantedIdentity).toString())) {
            result.verdict = Verdict::Allowed;
            result.identity = remembered->identity;
            return result;
        }
    }
    const ApprovalBroker* broker = m_broker.data();
    if (!broker || broker->headless()) {
        // Nobody sees a dialog: the consent form's wallet password is the person's approval.
        result.verdict = op.passwordVerified ? Verdict::Allowed : Verdict::CheckPassword;
        return result;
    }
    // The person answered this very question after its client stopped waiting.
    if (!forced && takeBanked(op)) {
        if (const auto chosen = consentOutcome(op)) {
            result.verdict = Verdict::Allowed;
            result.scopes = chosen->scopes;
            result.identity = chosen->identity;
            return result;
        }
    }
    result.scopes.clear();
    result.verdict = broker->canAsk() ? Verdict::Ask : Verdict::Denied;
    return result;
}

void Gatekeeper::addOAuthDetails(ApprovalRequest& request) const
{
    const QString clientId = clientOf(request.host);
    request.details.insert(QStringLiteral("oauthClientId"), clientId);
    if (!m_consents)
        return;
    // The chooser preselects the identity remembered for this client, if any.
    if (const auto remembered = m_consents->find(clientId);
        remembered && !request.details.contains(kIdentity))
        request.details.insert(kIdentity, remembered->identity);
    // OAUTH.md "Decided": a client that registered again may continue as an earlier private identity.
    QVariantList earlier;
    for (const PrivateIdentity& id : oauthPrivateChoices(clientId, QString()).mid(1))
        earlier.append(QVariantMap{{QStringLiteral("identity"), id.identity},
                                   {QStringLiteral("clientName"), id.clientName}});
    request.details.insert(QStringLiteral("oauthPrivateIdentities"), earlier);
}

bool Gatekeeper::oauthStandingCovers(const ApprovalRequest& request) const
{
    return !forcedConsent(request.details) && !walletWasLocked(request.details) &&
           rememberedCover(request.host, request.details.value(kScopes).toStringList(),
                           request.details.value(kWantedIdentity).toString());
}

bool Gatekeeper::recordOAuthAnswer(const ApprovalRequest& request, const ApprovalAnswer& answer)
{
    const QString clientId = clientOf(request.host);
    const QStringList asked = request.details.value(kScopes).toStringList();
    const ConsentChoice choice = answer.consent.value_or(ConsentChoice{});
    // A dialog chooses among what it offered: any BAP identity (the provider refuses an unknown
    // one), this client's private identity, or one used before.
    if (!acceptOAuthIdentity(clientId, request.details.value(QStringLiteral("oauthClientName")).toString(),
                             choice.identity))
        return false;
    // The client's grant keeps its place in the sites window and the signing policy of the MCP
    // tools (McpToolCalls); whether to ask for consent is decided by the remembered consent only.
    Grant grant;
    grant.host = request.host;
    grant.scopes = asked;
    grant.duration = request.details.value(QStringLiteral("expiry"), QStringLiteral("1h")).toString();
    grant.identity = choice.identity;
    const auto previous = m_grants->find(request.host);
    grant.policy = previous ? previous->policy : SigningPolicy::AskEveryTime;
    if (!m_grants->save(grant))
        return false;
    if (choice.remember && m_consents && !m_consents->remember(clientId, asked, choice.identity))
        return false;
    const qint64 now = m_clock.nowMs();
    QMutexLocker lock(&m_mutex);
    for (auto it = m_choices.begin(); it != m_choices.end();)
        it = it->expiresMs < now ? m_choices.erase(it) : std::next(it);
    Operation op;
    op.kind = ApprovalKind::Connect;
    op.host = request.host;
    op.scopes = asked;
    m_choices.insert(bankKey(op), Choice{{asked, choice.identity}, now + kBankMs});
    m_allowedUntil.remove(request.host);
    return true;
}

QList<PrivateIdentity> Gatekeeper::oauthPrivateChoices(const QString& clientId,
                                                       const QString& clientName) const
{
    QList<PrivateIdentity> out{{privateIdentityFor(clientId), clientId, clientName}};
    if (!m_consents)
        return out;
    for (const PrivateIdentity& id : m_consents->privateIdentities()) {
        if (id.clientId != clientId)
            out.append(id);
    }
    return out;
}

bool Gatekeeper::acceptOAuthIdentity(const QString& clientId, const QString& clientName,
                                     const QString& identity)
{
    if (!isPrivateIdentity(identity))
        return true;
    const QString owner = privateIdentityClient(identity);
    if (owner == clientId)
        return !m_consents || bool(m_consents->notePrivateIdentity(clientId, clientName));
    if (!m_consents)
        return false;
    for (const PrivateIdentity& id : m_consents->privateIdentities()) {
        if (id.clientId == owner)
            return true;
    }
    return false;
}

std::optional<Gatekeeper::ConsentOutcome> Gatekeeper::consentOutcome(const Operation& op) const
{
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_choices.constFind(bankKey(op));
        if (it != m_choices.constEnd() && it->expiresMs >= m_clock.nowMs())
            return it->outcome;
    }
    // Approved without the dialog: a remembered consent covered it when it was about to be shown.
    if (!forcedConsent(op.details)) {
        if (const auto remembered =
                rememberedCover(op.host, op.scopes, op.details.value(kWantedIdentity).toString()))
            return ConsentOutcome{op.scopes, remembered->identity};
    }
    return std::nullopt;
}

} // namespace tokenpass::access
