// access::Gatekeeper: every rule that decides allowed / denied / ask, what answers leave behind,
// and the lock wipe. A real broker and grants table, the manual clock, and a lambda standing in
// for the person (it records what would be shown). No HTTP, no widgets.

#include "access/Gatekeeper.h"

#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "store/Database.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <gtest/gtest.h>

using namespace tokenpass;
using access::ApprovalAnswer;
using access::ApprovalKind;
using access::ApprovalOutcome;
using access::ApprovalRequest;
using access::Gatekeeper;
using access::Grant;
using access::Operation;
using access::SigningPolicy;
using access::Verdict;

namespace {

QStringList list(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* item : items)
        out.append(QString::fromLatin1(item));
    return out;
}

Operation connectOp(const char* host, const QStringList& scopes)
{
    Operation op;
    op.kind = ApprovalKind::Connect;
    op.host = QString::fromLatin1(host);
    op.scopes = scopes;
    op.details = {{QStringLiteral("expiry"), QStringLiteral("1d")},
                  {QStringLiteral("identity"), QStringLiteral("idA")}};
    return op;
}

Operation signOp(const char* host, const QByteArray& digest, ApprovalKind kind = ApprovalKind::Sign)
{
    Operation op;
    op.kind = kind;
    op.host = QString::fromLatin1(host);
    op.summary = QString::fromUtf8(digest);
    op.digest = digest;
    return op;
}

class GatekeeperTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db.isOk()) << qPrintable(db.error());
        m_grants = std::make_shared<access::Grants>(*db, m_clock);
        m_gatekeeper = std::make_unique<Gatekeeper>(m_grants, &m_broker, m_clock);
        m_consents = std::make_shared<access::OAuthConsents>(*db, m_clock);
        m_gatekeeper->setOAuthConsents(m_consents);
        QObject::connect(&m_broker, &access::ApprovalBroker::approvalRequested, &m_broker,
                         [this](const ApprovalRequest& r) { m_shown.append(r); });
        QObject::connect(m_gatekeeper.get(), &Gatekeeper::approvalFinished, &m_broker,
                         [this](quint64 id, ApprovalOutcome o) { m_outcomes.insert(id, o); });
    }

    void grant(const char* host, const QStringList& scopes, SigningPolicy policy = SigningPolicy::Allow)
    {
        Grant g;
        g.host = QString::fromLatin1(host);
        g.scopes = scopes;
        g.duration = QStringLiteral("1h");
        g.policy = policy;
        ASSERT_TRUE(m_grants->save(g));
    }
    Verdict verdict(const Operation& op) { return m_gatekeeper->check(op).verdict; }
    std::optional<ApprovalOutcome> outcome(quint64 id) const
    {
        const auto it = m_outcomes.find(id);
        return it == m_outcomes.end() ? std::nullopt : std::optional(it.value());
    }
    // Asks, and approves as the person would, with `answer`.
    quint64 askAndApprove(const Operation& op, ApprovalAnswer answer = {})
    {
        const quint64 id = m_gatekeeper->ask(op);
        EXPECT_FALSE(m_shown.isEmpty());
        m_broker.approve(id, std::move(answer));
        return id;
    }

    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::shared_ptr<access::Grants> m_grants;
    std::shared_ptr<access::OAuthConsents> m_consents;
    access::ApprovalBroker m_broker;
    std::unique_ptr<Gatekeeper> m_gatekeeper;
    QList<ApprovalRequest> m_shown;
    QHash<quint64, ApprovalOutcome> m_outcomes;
};

} // namespace

