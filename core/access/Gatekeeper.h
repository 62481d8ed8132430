#pragma once

#include "Clock.h"
#include "Result.h"
#include "access/ApprovalBroker.h"
#include "access/Grants.h"
#include "access/OAuthConsents.h"
#include "store/SpendingAllowances.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <initializer_list>
#include <memory>
#include <optional>

namespace tokenpass::access {

// Transaction: what a spending allowance would count, as the route worked it out from the plan.
// The rule on these facts (what an allowance may cover) is the Gatekeeper's.
struct SpendFacts
{
    std::int64_t netSpend = 0;     // TX.md "you spend": signed inputs − change to us (fee included)
    bool amountsVerified = false;  // every signed input's amount is proven (BEEF) or remembered
    bool outputsCommitted = false; // every signature commits to every output (base type ALL)
};
// The grant host of an OAuth client ("oauth:" + client_id, OAUTH.md): reserved, so that no site
// can name itself so in POST /api/auth and borrow a client's consent.
inline const QString& oauthHostPrefix()
{
    static const QString prefix = QStringLiteral("oauth:");
    return prefix;
}
inline bool isOAuthClientHost(const QString& host)
{
    return host.startsWith(oauthHostPrefix());
}

// Operation::digest for Sign/Encrypt/Decrypt: SHA-256 (hex) over the length-prefixed parts, so an
// identical retry matches a banked approval and no two different contents collide by concatenation.
QByteArray contentDigest(std::initializer_list<QByteArray> parts);

// One thing a site wants done, as the Gatekeeper judges it.
struct Operation
{
    ApprovalKind kind = ApprovalKind::Sign;
    QString host;
    QString origin;      // the browser Origin, empty for native clients (shown in the dialog)
    QStringList scopes;  // Connect: the scopes asked for
    QString summary;     // Sign/Encrypt/Decrypt: what the dialog shows
    QByteArray digest;   // Sign/Encrypt/Decrypt: the exact content (an identical retry has the same)
    QVariantMap details; // Connect: "expiry", "identity", "icon", for the consent dialog;
                         // Transaction: "transaction", what the transaction dialog shows
    // Transaction: the request carried the wallet password, and the route has verified it.
    // OAuth consent (Connect for an "oauth:" host): the consent form's password was verified.
    bool passwordGiven = false;
    bool passwordVerified = false;
    // Transaction: for the spending allowance; unset = not countable (always ask).
    std::optional<SpendFacts> spend;
};

enum class Verdict
{
    Allowed, // go ahead without asking
    Denied,  // nobody can be asked (headless, no UI): answer as a refusal
    Ask,     // the person decides: ask() and hold the reply
    // Transaction, headless: the request's wallet password approves it once verified; verify it
    // (with the unlock back-off) and check again with passwordVerified.
    // OAuth consent, headless: the person approves in the consent form (OAUTH.md §6) with the
    // wallet password; verified the same way.
    CheckPassword,
    // Transaction: the site's spending allowance covers it; the amount is held in
    // Check::allowance. Sign without asking, then settleAllowance() (the person is notified).
    CoveredByAllowance,
};

// Why a Denied was denied, when the caller must answer differently.
enum class DenyReason
{
    NobodyToAsk,
    PasswordNotAccepted, // Transaction with a password while the person can be asked (GUI mode)
    PasswordRequired,    // Transaction without a password in headless mode
    MissingScope,        // an MCP tool the access token's scopes do not cover (403 insufficient_scope)
    UnknownSite,         // revoke_site: no connected site or app has that host
};

// The scope an OAuth client needs to see and disconnect the connected sites and apps (the MCP
// tools list_sites and revoke_site).
inline const QString& manageSitesScope()
{
    static const QString scope = QStringLiteral("manage_sites");
    return scope;
}

// An OAuth client (MCP) that wants to list the connected sites, or to revoke one.
struct SiteManagement
{
    QString caller;         // its grant host, "oauth:<client_id>"
    QStringList heldScopes; // its access token's scopes
    QString target;         // revoke: the host as listed; empty: list
    bool targetConnected = false;
};

struct Check
{
    Verdict verdict = Verdict::Denied;
    QStringList scopes; // Connect, Allowed: the scopes the token gets
    QString identity;   // OAuth consent, Allowed: the identity the token speaks for (empty: primary)
    DenyReason reason = DenyReason::NobodyToAsk;
    // CoveredByAllowance: the held amount. Dropped unspent, it is given back.
    std::shared_ptr<store::SpendingAllowances::Reservation> allowance;
};

// The one place that decides "allowed, denied, or ask the person" (DESIGN.md "Consent and
// approval model"), and that runs the asking through the ApprovalBroker. It owns:
// - the grant rules: when a grant covers a Connect, how the token's scopes follow the grant,
//   and the grant a password or a consent leaves;
// - the signing policy: "ask every time" asks, unless the site is allowed for a while or the
//   identical operation was approved after its client had stopped waiting (banked);
// - the transaction rule (TX.md §0): with someone to ask, every transaction is asked (no policy,
//   allowance or password skips it, and a password in the request is refused); headless, the
//   request's verified wallet password approves that one transaction;
// - the spending allowance (issue 17): a transaction without a password whose verified net spend
//   fits under what is left of the site's 24-hour allowance is covered: no dialog (GUI) and no
//   password (headless). Allowance 0 (the default) covers nothing;
// - the OAuth consent rule (OAUTH.md §5.2 rule 7, §6): a client's standing grant covers a request
//   unless it says prompt=consent; otherwise the person is asked (GUI) or, headless, approves in
//   the consent form with the wallet password;
// - the remembered OAuth consent (issue 16 item 3): when the person ticked "remember this
//   decision", the same client asking for the same scopes or fewer, as the same identity (or not
//   naming one), is allowed without asking, as that identity;
// - the MCP scope rule, and managing the connected sites (manage_sites): listing and revoking
//   need the scope, revoking needs a connected target;
// - onLock(), which forgets allowances and banked approvals and rejects every pending question.
//
// Threads (docs/ARCHITECTURE.md): it lives on the broker's thread (GUI). check(), ask(),
// grantedScopes(), grantByPassword(), bank() and onLock() may be called from any thread (the
// routes call them on the server thread); the broker hooks run on the broker's thread. Its own
// state is behind one mutex; grants are thread-safe (access::Grants).
class Gatekeeper : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kAllowForAWhileMs = 15 * 60 * 1000; // DESIGN.md: "for 15 minutes"
    static constexpr qint64 kBankMs = 120000; // an approval waits this long for its client's retry