TEST_F(GatekeeperTest, ConnectIsAllowedOnlyWhenTheGrantHoldsEveryScopeAskedFor)
{
    EXPECT_EQ(verdict(connectOp("shop.example", list({"sign"}))), Verdict::Ask);
    grant("shop.example", list({"sign", "encrypt"}));
    const auto covered = m_gatekeeper->check(connectOp("shop.example", list({"encrypt"})));
    EXPECT_EQ(covered.verdict, Verdict::Allowed);
    EXPECT_EQ(covered.scopes, list({"encrypt"}));
    EXPECT_EQ(verdict(connectOp("shop.example", {})), Verdict::Allowed); // authentication only
    EXPECT_EQ(verdict(connectOp("shop.example", list({"sign", "decrypt"}))), Verdict::Ask);
    EXPECT_EQ(verdict(connectOp("other.example", list({"sign"}))), Verdict::Ask);
    EXPECT_TRUE(m_shown.isEmpty()); // check() never asks by itself
}

TEST_F(GatekeeperTest, AnExpiredGrantCoversNothingAndNoLongerMakesSigningAsk)
{
    grant("shop.example", list({"sign"}), SigningPolicy::AskEveryTime);
    EXPECT_EQ(verdict(signOp("shop.example", "m")), Verdict::Ask);
    m_clock.advance(2 * 3600 * 1000);
    EXPECT_EQ(verdict(connectOp("shop.example", list({"sign"}))), Verdict::Ask);
    // Without a grant the valid token is enough (tokens from before grants existed).
    EXPECT_EQ(verdict(signOp("shop.example", "m")), Verdict::Allowed);
}

TEST_F(GatekeeperTest, AnEscalationAsksWithTheNewScopesMarkedAndTheApprovalCoversIt)
{
    grant("shop.example", list({"sign"}));
    const Operation more = connectOp("shop.example", list({"sign", "encrypt"}));
    ASSERT_EQ(verdict(more), Verdict::Ask);
    Grant chosen;
    chosen.scopes = list({"sign", "encrypt"});
    chosen.duration = QStringLiteral("1w");
    chosen.policy = SigningPolicy::Allow;
    const quint64 id = askAndApprove(more, {chosen, false});
    ASSERT_EQ(m_shown.size(), 1);
    const ApprovalRequest& shown = m_shown.first();
    EXPECT_EQ(shown.kind, ApprovalKind::Connect);
    EXPECT_EQ(shown.details.value(QStringLiteral("scopes")).toStringList(), list({"sign", "encrypt"}));
    EXPECT_EQ(shown.details.value(QStringLiteral("newScopes")).toStringList(), list({"encrypt"}));
    EXPECT_EQ(shown.details.value(QStringLiteral("policy")).toInt(), int(SigningPolicy::Allow));
    EXPECT_EQ(outcome(id), ApprovalOutcome::Approved);
    const auto now = m_gatekeeper->check(more);
    EXPECT_EQ(now.verdict, Verdict::Allowed);
    EXPECT_EQ(now.scopes, list({"sign", "encrypt"}));
}

TEST_F(GatekeeperTest, ADeniedEscalationKeepsTheOldGrantAndAsksAgainNextTime)
{
    grant("shop.example", list({"sign"}));
    const Operation more = connectOp("shop.example", list({"sign", "encrypt"}));
    const quint64 id = m_gatekeeper->ask(more);
    m_broker.deny(id);
    EXPECT_EQ(outcome(id), ApprovalOutcome::Denied);
    EXPECT_EQ(m_grants->find(QStringLiteral("shop.example"))->scopes, list({"sign"}));
    EXPECT_EQ(verdict(connectOp("shop.example", list({"sign"}))), Verdict::Allowed);
    EXPECT_EQ(verdict(more), Verdict::Ask);
}

TEST_F(GatekeeperTest, AConsentWithoutChoicesGrantsWhatWasAskedAndAsksEveryTime)
{
    askAndApprove(connectOp("shop.example", list({"sign", "decrypt"})));
    const auto saved = m_grants->find(QStringLiteral("shop.example"));
    ASSERT_TRUE(saved.has_value());
    EXPECT_EQ(saved->scopes, list({"sign", "decrypt"}));
    EXPECT_EQ(saved->duration, QStringLiteral("1d"));
    EXPECT_EQ(saved->identity, QStringLiteral("idA"));
    EXPECT_EQ(saved->policy, SigningPolicy::AskEveryTime);
    EXPECT_EQ(m_shown.first().summary, QStringLiteral("sign, decrypt"));
    EXPECT_TRUE(m_shown.first().details.value(QStringLiteral("newScopes")).toStringList().isEmpty());
}

TEST_F(GatekeeperTest, ApprovingAnEscalationAsAskedKeepsTheSitesSigningPolicy)
{
    grant("allow.example", list({"sign"}), SigningPolicy::Allow);
    askAndApprove(connectOp("allow.example", list({"sign", "encrypt"})));
    EXPECT_EQ(m_grants->find(QStringLiteral("allow.example"))->policy, SigningPolicy::Allow);
    grant("ask.example", list({"sign"}), SigningPolicy::AskEveryTime);
    askAndApprove(connectOp("ask.example", list({"sign", "encrypt"})));
    const auto asked = m_grants->find(QStringLiteral("ask.example"));
    EXPECT_EQ(asked->policy, SigningPolicy::AskEveryTime);
    EXPECT_EQ(asked->scopes, list({"sign", "encrypt"}));
}

TEST_F(GatekeeperTest, AConsentGrantsOnlyTheAskingHostAndNeverMoreThanAsked)
{
    Grant chosen;
    chosen.host = QStringLiteral("evil.example");
    chosen.scopes = list({"sign", "decrypt"});
    chosen.duration = QStringLiteral("1h");
    askAndApprove(connectOp("shop.example", list({"sign"})), {chosen, false});
    EXPECT_FALSE(m_grants->find(QStringLiteral("evil.example")).has_value());
    EXPECT_EQ(m_grants->find(QStringLiteral("shop.example"))->scopes, list({"sign"}));
}

TEST_F(GatekeeperTest, AConsentThatCannotBeSavedIsADenial)
{
    Grant broken;
    broken.scopes = list({"sign"});
    broken.duration = QStringLiteral("1y"); // not a duration: the save fails
    const quint64 id = askAndApprove(connectOp("shop.example", list({"sign"})), {broken, false});
    EXPECT_EQ(outcome(id), ApprovalOutcome::Denied);
    EXPECT_FALSE(m_grants->find(QStringLiteral("shop.example")).has_value());
}

TEST_F(GatekeeperTest, UntickedScopesNarrowOnlyTheRetryOfTheQuestionThePersonAnswered)
{
    const Operation asked = connectOp("shop.example", list({"sign", "decrypt"}));
    Grant chosen;
    chosen.scopes = list({"sign"}); // decrypt unticked
    chosen.duration = QStringLiteral("1h");
    const quint64 epoch = m_gatekeeper->epoch();
    askAndApprove(asked, {chosen, false});
    EXPECT_EQ(m_gatekeeper->grantedScopes(asked), list({"sign"}));
    // Without the banked answer the same question is asked again: decrypt is not granted.
    EXPECT_EQ(verdict(asked), Verdict::Ask);
    // The client had been told to wait: its identical retry gets what the person allowed, once.
    m_gatekeeper->bank(asked, epoch);
    EXPECT_EQ(verdict(connectOp("shop.example", list({"decrypt", "encrypt"}))), Verdict::Ask);
    const auto retry = m_gatekeeper->check(connectOp("shop.example", list({"decrypt", "sign"})));
    EXPECT_EQ(retry.verdict, Verdict::Allowed); // the same scopes, in another order
    EXPECT_EQ(retry.scopes, list({"sign"}));
    EXPECT_EQ(verdict(asked), Verdict::Ask);
}

TEST_F(GatekeeperTest, SigningAsksOnlyUnderPolicyAskEveryTime)
{
    EXPECT_EQ(verdict(signOp("none.example", "m")), Verdict::Allowed);
    grant("allow.example", list({"sign"}), SigningPolicy::Allow);
    EXPECT_EQ(verdict(signOp("allow.example", "m")), Verdict::Allowed);
    grant("ask.example", list({"sign"}), SigningPolicy::AskEveryTime);
    for (const ApprovalKind kind : {ApprovalKind::Sign, ApprovalKind::Encrypt, ApprovalKind::Decrypt})
        EXPECT_EQ(verdict(signOp("ask.example", "m", kind)), Verdict::Ask);
}