    // broker may be null: nobody can be asked, so what needs the person is denied. The broker
    // must outlive every use of this object, and live on the same thread; its hooks are installed
    // here and removed by the destructor.
    Gatekeeper(std::shared_ptr<Grants> grants, ApprovalBroker* broker, const Clock& clock = Clock::system(),
               QObject* parent = nullptr);
    ~Gatekeeper() override;

    // The per-site spending allowances (issue 17). Unset: no transaction is ever covered.
    void setAllowances(std::shared_ptr<store::SpendingAllowances> allowances);
    std::shared_ptr<store::SpendingAllowances> allowances() const;
    // The remembered OAuth consents and private identities. Unset: nothing is remembered.
    void setOAuthConsents(std::shared_ptr<OAuthConsents> consents);
    std::shared_ptr<OAuthConsents> oauthConsents() const;
    // CoveredByAllowance, after the signature was made: records the spend and emits
    // allowanceSpent. Answers what is left today. A signing that failed simply drops the Check.
    std::uint64_t settleAllowance(const Check& check, const QString& txid);

    // Allowed, Denied or Ask. An Allowed that rests on a banked approval uses it up.
    Check check(const Operation& op);
    // Puts the question to the person. The outcome arrives as approvalFinished(id, ...); 0 means
    // nobody can be asked (treat as denied).
    quint64 ask(const Operation& op);
    // Connect, after an approval: the scopes the token gets (those asked that the grant holds;
    // the person may have unticked some).
    QStringList grantedScopes(const Operation& op) const;
    // OAuth consent, after an approval: the scopes and the identity the person chose (or, when a
    // remembered consent covered the question, its identity). nullopt: nothing was approved.
    struct ConsentOutcome
    {
        QStringList scopes;
        QString identity; // empty: the primary
    };
    std::optional<ConsentOutcome> consentOutcome(const Operation& op) const;
    // OAuth consent (OAUTH.md "Decided"): the private identities the person may choose for
    // `clientId` besides the BAP identities: its own first, then those used before with other
    // clients (by the client name they were used with). The dialog and the headless form offer these.
    QList<PrivateIdentity> oauthPrivateChoices(const QString& clientId, const QString& clientName) const;
    // The person chose `identity` for `clientId` (dialog or form). A private identity must be this
    // client's own (noted now, with `clientName`) or one used before; false refuses the choice.
    // BAP identities pass here (the provider refuses an unknown one).
    bool acceptOAuthIdentity(const QString& clientId, const QString& clientName, const QString& identity);
    // MCP tools: a tool that needs a scope runs only for an access token that holds it.
    static bool toolAllowed(const QStringList& heldScopes, const QString& neededScope);
    // list_sites / revoke_site (GatekeeperSites.cpp): Allowed, or Denied with MissingScope or
    // UnknownSite. Never Ask: the person chose the scope at consent, and every revoke is audited.
    Check checkSiteManagement(const SiteManagement& request) const;
    // API.md decision 5: a password is consent to what was asked, with policy "allow".
    Result<Grant> grantByPassword(const Operation& op);