TEST_F(GatekeeperTest, AllowForAWhileCoversThatHostForFifteenMinutes)
{
    grant("ask.example", list({"sign"}), SigningPolicy::AskEveryTime);
    grant("other.example", list({"sign"}), SigningPolicy::AskEveryTime);
    askAndApprove(signOp("ask.example", "first"), {std::nullopt, false});
    EXPECT_EQ(verdict(signOp("ask.example", "second")), Verdict::Ask); // approved once, not a while
    askAndApprove(signOp("ask.example", "second"), {std::nullopt, true});
    EXPECT_EQ(verdict(signOp("ask.example", "third")), Verdict::Allowed);
    EXPECT_EQ(verdict(signOp("ask.example", "x", ApprovalKind::Decrypt)), Verdict::Allowed);
    EXPECT_EQ(verdict(signOp("other.example", "third")), Verdict::Ask);
    m_clock.advance(Gatekeeper::kAllowForAWhileMs - 1);
    EXPECT_EQ(verdict(signOp("ask.example", "fourth")), Verdict::Allowed);
    m_clock.advance(2);
    EXPECT_EQ(verdict(signOp("ask.example", "fifth")), Verdict::Ask);
}

TEST_F(GatekeeperTest, ANewConsentEndsTheAllowanceGivenUnderTheOldGrant)
{
    grant("ask.example", list({"sign"}), SigningPolicy::AskEveryTime);
    askAndApprove(signOp("ask.example", "first"), {std::nullopt, true});
    ASSERT_EQ(verdict(signOp("ask.example", "second")), Verdict::Allowed);
    // Revoked in the sites window, then connected again: signing asks again.
    ASSERT_TRUE(m_grants->remove(QStringLiteral("ask.example")));
    askAndApprove(connectOp("ask.example", list({"sign"})));
    EXPECT_EQ(verdict(signOp("ask.example", "third")), Verdict::Ask);
}

TEST_F(GatekeeperTest, ABankedApprovalIsForTheIdenticalOperationOnceAndBriefly)
{
    grant("ask.example", list({"sign"}), SigningPolicy::AskEveryTime);
    const Operation pay = signOp("ask.example", "pay 1");
    m_gatekeeper->bank(pay, m_gatekeeper->epoch());
    EXPECT_EQ(verdict(signOp("ask.example", "pay 2")), Verdict::Ask);
    EXPECT_EQ(verdict(signOp("ask.example", "pay 1", ApprovalKind::Encrypt)), Verdict::Ask);
    EXPECT_EQ(verdict(signOp("other.example", "pay 1")), Verdict::Allowed); // no grant there at all
    EXPECT_EQ(verdict(pay), Verdict::Allowed);
    EXPECT_EQ(verdict(pay), Verdict::Ask); // used up

    m_gatekeeper->bank(pay, m_gatekeeper->epoch());
    m_clock.advance(Gatekeeper::kBankMs + 1);
    EXPECT_EQ(verdict(pay), Verdict::Ask);
}