    // Lock generation: bumped by onLock(). Take it before ask() and hand it to bank(), so an
    // approval that arrives after a lock is not kept.
    quint64 epoch() const;
    // The approval of `op` arrived after its client was answered "waiting" (or left): the
    // identical retry within kBankMs is allowed once.
    void bank(const Operation& op, quint64 askedInEpoch);

    // DESIGN.md "Lock model": forgets allowances and banked approvals at once, then (on the
    // broker's thread) rejects every pending and queued question.
    void onLock();

Q_SIGNALS:
    // The broker's outcome for an id from ask(), relayed (queued to other threads).
    void approvalFinished(quint64 id, tokenpass::access::ApprovalOutcome outcome);
    // A transaction was signed within host's allowance without asking (any thread; the tray
    // shows it): satoshis spent, satoshis left in the current 24 hours.
    void allowanceSpent(const QString& host, qint64 satoshis, qint64 left);

private:
    bool allowedForAWhile(const QString& host) const; // caller holds m_mutex
    Check checkTransaction(const Operation& op);
    std::shared_ptr<store::SpendingAllowances::Reservation> coveredByAllowance(const Operation& op) const;
    Check checkOAuthConsent(const Operation& op);
    // The remembered consent that covers `scopes` as `identity` (empty: any) for an "oauth:" host.
    std::optional<RememberedConsent> rememberedCover(const QString& host, const QStringList& scopes,
                                                     const QString& identity) const;
    void addOAuthDetails(ApprovalRequest& request) const; // what the OAuth consent dialog shows
    bool recordOAuthAnswer(const ApprovalRequest& request, const ApprovalAnswer& answer);
    bool oauthStandingCovers(const ApprovalRequest& request) const; // a remembered consent, wallet unlocked
    bool takeBanked(const Operation& op);
    static QByteArray bankKey(const Operation& op);
    ApprovalRequest requestFor(const Operation& op) const;
    // The broker's hooks (broker thread).
    bool standingAnswerCovers(const ApprovalRequest& request) const;
    bool recordAnswer(const ApprovalRequest& request, const ApprovalAnswer& answer);
    void forgetSession();

    std::shared_ptr<Grants> m_grants;
    QPointer<ApprovalBroker> m_broker; // a guard for the destructor; the broker must outlive us
    const Clock& m_clock;
    std::shared_ptr<store::SpendingAllowances> m_allowances; // set once, before the server starts
    std::shared_ptr<OAuthConsents> m_consents;               // set once, before the server starts

    mutable QMutex m_mutex; // guards everything below
    quint64 m_epoch = 0;
    QHash<QString, qint64> m_allowedUntil; // host -> ms since the epoch
    QHash<QByteArray, qint64> m_bank;      // bankKey -> expiry (ms)
    struct Choice
    {
        ConsentOutcome outcome;
        qint64 expiresMs = 0;
    };
    QHash<QByteArray, Choice> m_choices; // OAuth consent answers, by bankKey, for kBankMs
};

} // namespace tokenpass::access