TEST_F(GatekeeperTest, LockForgetsAllowancesAndBankedApprovalsAndRejectsEveryQuestion)
{
    grant("ask.example", list({"sign"}), SigningPolicy::AskEveryTime);
    askAndApprove(signOp("ask.example", "first"), {std::nullopt, true});
    const Operation banked = signOp("other.example", "x", ApprovalKind::Encrypt);
    grant("other.example", list({"encrypt"}), SigningPolicy::AskEveryTime);
    const quint64 before = m_gatekeeper->epoch();
    m_gatekeeper->bank(banked, before);
    const quint64 pendingConsent = m_gatekeeper->ask(connectOp("new.example", list({"sign"})));
    const quint64 pendingSign = m_gatekeeper->ask(signOp("other.example", "y"));

    m_gatekeeper->onLock();
    EXPECT_EQ(outcome(pendingConsent), ApprovalOutcome::Cancelled);
    EXPECT_EQ(outcome(pendingSign), ApprovalOutcome::Cancelled);
    EXPECT_EQ(verdict(signOp("ask.example", "second")), Verdict::Ask);
    EXPECT_EQ(verdict(banked), Verdict::Ask);
    EXPECT_FALSE(m_grants->find(QStringLiteral("new.example")).has_value());
    // An approval asked for before the lock that arrives after it is not kept either.
    EXPECT_NE(m_gatekeeper->epoch(), before);
    m_gatekeeper->bank(banked, before);
    EXPECT_EQ(verdict(banked), Verdict::Ask);
}

TEST_F(GatekeeperTest, LockOnAnotherThreadForgetsAtOnceAndCancelsOnTheBrokersThread)
{
    grant("ask.example", list({"sign"}), SigningPolicy::AskEveryTime);
    grant("other.example", list({"sign"}), SigningPolicy::AskEveryTime);
    askAndApprove(signOp("ask.example", "first"), {std::nullopt, true});
    const quint64 pending = m_gatekeeper->ask(signOp("other.example", "second"));
    ASSERT_EQ(verdict(signOp("ask.example", "third")), Verdict::Allowed);
    ASSERT_FALSE(outcome(pending).has_value());

    // As /api/logout does on the server thread.
    std::unique_ptr<QThread> server(QThread::create([this] { m_gatekeeper->onLock(); }));
    server->start();
    ASSERT_TRUE(server->wait(3000));
    EXPECT_EQ(verdict(signOp("ask.example", "third")), Verdict::Ask); // before any event runs
    EXPECT_FALSE(outcome(pending).has_value());                       // the queue is the GUI's
    ASSERT_TRUE(QTest::qWaitFor([&] { return outcome(pending).has_value(); }, 3000));
    EXPECT_EQ(outcome(pending), ApprovalOutcome::Cancelled);
}

TEST_F(GatekeeperTest, WithNobodyToAskWhatNeedsThePersonIsDenied)
{
    grant("ask.example", list({"sign"}), SigningPolicy::AskEveryTime);
    m_broker.setHeadless(true); // DESIGN.md "Command line": --headless
    EXPECT_EQ(verdict(connectOp("new.example", list({"sign"}))), Verdict::Denied);
    EXPECT_EQ(verdict(signOp("ask.example", "m")), Verdict::Denied);
    EXPECT_EQ(verdict(connectOp("ask.example", list({"sign"}))), Verdict::Allowed); // a grant still counts

    Gatekeeper alone(m_grants, nullptr, m_clock);
    EXPECT_EQ(alone.check(connectOp("new.example", list({"sign"}))).verdict, Verdict::Denied);
    EXPECT_EQ(alone.check(signOp("ask.example", "m")).verdict, Verdict::Denied);
    EXPECT_EQ(alone.check(connectOp("ask.example", list({"sign"}))).verdict, Verdict::Allowed);
    EXPECT_EQ(alone.ask(signOp("ask.example", "m")), 0u);
}

TEST_F(GatekeeperTest, IdenticalQuestionsJoinAndAQueuedOneIsAnsweredByAnAllowanceMeanwhile)
{
    grant("ask.example", list({"sign"}), SigningPolicy::AskEveryTime);
    const quint64 first = m_gatekeeper->ask(signOp("ask.example", "one"));
    const quint64 retry = m_gatekeeper->ask(signOp("ask.example", "one"));
    const quint64 other = m_gatekeeper->ask(signOp("ask.example", "two"));
    EXPECT_EQ(m_shown.size(), 1);
    m_broker.approve(first, {std::nullopt, true});
    EXPECT_EQ(outcome(first), ApprovalOutcome::Approved);
    EXPECT_EQ(outcome(retry), ApprovalOutcome::Approved);
    EXPECT_EQ(outcome(other), ApprovalOutcome::Approved); // covered by the allowance, never shown
    EXPECT_EQ(m_shown.size(), 1);
}

TEST_F(GatekeeperTest, ConnectRetriesJoinButAWiderQuestionWaitsAndIsStillAsked)
{
    const quint64 first = m_gatekeeper->ask(connectOp("shop.example", list({"sign", "encrypt"})));
    const quint64 retry = m_gatekeeper->ask(connectOp("shop.example", list({"encrypt", "sign"})));
    const quint64 wider = m_gatekeeper->ask(connectOp("shop.example", list({"sign", "encrypt", "decrypt"})));
    const quint64 narrower = m_gatekeeper->ask(connectOp("shop.example", list({"sign"})));
    EXPECT_EQ(m_shown.size(), 1);
    m_broker.approve(first);
    EXPECT_EQ(outcome(retry), ApprovalOutcome::Approved);
    // Each queued question is judged again when it comes up: the new grant covers the narrower
    // one, not the wider one, which is shown.
    EXPECT_FALSE(outcome(wider).has_value());
    ASSERT_EQ(m_shown.size(), 2);
    EXPECT_EQ(m_shown.last().id, wider);
    m_broker.deny(wider);
    EXPECT_EQ(outcome(narrower), ApprovalOutcome::Approved);
    EXPECT_EQ(m_shown.size(), 2);
}

TEST_F(GatekeeperTest, ATimeoutIsADenialAndLeavesNoGrant)
{
    m_broker.setTimeout(ApprovalKind::Connect, 20);
    const quint64 id = m_gatekeeper->ask(connectOp("slow.example", list({"sign"})));
    ASSERT_TRUE(QTest::qWaitFor([&] { return outcome(id).has_value(); }, 3000));
    EXPECT_EQ(outcome(id), ApprovalOutcome::TimedOut);
    EXPECT_FALSE(m_grants->find(QStringLiteral("slow.example")).has_value());
    EXPECT_EQ(verdict(connectOp("slow.example", list({"sign"}))), Verdict::Ask);
}

TEST_F(GatekeeperTest, APasswordGrantsWhatWasAskedWithSigningAllowed)
{
    grant("shop.example", list({"sign"}), SigningPolicy::AskEveryTime);
    ASSERT_TRUE(m_gatekeeper->grantByPassword(connectOp("shop.example", list({"sign", "encrypt"}))));
    const auto saved = m_grants->find(QStringLiteral("shop.example"));
    ASSERT_TRUE(saved.has_value());
    EXPECT_EQ(saved->scopes, list({"sign", "encrypt"}));
    EXPECT_EQ(saved->duration, QStringLiteral("1d"));
    EXPECT_EQ(saved->policy, SigningPolicy::Allow);
    EXPECT_EQ(verdict(connectOp("shop.example", list({"encrypt"}))), Verdict::Allowed);
    EXPECT_EQ(verdict(signOp("shop.example", "m")), Verdict::Allowed);
    EXPECT_TRUE(m_shown.isEmpty());
}

// Issue 17: transactions. With someone to ask, every one is asked: no policy "allow", no grant
// and no "allow for a while" skips it, and a password in the request is refused.
TEST_F(GatekeeperTest, EveryTransactionIsAskedInGuiModeAndAPasswordIsRefused)
{
    grant("allow.example", list({"transfer"}), SigningPolicy::Allow);
    const Operation pay = signOp("allow.example", "tx 1", ApprovalKind::Transaction);
    EXPECT_EQ(verdict(pay), Verdict::Ask);
    EXPECT_EQ(verdict(signOp("nogrant.example", "tx 1", ApprovalKind::Transaction)), Verdict::Ask);

    askAndApprove(pay, {std::nullopt, true}); // "allow for a while" means nothing here
    EXPECT_EQ(verdict(signOp("allow.example", "tx 2", ApprovalKind::Transaction)), Verdict::Ask);

    Operation withPassword = pay;
    withPassword.passwordGiven = true;
    withPassword.passwordVerified = true;
    const access::Check refused = m_gatekeeper->check(withPassword);
    EXPECT_EQ(refused.verdict, Verdict::Denied);
    EXPECT_EQ(refused.reason, access::DenyReason::PasswordNotAccepted);

    // The approval of this very transaction, after its client stopped waiting: once.
    m_gatekeeper->bank(pay, m_gatekeeper->epoch());
    EXPECT_EQ(verdict(signOp("allow.example", "tx 3", ApprovalKind::Transaction)), Verdict::Ask);
    EXPECT_EQ(verdict(pay), Verdict::Allowed);
    EXPECT_EQ(verdict(pay), Verdict::Ask);
}

TEST_F(GatekeeperTest, HeadlessTheVerifiedPasswordApprovesOneTransaction)
{
    m_broker.setHeadless(true);
    Operation pay = signOp("shop.example", "tx", ApprovalKind::Transaction);
    const access::Check none = m_gatekeeper->check(pay);
    EXPECT_EQ(none.verdict, Verdict::Denied);
    EXPECT_EQ(none.reason, access::DenyReason::PasswordRequired);
    pay.passwordGiven = true;
    EXPECT_EQ(verdict(pay), Verdict::CheckPassword);
    pay.passwordVerified = true;
    EXPECT_EQ(verdict(pay), Verdict::Allowed);

    // A Gatekeeper that can ask nobody at all is headless too.
    Gatekeeper alone(m_grants, nullptr, m_clock);
    EXPECT_EQ(alone.check(pay).verdict, Verdict::Allowed);
    pay.passwordVerified = false;
    EXPECT_EQ(alone.check(pay).verdict, Verdict::CheckPassword);
}

// Issue 16: an OAuth client's consent (host "oauth:<client_id>"). A remembered consent allows it
// unless prompt=consent; GUI asks; headless, the consent form's verified password approves it.
TEST_F(GatekeeperTest, OAuthConsentIsAskedInGuiAndApprovedByTheFormsPasswordHeadless)
{
    EXPECT_TRUE(access::isOAuthClientHost(QStringLiteral("oauth:abc")));
    EXPECT_FALSE(access::isOAuthClientHost(QStringLiteral("oauth.example")));
    Operation op = connectOp("oauth:client1", list({"openid"}));
    EXPECT_EQ(verdict(op), Verdict::Ask);

    m_broker.setHeadless(true);
    const access::Check form = m_gatekeeper->check(op);
    EXPECT_EQ(form.verdict, Verdict::CheckPassword);
    op.passwordVerified = true;
    const access::Check approved = m_gatekeeper->check(op);
    EXPECT_EQ(approved.verdict, Verdict::Allowed);
    EXPECT_EQ(approved.scopes, list({"openid"}));
    op.passwordVerified = false;

    // A remembered consent covers it, unless the client asks again with prompt=consent.
    ASSERT_TRUE(
        m_consents->remember(QStringLiteral("client1"), list({"openid", "profile"}), QStringLiteral("idA")));
    EXPECT_EQ(verdict(op), Verdict::Allowed);
    op.details.insert(QStringLiteral("prompt"), QStringLiteral("consent"));
    EXPECT_EQ(verdict(op), Verdict::CheckPassword);
    m_broker.setHeadless(false);
    EXPECT_EQ(verdict(op), Verdict::Ask);

    // A site's Connect never takes the form's path, headless or not.
    m_broker.setHeadless(true);
    EXPECT_EQ(verdict(connectOp("site.example", list({"sign"}))), Verdict::Denied);
    Gatekeeper alone(m_grants, nullptr, m_clock);
    op.details.clear();
    EXPECT_EQ(alone.check(connectOp("oauth:client2", {})).verdict, Verdict::CheckPassword);
}
